// Electron's message box behind the ConfirmDialog port (services/app/confirm-dialog.ts): a warning parented to
// the focused window, Cancel first and the default (Enter and Esc both decline), no link-style buttons.
import { BrowserWindow, dialog, type MessageBoxOptions } from 'electron';
import type { ConfirmDialog } from '../services/app/confirm-dialog';

export function electronConfirmDialog(): ConfirmDialog {
  return {
    confirm: async (request) => {
      const options: MessageBoxOptions = {
        type: 'warning',
        title: 'Mailbox Auth Helper',
        message: request.message,
        detail: request.detail,
        buttons: ['Cancel', request.confirmLabel],
        defaultId: 0,
        cancelId: 0,
        noLink: true,
      };
      const win = BrowserWindow.getFocusedWindow();
      const r = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
      return r.response === 1;
    },
  };
}
