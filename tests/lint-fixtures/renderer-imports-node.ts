// Fixture: the renderer importing Node must fail lint.
import { join } from 'node:path';
export const x = join;
