// Real-Electron smoke spec: launch the built app with Playwright's _electron and check the window and its
// hardening from the inside. Skipped, with the reason printed, when no Electron binary can be launched
// (a failure instead under MAH_REQUIRE_ELECTRON=1).
import { expect, test } from '@playwright/test';
import { callApi, electronSpec } from './launch';

test.describe('the main window', () => {
  const spec = electronSpec('app.spec.ts');

  test('opens the renderer from app://, isolated, and answers app.info over IPC', async () => {
    const { page } = await spec.launch();
    await expect(page).toHaveURL(/^app:\/\/renderer\//);
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
    const info = await callApi(page, 'app.info', {});
    expect(info).toMatchObject({ ok: true, value: { runtime: 'electron' } });
    // A page that tries to open a window gets nothing: setWindowOpenHandler denies it.
    expect(await page.evaluate(() => window.open('https://example.com') === null)).toBe(true);
  });
});
