// Vitest for unit and integration tests (plain Node; never loads Electron), as two projects:
//   unit         tests/unit/**: pure; tests/support/unit-guard.ts fails any test that opens a socket or
//                starts a process, naming the file to move
//   integration  tests/integration/**: real sockets, the emulator, Dovecot, Chromium
// Both load tests/support/no-electron.ts. Run one with `--project unit` or `--project integration`.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root,
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          setupFiles: ['tests/support/no-electron.ts', 'tests/support/unit-guard.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          setupFiles: ['tests/support/no-electron.ts'],
        },
      },
    ],
  },
});
