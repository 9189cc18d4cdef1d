// Owns benchmark 7: Electron cold start, launch → first window shown → shell interactive (main h1 visible
// and window.api.app.info answered), median of 10. Runs only where an Electron binary exists and the app
// is built (out/main/main.cjs); otherwise the section is skipped with the reason.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { findElectronBinary } from '../../build/electron-binary';
import { REPO_ROOT } from '../harness';
import { row, type SectionResult } from './report';
import { nowMs, summarize } from './stats';

const LAUNCHES = 10;

export async function benchElectronStart(): Promise<SectionResult> {
  const t0 = nowMs();
  const title = '7. Electron start (window shown, interactive)';
  const binary = findElectronBinary();
  if (!binary.found) return { id: 'electron-start', title, skipped: binary.reason, rows: [] };
  const main = join(REPO_ROOT, 'out/main/main.cjs');
  if (!existsSync(main))
    return { id: 'electron-start', title, skipped: `${main} is not built (run npm run build)`, rows: [] };
  const shown: number[] = [];
  const interactive: number[] = [];
  for (let i = 0; i < LAUNCHES; i++) {
    const a = nowMs();
    const app = await electron.launch({ executablePath: binary.path, args: [main] });
    try {
      const page = await app.firstWindow();
      shown.push(nowMs() - a);
      await page.locator('main h1').first().waitFor({ state: 'visible' });
      await page.evaluate(async () =>
        (globalThis as unknown as { api: { app: { info: (r: object) => Promise<unknown> } } }).api.app.info({}),
      );
      interactive.push(nowMs() - a);
    } finally {
      await app.close();
    }
  }
  return {
    id: 'electron-start',
    title,
    rows: [
      row('launch → first window', 'ms', summarize(shown)),
      row('launch → h1 visible and app.info answered', 'ms', summarize(interactive)),
    ],
    samples: { shownMs: shown, interactiveMs: interactive },
    durationMs: nowMs() - t0,
  };
}
