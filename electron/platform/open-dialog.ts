// Electron's open dialog behind the OpenFileDialog port (electron/services/authorize/ca-file.ts), parented to the
// focused window: the admin picks the custom authority's CA file here, in main, never by a path the renderer sends.
import { BrowserWindow, dialog } from 'electron';
import type { OpenFileDialog } from '../services/authorize/ca-file';

export function electronOpenDialog(): OpenFileDialog {
  return {
    choose: async (o) => {
      const options = {
        title: o.title,
        filters: o.filters.map((f) => ({ name: f.name, extensions: [...f.extensions] })),
        properties: ['openFile' as const, 'dontAddToRecent' as const],
      };
      const win = BrowserWindow.getFocusedWindow();
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return r.canceled ? undefined : r.filePaths[0];
    },
  };
}
