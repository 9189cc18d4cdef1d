// Electron's FolderOpener: shell.openPath shows the folder in the system's file manager. Main only ever passes its
// own log folder (settings-handlers.ts), never a path from the renderer.
import { shell } from 'electron';
import type { FolderOpener } from '../services/settings/folder-opener';

export function electronFolderOpener(): FolderOpener {
  return {
    open: async (path) => {
      // openPath resolves with an error message, or '' when the folder was opened.
      const problem = await shell.openPath(path);
      if (problem !== '') throw new Error(problem);
    },
  };
}
