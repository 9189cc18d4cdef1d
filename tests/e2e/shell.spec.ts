// The shell, end to end: the real built renderer in Chromium through the harness, the real handler table
// behind window.api. Navigation (click and keyboard), focus, titles, app.info, accessibility (axe), dark mode,
// error display, and refusal of calls from subframes and other origins.
import { readFileSync } from 'node:fs';
import { expect, test as base } from '@playwright/test';
import type { Page } from 'playwright-core';
import { METHOD_NAMES } from '../../shared/contract-methods';
import { CodedError } from '../../shared/result';
import { REPO_ROOT, startHarness, type Harness, type HarnessOptions } from '../harness';
import { seriousViolations } from '../support/axe';

const pkg = JSON.parse(readFileSync(`${REPO_ROOT}package.json`, 'utf8')) as { version: string };

const AREAS = [
  { id: 'authorize', nav: 'Authorize', heading: /authori[sz]e/i },
  { id: 'product-session', nav: 'Product session', heading: /product/i },
  { id: 'tokens', nav: 'Inspect token', heading: /inspect/i },
  { id: 'diagnose', nav: 'Diagnose', heading: /diagnos/i },
  { id: 'audit', nav: 'Audit registration', heading: /audit/i },
  { id: 'watch', nav: 'Watch', heading: /watch/i },
  { id: 'explain', nav: 'Explain error', heading: /explain/i },
  { id: 'settings', nav: 'Settings', heading: /settings/i },
] as const;

const test = base.extend<{ harnessOptions: HarnessOptions; harness: Harness; problems: string[] }>({
  harnessOptions: [{}, { option: true }],
  harness: async ({ harnessOptions }, use) => {
    const h = await startHarness(harnessOptions);
    try {
      await use(h);
    } finally {
      await h.close();
    }
  },
  // Console errors and uncaught exceptions (a CSP violation shows up here), checked by the tests that care.
  problems: async ({ harness }, use) => {
    const seen: string[] = [];
    harness.page.on('console', (m) => {
      if (m.type() === 'error') seen.push(`console: ${m.text()}`);
    });
    harness.page.on('pageerror', (e) => seen.push(`pageerror: ${e.message}`));
    await use(seen);
  },
});

const heading = (page: Page) => page.locator('main h1');
const navLink = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name, exact: true });

test('opens on Authorize with landmarks, a title and a skip link', async ({ harness, problems }) => {
  const { page } = harness;
  await expect(heading(page)).toHaveText(/authori[sz]e/i);
  await expect(page).toHaveTitle(/^Authorize — Mailbox Auth Helper$/);
  await expect(page.getByRole('banner')).toContainText('Mailbox Auth Helper');
  await expect(page.getByRole('banner')).toContainText('Clean session');
  await expect(page.getByRole('navigation', { name: 'Areas' })).toBeVisible();
  await expect(page.getByRole('main')).toBeVisible();
  await expect(navLink(page, 'Authorize')).toHaveAttribute('aria-current', 'page');
  expect(problems).toEqual([]);
});

test('navigates to every area by click: heading, title, current item and focus on the heading', async ({
  harness,
  problems,
}) => {
  const { page } = harness;
  // Authorize is the start page, so visit it last to make every click a real navigation.
  for (const area of [...AREAS.slice(1), AREAS[0]]) {
    await navLink(page, area.nav).click();
    await expect(page).toHaveURL(new RegExp(`#/${area.id}$`));
    await expect(heading(page)).toHaveText(area.heading);
    await expect(heading(page)).toBeFocused();
    await expect(page).toHaveTitle(`${area.nav} — Mailbox Auth Helper`);
    await expect(navLink(page, area.nav)).toHaveAttribute('aria-current', 'page');
    for (const other of AREAS.filter((a) => a.id !== area.id)) {
      await expect(navLink(page, other.nav)).not.toHaveAttribute('aria-current', 'page');
    }
  }
  // Lazy chunks, Fluent's injected styles and the API all work under the CSP header: nothing was refused.
  expect(problems).toEqual([]);
});

test('navigates to every area by keyboard alone', async ({ harness }) => {
  const { page } = harness;
  await expect(heading(page)).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(heading(page)).toBeFocused();
  expect(new URL(page.url()).hash).toBe(''); // the skip link moves focus without touching the route

  // Into the navigation: Tab from the skip link lands on the current item; arrows move; Enter opens;
  // Shift+Tab from the page heading returns to the current item.
  await page.keyboard.press('Shift+Tab');
  await expect(navLink(page, 'Authorize')).toBeFocused();
  for (const area of AREAS.slice(1)) {
    await page.keyboard.press('ArrowDown');
    await expect(navLink(page, area.nav)).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`#/${area.id}$`));
    await expect(heading(page)).toHaveText(area.heading);
    await expect(heading(page)).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(navLink(page, area.nav)).toBeFocused();
  }
});

