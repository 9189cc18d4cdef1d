// The preload: exposes window.api with exactly the contract's methods, each a thin ipcRenderer.invoke.
// Runs sandboxed with context isolation; no other Electron or Node API reaches the page.
import { contextBridge, ipcRenderer } from 'electron';
import { buildApiSurface } from '../shared/api-surface';

contextBridge.exposeInMainWorld(
  'api',
  buildApiSurface((method, payload) => ipcRenderer.invoke(method, payload)),
);
