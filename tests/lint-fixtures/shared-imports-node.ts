// Fixture: shared/ importing Node must fail lint.
import { readFileSync } from 'node:fs';
export const x = readFileSync;
