// Fixture: the renderer importing main-process code must fail lint.
import { createHandlers } from '../../electron/services/ipc/handlers';
export const x = createHandlers;
