// Fixture: ipcMain outside ipc.ts must fail lint.
import { ipcMain } from 'electron';
export const x = ipcMain;
