// The repository root, for tests that read source files or configs by path (wherever the test file sits).
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
