// Fixture: a service or CLI command importing electron/platform must fail lint; it takes a port instead.
import { openCleanWindow } from '../../platform/clean-window';
export const x = openCleanWindow;
