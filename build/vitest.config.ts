// Vitest for unit and integration tests (plain Node; never loads Electron), as two projects:
//   unit         tests/unit/**: pure; tests/support/unit-guard.ts fails any test that opens a socket or
//                starts a process, naming the file to move
//   integration  tests/integration/**: real sockets, the emulator, Dovecot, Chromium
// Both load tests/support/no-electron.ts. Run one with `--project unit` or `--project integration`.
// `--coverage` (what build/coverage.ts runs for `npm test`) writes V8 coverage, remapped to the sources, as Istanbul
// JSON into coverage/raw/vitest for the merged report; tests/support/coverage-children.ts makes the processes the
// tests start (the CLI run as a program) write their own raw V8 coverage beside it.
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
    coverage: {
      provider: 'v8',
      // Every file of the four rooms, loaded or not, so a file no test touches counts as 0%, not as absent.
      include: ['shared/**/*.ts', 'electron/**/*.ts', 'renderer/src/**/*.{ts,tsx}'],
      exclude: ['**/*.d.ts'],
      reporter: [['json', { file: 'coverage-final.json' }]],
      reportsDirectory: 'coverage/raw/vitest',
      // A failing run still leaves its data for the merge, which then reports what was measured.
      reportOnFailure: true,
    },
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
          setupFiles: ['tests/support/no-electron.ts', 'tests/support/coverage-children.ts'],
        },
      },
    ],
  },
});