test('window.api has exactly the contract methods, frozen, and app.info answers over the bound table', async ({
  harness,
}) => {
  const { page } = harness;
  const shape = await page.evaluate(() => {
    const api = window.api as unknown as Record<string, Record<string, unknown>>;
    const names = Object.entries(api).flatMap(([area, group]) =>
      Object.keys(group).map((action) => `${area}.${action}`),
    );
    return { names, frozen: Object.isFrozen(api) && Object.values(api).every((g) => Object.isFrozen(g)) };
  });
  expect(shape.names.sort()).toEqual([...METHOD_NAMES].sort());
  expect(shape.frozen).toBe(true);

  // The page's own calls (Authorize lists profiles on load) may land in the log around ours, so pick the
  // app.info entries out and check the one this call added.
  const appInfoCalls = () => harness.dispatchLog.filter((entry) => entry.method === 'app.info');
  const before = appInfoCalls().length;
  const info = await page.evaluate(() => window.api!.app.info({}));
  expect(info).toMatchObject({ ok: true, value: { version: pkg.version, runtime: 'harness' } });
  expect(appInfoCalls()).toHaveLength(before + 1);
  expect(appInfoCalls().at(-1)).toEqual({
    method: 'app.info',
    senderUrl: `${harness.url}`,
    isMainFrame: true,
    outcome: 'ok',
  });

  const bad = await page.evaluate(() => window.api!.tokens.verify({ token: 5 as unknown as string }));
  expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
});

test('Settings shows the version from package.json, read through app.info', async ({ harness }) => {
  const { page } = harness;
  await navLink(page, 'Settings').click();
  await expect(page.getByTestId('app-version')).toHaveText(pkg.version);
  await expect(page.getByRole('main')).toContainText('harness');
  await expect(page.getByRole('main')).toContainText(/chromium \d+/);
  expect(harness.dispatchLog.filter((r) => r.method === 'app.info' && r.outcome === 'ok').length).toBeGreaterThan(0);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`every area has no serious or critical axe violations (${scheme})`, async ({ harness }) => {
    // One axe scan per area: the budget grows with the number of areas, not with the machine's load of the day.
    test.setTimeout(30_000 * AREAS.length);
    const { page } = harness;
    await page.emulateMedia({ colorScheme: scheme });
    for (const area of AREAS) {
      await page.goto(`${harness.url}#/${area.id}`);
      await expect(heading(page)).toHaveText(area.heading);
      if (area.id === 'settings') await expect(page.getByTestId('app-version')).toBeVisible();
      expect(await seriousViolations(page), `${area.id} (${scheme})`).toEqual([]);
    }
  });
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`the first frame (${colorScheme})`, () => {
    test.use({ harnessOptions: { colorScheme } });

    test('paints the banner and the frame’s outline before Fluent’s chunks arrive, in the colours Fluent then keeps', async ({
      harness,
      problems,
    }) => {
      const { page } = harness;
      // Hold Fluent's frame back until the first frame has been looked at (issue 22: the banner paints without it).
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let asked = false;
      await page.route(/\/assets\/fluent-frame-[^/]*\.js$/, async (route) => {
        asked = true;
        await held;
        await route.continue();
      });
      await page.reload();
      const banner = page.getByRole('banner');
      await expect(banner).toContainText('Mailbox Auth Helper');
      await expect(banner).toContainText('Clean session');
      // Painted with no Fluent on the page: its frame's chunk was asked for and is still held.
      await expect.poll(() => asked).toBe(true);
      await expect(page.locator('.fui-FluentProvider')).toHaveCount(0);
      await expect(page.getByRole('navigation', { name: 'Areas' })).toHaveCount(0);
      await expect(page.getByRole('main')).toBeEmpty();
      const colours = () =>
        page.evaluate(() => {
          const css = (selector: string, property: string) => {
            const el = document.querySelector(selector);
            return el ? getComputedStyle(el).getPropertyValue(property) : 'missing';
          };
          return {
            banner: css('header', 'background-color'),
            name: css('header p', 'color'),
            font: css('header p', 'font-family'),
            main: css('main', 'background-color'),
          };
        });
      const before = await colours();
      release();
      await expect(heading(page)).toHaveText(/authori[sz]e/i);
      await expect(page.getByRole('navigation', { name: 'Areas' })).toBeVisible();
      // The same colours and font once Fluent's provider is in, and they are the provider's own.
      expect(await colours()).toEqual(before);
      const provider = await page
        .locator('.fui-FluentProvider')
        .first()
        .evaluate((el) => ({
          background: getComputedStyle(el).getPropertyValue('--colorNeutralBackground1'),
          font: getComputedStyle(el).fontFamily,
        }));
      const rgb = await page.evaluate((c) => {
        const probe = document.createElement('div');
        probe.style.backgroundColor = c;
        document.body.append(probe);
        const out = getComputedStyle(probe).backgroundColor;
        probe.remove();
        return out;
      }, provider.background);
      expect(before.banner).toBe(rgb);
      expect(before.font).toBe(provider.font);
      expect(problems).toEqual([]);
    });
  });
}

