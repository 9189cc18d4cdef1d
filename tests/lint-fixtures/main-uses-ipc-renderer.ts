// Fixture: raw ipcRenderer outside the preload must fail lint.
import { ipcRenderer } from 'electron';
export const x = ipcRenderer;
