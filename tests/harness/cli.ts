// `npm run harness -- [--screenshot out.png] [--area tokens] [--dark] [--headed]`: opens the built renderer
// in Chromium with the real handler table bound, and writes a screenshot or keeps a headed window open.
// --area takes an area id (its route), its former id or its label (areas.ts). The picture shows the whole page (not
// only the first window-full), and a relative path is taken from the folder the command was typed in. Builds
// nothing: it expects out/renderer from `npm run build`.
import { parseArgs } from 'node:util';
import { AREA_CHOICES, resolveArea } from './areas';
import { HarnessSetupError, startHarness } from './index';
import { fullPageScreenshot, screenshotPath } from './screenshot';

const USAGE = `usage: npm run harness -- [--screenshot out.png] [--area ${AREA_CHOICES}] [--dark] [--headed] [--width 1280] [--height 800]`;

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        screenshot: { type: 'string' },
        area: { type: 'string' },
        dark: { type: 'boolean', default: false },
        headed: { type: 'boolean', default: false },
        width: { type: 'string', default: '1280' },
        height: { type: 'string', default: '800' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const area = values.area === undefined ? undefined : resolveArea(values.area);
  if (values.area !== undefined && area === undefined) {
    console.error(`Unknown area "${values.area}". ${USAGE}`);
    return 2;
  }
  if (values.screenshot === undefined && !values.headed) {
    console.error(`Nothing to do: pass --screenshot <file> and/or --headed.\n${USAGE}`);
    return 2;
  }
  const width = Number(values.width);
  const height = Number(values.height);
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 320 || height < 240) {
    console.error(`--width and --height must be whole numbers of pixels (at least 320×240).`);
    return 2;
  }

  let harness;
  try {
    harness = await startHarness({
      headed: values.headed,
      colorScheme: values.dark ? 'dark' : 'light',
      viewport: { width, height },
      ...(area === undefined ? {} : { area }),
      log: (line) => console.error(`[dispatch] ${line}`),
    });
  } catch (e) {
    if (e instanceof HarnessSetupError) {
      console.error(`harness: ${e.message}\nNext step: ${e.nextStep}`);
      return 1;
    }
    throw e;
  }

  try {
    const { page } = harness;
    await page.locator('main h1').first().waitFor({ state: 'visible', timeout: 15_000 });
    // Let lazy chunks, API calls and Fluent's motion settle so the picture shows the steady state.
    await page.waitForLoadState('networkidle');
    await page
      .waitForFunction(() => document.querySelector('[role="status"]') === null, undefined, { timeout: 10_000 })
      .catch(() => undefined);
    await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)));
    if (values.screenshot !== undefined) {
      const out = screenshotPath(values.screenshot);
      const size = await fullPageScreenshot(page, out);
      const calls = harness.dispatchLog.map((r) => `${r.method}=${r.outcome}`).join(', ') || 'none';
      console.log(
        `harness: wrote ${out} (${size.width}×${size.height}, ${values.dark ? 'dark' : 'light'}, ${await page.title()}; api calls: ${calls})`,
      );
    }
    if (values.headed && values.screenshot === undefined) {
      console.log(`harness: ${harness.url} is open; close the browser window to exit.`);
      await new Promise<void>((done) => {
        harness.page.once('close', () => done());
        harness.browser.once('disconnected', () => done());
      });
    }
    return 0;
  } finally {
    await harness.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`harness failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(1);
  },
);
