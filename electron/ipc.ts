// Binds the handler table's dispatcher to ipcMain: one ipcMain.handle per contract method, the sender frame
// passed to the dispatcher, which refuses untrusted senders and invalid payloads. Never throws across IPC.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { METHOD_NAMES } from '../shared/contract-methods';
import type { CallContext, Dispatch } from './services/ipc/dispatch';

export function senderContext(event: IpcMainInvokeEvent): CallContext {
  const frame = event.senderFrame;
  return { senderUrl: frame?.url ?? '', isMainFrame: frame !== null && frame === event.sender.mainFrame };
}

export function bindIpc(dispatch: Dispatch): () => void {
  for (const method of METHOD_NAMES) {
    ipcMain.handle(method, (event, payload: unknown) => dispatch(method, payload, senderContext(event)));
  }
  return () => {
    for (const method of METHOD_NAMES) ipcMain.removeHandler(method);
  };
}
