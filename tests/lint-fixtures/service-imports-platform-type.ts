// Fixture: even a type-only import of electron/platform from a service must fail lint.
import type { CleanWindow } from '../../platform/clean-window';
export type X = CleanWindow;
