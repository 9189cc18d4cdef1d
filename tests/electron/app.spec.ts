// Real-Electron specs: launch the built app with Playwright's _electron and check the window and its
// hardening from the inside. Skipped, with the reason printed, when no Electron binary can be launched.
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { findElectronBinary } from './electron-binary';

const binary = findElectronBinary();
if (!binary.found) console.log(`[tests/electron] skipped: ${binary.reason}`);

test.describe('the packaged main window', () => {
  test.skip(!binary.found, binary.found ? '' : binary.reason);

  test('opens the renderer from app://, isolated, and answers app.info over IPC', async () => {
    if (!binary.found) return;
    const app = await electron.launch({
      executablePath: binary.path,
      args: [join(import.meta.dirname, '../../out/main/main.cjs')],
    });
    try {
      const page = await app.firstWindow();
      await expect(page).toHaveURL(/^app:\/\/renderer\//);
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
      const info = await page.evaluate(async () =>
        (globalThis as unknown as { api: { app: { info: (r: object) => Promise<unknown> } } }).api.app.info({}),
      );
      expect(info).toMatchObject({ ok: true, value: { runtime: 'electron' } });
      // A page that tries to open a window gets nothing: setWindowOpenHandler denies it.
      expect(await page.evaluate(() => window.open('https://example.com') === null)).toBe(true);
    } finally {
      await app.close();
    }
  });
});