test('a window that paints no frames (hidden, minimised) still loads its page', async ({ harness, problems }) => {
  const { page } = harness;
  // No animation frame ever runs, as in a window that is not being painted.
  await page.addInitScript({ content: 'window.requestAnimationFrame = () => 0;' });
  await page.reload();
  await expect(heading(page)).toHaveText(/authori[sz]e/i);
  await expect(page.getByRole('navigation', { name: 'Areas' })).toBeVisible();
  expect(problems).toEqual([]);
});

test('follows prefers-color-scheme live', async ({ harness }) => {
  const { page } = harness;
  const mainBackground = () => page.locator('main').evaluate((el) => getComputedStyle(el).backgroundColor);
  const brightness = (rgb: string) => {
    const [r = 0, g = 0, b = 0] = (rgb.match(/\d+/g) ?? []).map(Number);
    return (r * 299 + g * 587 + b * 114) / 1000;
  };
  await navLink(page, 'Settings').click();
  await expect(page.getByTestId('color-scheme')).toHaveText('Light');
  expect(brightness(await mainBackground())).toBeGreaterThan(200);

  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.getByTestId('color-scheme')).toHaveText('Dark');
  expect(brightness(await mainBackground())).toBeLessThan(60);

  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.getByTestId('color-scheme')).toHaveText('Light');
});

test.describe('a slow failing call', () => {
  test.use({
    harnessOptions: {
      handlers: {
        'app.info': async () => {
          await new Promise((r) => setTimeout(r, 1200));
          throw new CodedError(
            'TEST_APP_INFO_DOWN',
            'App information is unavailable in this test.',
            'Press Try again.',
          );
        },
      },
    },
  });

  test('shows progress, then keeps the coded error with its next step until the user acts', async ({ harness }) => {
    const { page } = harness;
    await navLink(page, 'Settings').click();
    await expect(page.getByRole('status')).toContainText('Reading app information');
    const bar = page.locator('[data-error-code="TEST_APP_INFO_DOWN"]');
    await expect(bar).toBeVisible();
    await expect(bar).toContainText('App information is unavailable in this test.');
    await expect(bar).toContainText('TEST_APP_INFO_DOWN');
    await expect(bar).toContainText('Next step: Press Try again.');
    await page.waitForTimeout(2000);
    await expect(bar).toBeVisible();
    const appInfoCalls = () => harness.dispatchLog.filter((entry) => entry.method === 'app.info').length;
    const before = appInfoCalls();
    await bar.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('status')).toBeVisible();
    await expect(bar).toBeVisible();
    expect(appInfoCalls()).toBe(before + 1);
  });
});

test.describe('untrusted senders', () => {
  test('a subframe of the app origin is refused while the main frame of the same origin is served', async ({
    harness,
  }) => {
    const { page, context, origin } = harness;
    // The real index.html forbids framing (frame-ancestors 'none'), so use two pages fulfilled at the app origin.
    await context.route(`${origin}/test-host.html`, (r) =>
      r.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><title>host</title><iframe src="${origin}/test-child.html"></iframe>`,
      }),
    );
    await context.route(`${origin}/test-child.html`, (r) =>
      r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>child</title>' }),
    );
    await page.goto(`${origin}/test-host.html`);
    const child = page.frames().find((f) => f.url().endsWith('/test-child.html'));
    expect(child).toBeDefined();
    await child!.waitForLoadState();

    const fromChild = await child!.evaluate(() => window.api!.app.info({}));
    expect(fromChild).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    const fromMain = await page.evaluate(() => window.api!.app.info({}));
    expect(fromMain).toMatchObject({ ok: true });
    // Only the test pages' calls: a call the Authorize page started before it left may land in the log late.
    const fromTestPages = harness.dispatchLog.filter((r) => /\/test-(host|child)\.html$/.test(r.senderUrl));
    expect(fromTestPages).toEqual([
      { method: 'app.info', senderUrl: `${origin}/test-child.html`, isMainFrame: false, outcome: 'UNTRUSTED_SENDER' },
      { method: 'app.info', senderUrl: `${origin}/test-host.html`, isMainFrame: true, outcome: 'ok' },
    ]);
  });

  test('a page from another origin is refused, even calling the binding directly', async ({ harness }) => {
    const { page, context } = harness;
    await context.route('http://evil.test/**', (r) =>
      r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>evil</title>' }),
    );
    await page.goto('http://evil.test/');
    const viaApi = await page.evaluate(() => window.api!.app.info({}));
    expect(viaApi).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    const direct = await page.evaluate(() =>
      (window as unknown as { __mahInvoke: (m: string, p: unknown) => Promise<unknown> }).__mahInvoke('tokens.verify', {
        token: 'x',
      }),
    );
    expect(direct).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    // Only this page's calls: the Authorize page the harness opened first may have listed profiles before it left.
    const fromEvil = harness.dispatchLog.filter((r) => r.senderUrl.startsWith('http://evil.test/'));
    expect(fromEvil.length).toBeGreaterThanOrEqual(2);
    expect(fromEvil.every((r) => r.outcome === 'UNTRUSTED_SENDER')).toBe(true);
    expect(harness.logLines.some((l) => l.includes('untrusted sender'))).toBe(true);
  });
});
