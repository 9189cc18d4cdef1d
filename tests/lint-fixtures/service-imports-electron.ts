// Fixture: a service (plain Node) importing Electron must fail lint.
import { safeStorage } from 'electron';
export const x = safeStorage;
