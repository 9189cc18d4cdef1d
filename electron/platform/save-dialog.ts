// Electron's save dialog behind the hand-over SaveDialog interface, parented to the focused window.
import { BrowserWindow, dialog } from 'electron';
import type { SaveDialog } from '../services/handover/save-dialog';

export function electronSaveDialog(): SaveDialog {
  return {
    choose: async (o) => {
      const options = {
        title: o.title,
        defaultPath: o.defaultName,
        filters: o.filters.map((f) => ({ name: f.name, extensions: [...f.extensions] })),
        properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
      };
      const win = BrowserWindow.getFocusedWindow();
      const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return r.canceled || !r.filePath ? undefined : r.filePath;
    },
  };
}
