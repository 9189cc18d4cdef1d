// Fixture (near miss): a type-only import of Electron in a service is allowed; it is erased at build.
import type { WebPreferences } from 'electron';
export type X = WebPreferences;
