// Screenshots of the whole page, not only the first window-full: the app scrolls inside <main> (the body never
// scrolls), so Playwright's fullPage option sees one viewport. The viewport is grown to fit <main>'s content for the
// picture and restored after. Used by the harness CLI, the demo and the e2e walk.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Page } from 'playwright-core';

/** Tallest picture taken (px): a runaway layout must not make a gigapixel PNG. */
export const MAX_SCREENSHOT_HEIGHT = 12_000;

/** The window height that shows all of <main>'s content, given the current layout. */
export async function fullContentHeight(page: Page): Promise<number> {
  return page.evaluate(() => {
    const main = document.querySelector('main');
    const viewport = document.documentElement.clientHeight;
    if (!main) return viewport;
    return Math.ceil(viewport - main.clientHeight + main.scrollHeight);
  });
}

/** Writes a PNG of the whole page to `path`; returns the picture's size. */
export async function fullPageScreenshot(page: Page, path: string): Promise<{ width: number; height: number }> {
  mkdirSync(dirname(path), { recursive: true });
  const before = page.viewportSize() ?? { width: 1280, height: 800 };
  const height = Math.min(MAX_SCREENSHOT_HEIGHT, Math.max(before.height, await fullContentHeight(page)));
  const scrollTop = await page.evaluate(() => document.querySelector('main')?.scrollTop ?? 0);
  if (height !== before.height) await page.setViewportSize({ width: before.width, height });
  try {
    await page.screenshot({ path, animations: 'disabled' });
  } finally {
    if (height !== before.height) {
      await page.setViewportSize(before);
      await page.evaluate((top) => {
        const main = document.querySelector('main');
        if (main) main.scrollTop = top;
      }, scrollTop);
    }
  }
  return { width: before.width, height };
}

/**
 * Where a --screenshot argument points: relative paths are taken from the folder the command was typed in (npm
 * sets INIT_CWD to it; npm run itself moves to the package root), absolute ones as they are.
 */
export function screenshotPath(arg: string, env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  return resolve(env.INIT_CWD ?? cwd, arg);
}
