// Fixture: shared/ depending on the main process must fail lint.
import { createHandlers } from '../electron/services/ipc/handlers';
export const x = createHandlers;
