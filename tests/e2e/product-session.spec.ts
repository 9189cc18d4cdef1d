// The clean product session end to end: a fake ServiceNow-like product on loopback (acme.service-now.example
// mapped by Chromium), the Entra emulator, and the real renderer + handler table in the harness. The admin's
// everyday context is signed in to Entra as adele: there the product's own Authorize completes silently with
// adele's tokens (control). In the app's clean product session the same button shows the login form, the admin
// signs in as servicedesk and the product reports servicedesk's tokens; the timeline shows each step. A
// misconfigured profile (v1 endpoint, comma-separated scope) shows both findings.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { Page } from 'playwright-core';
import { startEmulator, type Emulator } from '../emulator';
import { REPO_ROOT } from '../harness/index';
import { startProductSessionHarness, type ProductSessionHarness } from '../harness/product-session';
import { PRODUCT_USER, startFakeProduct, type FakeProduct } from '../support/fake-product';
import { ENTRA_IDS, signInOnEntraPage } from '../harness/entra-sign-in';

const ARTIFACTS = join(REPO_ROOT, 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

let emulator: Emulator;
let product: FakeProduct;
let app: ProductSessionHarness;

test.beforeAll(async () => {
  emulator = await startEmulator();
  emulator.trustInProcess();
  product = await startFakeProduct(emulator);
  app = await startProductSessionHarness(emulator, {
    area: 'product-session',
    viewport: { width: 1280, height: 1100 },
    chromiumArgs: product.chromiumArgs([emulator.spkiHash]),
    recordPayloads: true,
  });
});
test.afterAll(async () => {
  await app?.close();
  await product?.stop();
  await emulator?.stop();
});

async function productLogin(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Local login' })).toBeVisible();
  await page.getByLabel('User name').fill(PRODUCT_USER.name);
  await page.getByLabel('Password').fill(PRODUCT_USER.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { name: 'Microsoft OAuth profile' })).toBeVisible();
}

async function openSession(mailbox: string): Promise<Page> {
  const page = app.harness.page;
  await page.goto(`${app.harness.url}#/product-session`);
  await page.reload();
  await page.getByLabel('Product URL').fill(`${product.origin}/side_door.do`);
  await page.getByLabel('Mailbox that must sign in').fill(mailbox);
  await page.getByLabel('Custom authority host (optional)').fill(emulator.host);
  await expect(page.getByRole('switch', { name: /Force a fresh sign-in/ })).toBeChecked();
  await page.getByRole('button', { name: 'Open product in a clean session' }).click();
  const { page: productPage } = await app.nextProductPage();
  await expect(page.locator('[data-session-state]')).toHaveAttribute('data-session-state', 'open');
  return productPage;
}

async function closeSession(): Promise<void> {
  const page = app.harness.page;
  await page.getByRole('button', { name: 'Close and wipe the session' }).click();
  await expect(page.locator('[data-session-state]')).toHaveAttribute('data-session-state', 'closed');
}

