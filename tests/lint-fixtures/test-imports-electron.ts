// Fixture: a test importing Electron must fail lint.
import { app } from 'electron';
export const x = app;
