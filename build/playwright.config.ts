// Playwright for the e2e specs: each spec starts the harness (tests/harness), which serves out/renderer and
// launches Debian's /usr/bin/chromium itself, so no Playwright browser download and no browser projects.
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

export default defineConfig({
  // e2e/ runs through the harness; electron/ launches the real app and skips, printing why, without a binary.
  testDir: fileURLToPath(new URL('../tests', import.meta.url)),
  testMatch: ['e2e/**/*.spec.ts', 'electron/**/*.spec.ts'],
  outputDir: fileURLToPath(new URL('../test-results', import.meta.url)),
  // One Chromium at a time: the CI machine is small and the specs share nothing but the CPU.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
});