test('the SSO trap with the product’s own button: everyday context → adele; clean product session → login form → servicedesk', async () => {
  const users = emulator.directory.users;

  // Control: the admin's everyday browser, already signed in to Entra as adele, runs the product's Authorize.
  const everyday = await app.harness.browser.newContext();
  await everyday.addCookies([emulator.ssoCookieFor('adele@contoso.test')]);
  const ep = await everyday.newPage();
  await ep.goto(`${product.origin}/side_door.do`);
  await productLogin(ep);
  await ep.getByRole('button', { name: 'Get OAuth Token (IMAP profile)' }).click();
  // No login form: Entra (the emulator) reuses adele's session silently and the product gets adele's tokens.
  await expect(ep.getByTestId('token-owner')).toHaveText('adele@contoso.test', { timeout: 15_000 });
  expect(product.redemptions.at(-1)).toEqual({ profile: 'imap', upn: 'adele@contoso.test' });
  const everydayCookies = await everyday.cookies();
  await everyday.close();

  // The clean product session: same product, same button.
  const page = app.harness.page;
  const pp = await openSession('servicedesk@contoso.test');
  const isolatedCookies = await pp.context().cookies();
  for (const c of everydayCookies)
    expect(isolatedCookies.find((x) => x.name === c.name && x.value === c.value)).toBeUndefined();
  await productLogin(pp);
  await pp.getByRole('button', { name: 'Get OAuth Token (IMAP profile)' }).click();
  // Entra's sign-in pages, not silent SSO, the username prefilled with the mailbox by the rewritten login_hint.
  await expect(pp.locator(ENTRA_IDS.username)).toHaveValue('servicedesk@contoso.test');
  await signInOnEntraPage(pp, 'servicedesk@contoso.test', users.servicedesk.password ?? '');
  await expect(pp.getByTestId('token-owner')).toHaveText('servicedesk@contoso.test', { timeout: 15_000 });
  expect(product.redemptions.at(-1)).toEqual({ profile: 'imap', upn: 'servicedesk@contoso.test' });

  // The emulator saw the product's request with prompt=login + login_hint added and every other parameter as built.
  // (The harness answers the original request itself with a 302, so the emulator only sees the rewritten one;
  // the control run's request is the product's same request with another state.)
  const authorizes = emulator.requestLog
    .map((r) => new URL(r.url, emulator.baseUrl))
    .filter((u) => u.pathname.endsWith('/oauth2/v2.0/authorize'))
    .map((u) => u.pathname + u.search);
  const sent = authorizes.at(-1) ?? '';
  const control = authorizes.at(-2) ?? '';
  expect(sent).toMatch(
    /^\/contoso\.test\/oauth2\/v2\.0\/authorize\?response_type=code&redirect_uri=https%3A%2F%2Facme\.service-now\.example%2Foauth_redirect\.do&client_id=[0-9a-f-]+&scope=https%3A%2F%2Foutlook\.office\.com%2FIMAP\.AccessAsUser\.All%20https%3A%2F%2Foutlook\.office\.com%2FSMTP\.Send%20offline_access&state=[A-Za-z0-9_-]+&prompt=login&login_hint=servicedesk%40contoso\.test$/,
  );
  const anyState = (u: string): string => u.replace(/state=[^&]+/, 'state=*');
  expect(anyState(sent)).toBe(`${anyState(control)}&prompt=login&login_hint=servicedesk%40contoso.test`);

  // The timeline: opened → authorize request (rewritten, findings) → code received.
  const timeline = page.getByRole('list', { name: 'Product session timeline' });
  await expect(timeline.locator('[data-step-kind="callback-code"]')).toBeVisible({ timeout: 10_000 });
  const kinds = await timeline
    .locator(':scope > li')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-step-kind')));
  expect(kinds).toEqual(['opened', 'authorize-request', 'callback-code']);
  const req = timeline.locator('[data-step-kind="authorize-request"]');
  await expect(req.getByTestId('rewrite')).toContainText('prompt (absent) → “login”');
  await expect(req.getByTestId('rewrite')).toContainText('login_hint (absent) → “servicedesk@contoso.test”');
  await expect(req.locator('[data-finding-code="SESSION_PROMPT_ADDED"]')).toBeVisible();
  await expect(timeline.locator('[data-step-kind="callback-code"]').getByTestId('step-message')).toHaveText(
    'The product received an authorization code for the account you signed in with; it now redeems it. Press Test Connection in the product.',
  );
  await shootTimeline(page, 'product-session-timeline.png');
  expect(await seriousViolations(page)).toEqual([]);

  // No code value ever crossed IPC.
  const codes = emulator.requestLog
    .map((r) => new URL(r.url, emulator.baseUrl).searchParams.get('code'))
    .filter((c): c is string => !!c);
  for (const p of app.harness.payloadLog) for (const c of codes) expect(p.response.includes(c)).toBe(false);

  // Close: the partition is emptied and closed.
  const contextsBefore = app.harness.browser.contexts().length;
  await closeSession();
  expect(app.closedFacts.at(-1)?.cookiesBeforeClear).toBeGreaterThan(0);
  expect(app.closedFacts.at(-1)?.cookiesAfterClear).toBe(0);
  expect(app.harness.browser.contexts().length).toBe(contextsBefore - 1);
  await expect(
    page.getByRole('list', { name: 'Product session timeline' }).locator('[data-step-kind="closed"]'),
  ).toContainText('wiped');
});

test('a v1 endpoint with a comma-separated scope shows both findings, and the callback’s error is explained', async () => {
  const page = app.harness.page;
  const pp = await openSession('servicedesk@contoso.test');
  await productLogin(pp);
  await pp.getByRole('button', { name: 'Get OAuth Token (legacy profile)' }).click();
  const timeline = page.getByRole('list', { name: 'Product session timeline' });
  const req = timeline.locator('[data-step-kind="authorize-request"]');
  await expect(req).toBeVisible({ timeout: 10_000 });
  await expect(req.locator('[data-finding-code="ENDPOINT_V1"]')).toBeVisible();
  await expect(req.locator('[data-finding-code="SCOPE_SEPARATOR"]')).toBeVisible();
  await expect(req).toContainText('/oauth2/authorize (v1)');
  // The emulator refuses the comma-separated scope at the authorize step and redirects the error to the
  // product's callback: the timeline explains it.
  const callback = timeline.locator('[data-step-kind="callback-error"]');
  await expect(callback).toBeVisible({ timeout: 10_000 });
  await expect(callback.locator('[data-explain-code^="AADSTS"]').first()).toBeVisible();
  await expect(pp.getByTestId('oauth-result')).toBeVisible();
  await shootTimeline(page, 'product-session-v1-findings.png');
  await closeSession();
});

/** The main region scrolls on its own, so a full-page shot would cut the timeline: shoot the section, tall. */
async function shootTimeline(page: Page, file: string): Promise<void> {
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 1280, height: 2800 });
  await page.locator('section[aria-labelledby="product-timeline-heading"]').screenshot({ path: join(ARTIFACTS, file) });
  if (viewport) await page.setViewportSize(viewport);
}

async function seriousViolations(page: Page): Promise<string[]> {
  // Tabster's focus sentinels are a known aria-hidden-focus false positive (as in shell.spec.ts); the rest is scanned.
  const r = await new AxeBuilder({ page: page as never })
    .exclude('[data-tabster-dummy]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
