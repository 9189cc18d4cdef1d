// Fixture (near miss): electron/platform/* may import Electron.
import { safeStorage } from 'electron';
export const x = safeStorage;
