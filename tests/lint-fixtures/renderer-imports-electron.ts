// Fixture: the renderer importing Electron must fail lint.
import { ipcRenderer } from 'electron';
export const x = ipcRenderer;
