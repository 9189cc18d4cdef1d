// The clean product session end to end: a fake ServiceNow-like product on loopback (acme.service-now.example
// mapped by Chromium), the Entra emulator, and the real renderer + handler table in the harness. The admin's
// everyday context is signed in to Entra as adele: there the product's own Authorize completes silently with
// adele's tokens (control). In the app's clean product session the same button shows the sign-in pages, the admin
// signs in and the app then checks whose account the product got with its own silent sign-in: servicedesk →
// green, adele → red naming both, the delegate of a shared mailbox (from a saved profile, whose secret stays in
// main and proves it) → green naming both, and without the client secret only the sign-in page's word (amber). The
// product redeems its code exactly once per run, the app's own answers never reach it, and nothing of the app's
// check but claims crosses IPC. A misconfigured profile (v1 endpoint, comma-separated scope) shows both findings.
// Sign-in pages are driven by Entra's element ids.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { Page } from 'playwright-core';
import { startEmulator, type Emulator } from '../emulator';
import { REPO_ROOT } from '../harness/index';
import { startProductSessionHarness, type ProductSessionHarness } from '../harness/product-session';
import { PRODUCT_RECORDS, PRODUCT_USER, startFakeProduct, type FakeProduct } from '../support/fake-product';
import { PROOF_MARKER } from '../../shared/product-proof';
import { ENTRA_IDS, signInOnEntraPage } from '../harness/entra-sign-in';
import { ProfileStore } from '../../electron/services/profiles/profile-store';
import { AesGcmVault } from '../../electron/services/profiles/vault';

const ARTIFACTS = join(REPO_ROOT, 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

const PROFILE = 'ServiceNow — support@ through the helpdesk delegate';
const VAULT_KEY = Buffer.alloc(32, 7);

let emulator: Emulator;
let product: FakeProduct;
let app: ProductSessionHarness;
let dataDir: string;

test.beforeAll(async () => {
  emulator = await startEmulator();
  emulator.trustInProcess();
  product = await startFakeProduct(emulator);
  // A saved profile, for the form it fills (its secret stays in main).
  dataDir = mkdtempSync(join(tmpdir(), 'mah-e2e-product-session-'));
  const profiles = { dir: dataDir, vault: new AesGcmVault(VAULT_KEY) };
  await new ProfileStore(profiles).save({
    name: PROFILE,
    config: {
      presetId: 'servicenow',
      cloud: 'custom',
      customAuthority: {
        authorityHost: emulator.host,
        graphHost: emulator.host,
        outlookResourceHost: emulator.host,
        caPem: emulator.caPem,
      },
      tenant: 'contoso.test',
      clientId: emulator.directory.apps.servicenow.clientId,
      redirectUri: product.redirectUri,
      scopes: ['https://outlook.office.com/IMAP.AccessAsUser.All', 'offline_access'],
      signInAccount: emulator.directory.users.delegate.upn,
      mailbox: 'support@contoso.test',
    },
    secret: { action: 'value', value: emulator.directory.apps.servicenow.secret.value },
  });
  app = await startProductSessionHarness(emulator, {
    area: 'product-session',
    viewport: { width: 1280, height: 1100 },
    chromiumArgs: product.chromiumArgs([emulator.spkiHash]),
    recordPayloads: true,
    deps: { profiles },
  });
});
test.afterAll(async () => {
  await app?.close();
  await product?.stop();
  await emulator?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

// Each test runs one or two whole sign-ins in Chromium, the app's silent check after each and an axe scan of a long
// page; on a loaded two-core machine that takes longer than the suite's default 60 s.
test.describe.configure({ timeout: 150_000 });

async function productLogin(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Local login' })).toBeVisible();
  await page.getByLabel('User name').fill(PRODUCT_USER.name);
  await page.getByLabel('Password').fill(PRODUCT_USER.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { name: 'Microsoft OAuth profile' })).toBeVisible();
}

interface SessionOptions {
  /** The product app's client secret Value for the app's own check. */
  readonly secret?: string;
  /** A delegate signs in (the account given) for this shared mailbox. */
  readonly sharedMailbox?: string;
}

async function openSession(signInAccount: string, options: SessionOptions = {}): Promise<Page> {
  const page = app.harness.page;
  await page.goto(`${app.harness.url}#/product-session`);
  await page.reload();
  await page.getByLabel('Product URL').fill(`${product.origin}/side_door.do`);
  if (options.sharedMailbox !== undefined) {
    await page.getByRole('switch', { name: 'A delegate signs in for a shared mailbox' }).check();
    await page.getByLabel('Delegate who signs in').fill(signInAccount);
    await page.getByLabel('Shared mailbox address').fill(options.sharedMailbox);
  } else {
    await page.getByLabel('Mailbox that must sign in').fill(signInAccount);
  }
  if (options.secret !== undefined) await page.getByLabel('Client secret (Value), optional').fill(options.secret);
  await page.getByLabel('Custom authority host (optional)').fill(emulator.host);
  await expect(page.getByRole('switch', { name: /Force a fresh sign-in/ })).toBeChecked();
  await page.getByRole('button', { name: 'Open product in a clean session' }).click();
  const { page: productPage } = await app.nextProductPage();
  await expect(page.locator('[data-session-state]')).toHaveAttribute('data-session-state', 'open');
  return productPage;
}

/**
 * One run of the product's own Authorize in the clean session, signing in as `as`: returns once the product shows
 * whose tokens it redeemed and the app's verdict is on screen. Checks on the way that the product redeemed exactly
 * one code and that only its own callback reached it (the app's silent answers were caught).
 */
async function authorizeInProduct(pp: Page, as: { upn: string; password: string }): Promise<void> {
  const redeemedBefore = product.codeRedemptions.length;
  const callbacksBefore = product.callbacks.length;
  const silentBefore = app.silentRequests.length;
  const logBefore = emulator.requestLog.length;
  await productLogin(pp);
  await pp.getByRole('button', { name: 'Get OAuth Token (IMAP profile)' }).click();
  await signInOnEntraPage(pp, as.upn, as.password);
  await expect(pp.getByTestId('token-owner')).toHaveText(as.upn, { timeout: 15_000 });
  const verdict = app.harness.page.locator('[data-verdict-code]');
  await expect(verdict).toBeVisible({ timeout: 20_000 });
  // The product redeemed its own code, once; the app's silent answers never reached the product's callback.
  expect(product.codeRedemptions.length - redeemedBefore).toBe(1);
  expect(product.callbacks.slice(callbacksBefore)).toEqual([expect.objectContaining({ knownState: true })]);
  const silent = app.silentRequests.slice(silentBefore);
  expect(silent.length).toBeGreaterThan(0);
  for (const r of silent) expect(r.outcome.kind).toBe('callback');
  // The app's silent requests left only after the product's callback had gone on (and reached the product).
  const productCallbackAt = product.callbacks.at(-1)?.at ?? Infinity;
  const silentAt = emulator.requestLog
    .slice(logBefore)
    .filter((r) => new URL(r.url).searchParams.get('prompt') === 'none')
    .map((r) => r.at);
  expect(silentAt.length).toBe(silent.length);
  for (const at of silentAt) expect(at).toBeGreaterThanOrEqual(productCallbackAt);
}

/** No code or token the emulator issued, and not the client secret, is in any answer main sent the renderer. */
function expectNothingButClaimsCrossedIpc(secret?: string): void {
  const answers = app.harness.payloadLog.map((p) => p.response);
  expect(answers.length).toBeGreaterThan(0);
  for (const t of emulator.issued)
    for (const a of answers) expect(a.includes(t.value), `${t.kind} in an IPC answer`).toBe(false);
  if (secret !== undefined) for (const a of answers) expect(a.includes(secret)).toBe(false);
}

async function closeSession(): Promise<void> {
  const page = app.harness.page;
  await page.getByRole('button', { name: 'Close and wipe the session' }).click();
  await expect(page.locator('[data-session-state]')).toHaveAttribute('data-session-state', 'closed');
}

test('the SSO trap with the product’s own button: everyday context → adele; clean product session → sign-in → servicedesk, green', async () => {
  const users = emulator.directory.users;
  const secret = emulator.directory.apps.servicenow.secret.value;

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
  const redeemedBefore = product.codeRedemptions.length;
  const pp = await openSession('servicedesk@contoso.test', { secret });
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

  // The app's verdict: green, proven by its own silent sign-in redeemed with the secret.
  const verdict = page.locator('[data-verdict-code]');
  await expect(verdict).toBeVisible({ timeout: 20_000 });
  // The product redeemed its own code, once; the app's code was redeemed by the app, never by the product.
  expect(product.codeRedemptions.length - redeemedBefore).toBe(1);
  expect(product.callbacks.at(-1)).toMatchObject({ knownState: true });
  await expect(verdict).toHaveAttribute('data-verdict-code', 'IDENTITY_MATCH');
  await expect(verdict).toHaveAttribute('data-verdict-proof', 'proven');
  await expect(verdict).toContainText(
    'The product received tokens for servicedesk@contoso.test, the expected mailbox.',
  );
  await expect(verdict.locator('[data-evidence-method="silent-code"]').first()).toContainText(
    'an ID token for servicedesk@contoso.test',
  );

  // The emulator saw the product's request with prompt=login + login_hint added and every other parameter as built.
  // (The harness answers the original request itself with a 302, so the emulator only sees the rewritten one;
  // the control run's request is the product's same request with another state.)
  const authorizes = emulator.requestLog
    .map((r) => new URL(r.url, emulator.baseUrl))
    .filter((u) => u.pathname.endsWith('/oauth2/v2.0/authorize') && u.searchParams.get('prompt') !== 'none')
    .map((u) => u.pathname + u.search);
  const sent = authorizes.at(-1) ?? '';
  const control = authorizes.at(-2) ?? '';
  expect(sent).toMatch(
    /^\/contoso\.test\/oauth2\/v2\.0\/authorize\?response_type=code&redirect_uri=https%3A%2F%2Facme\.service-now\.example%2Foauth_redirect\.do&client_id=[0-9a-f-]+&scope=https%3A%2F%2Foutlook\.office\.com%2FIMAP\.AccessAsUser\.All%20https%3A%2F%2Foutlook\.office\.com%2FSMTP\.Send%20offline_access&state=[A-Za-z0-9_-]+&prompt=login&login_hint=servicedesk%40contoso\.test$/,
  );
  const anyState = (u: string): string => u.replace(/state=[^&]+/, 'state=*');
  expect(anyState(sent)).toBe(`${anyState(control)}&prompt=login&login_hint=servicedesk%40contoso.test`);

  // The app's own silent request: prompt=none and login_hint for the product's client and redirect URI.
  const silent = emulator.requestLog
    .map((r) => new URL(r.url, emulator.baseUrl))
    .filter((u) => u.pathname.endsWith('/oauth2/v2.0/authorize') && u.searchParams.get('prompt') === 'none');
  expect(silent).toHaveLength(1);
  expect(Object.fromEntries(silent[0]?.searchParams ?? [])).toMatchObject({
    client_id: emulator.directory.apps.servicenow.clientId,
    redirect_uri: 'https://acme.service-now.example/oauth_redirect.do',
    response_type: 'code',
    login_hint: 'servicedesk@contoso.test',
  });

  // The timeline: opened → authorize request (rewritten, findings) → the sign-in page's account → code received →
  // the app's own request and Entra's answer → the verdict; the product's steps and the app's told apart.
  const timeline = page.getByRole('list', { name: 'Product session timeline' });
  await expect(timeline.locator('[data-step-kind="verdict"]')).toBeVisible({ timeout: 10_000 });
  const kinds = await timeline
    .locator(':scope > li')
    .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-step-kind')}:${e.getAttribute('data-step-by')}`));
  expect(kinds).toEqual([
    'opened:app',
    'authorize-request:product',
    'sign-in-form:product',
    'callback-code:product',
    'app-request:app',
    'app-answer:app',
    'verdict:app',
  ]);
  await expect(timeline.locator('[data-step-kind="app-answer"]')).toContainText('servicedesk@contoso.test');
  const req = timeline.locator('[data-step-kind="authorize-request"]');
  await expect(req.getByTestId('rewrite')).toContainText('prompt (absent) → “login”');
  await expect(req.getByTestId('rewrite')).toContainText('login_hint (absent) → “servicedesk@contoso.test”');
  await expect(req.locator('[data-finding-code="SESSION_PROMPT_ADDED"]')).toBeVisible();
  await expect(timeline.locator('[data-step-kind="callback-code"]').getByTestId('step-message')).toHaveText(
    'The product received an authorization code and redeems it itself; the app does not touch it. Whose account it is for is checked next.',
  );
  await shootTimeline(page, 'product-session-timeline.png');
  expect(await seriousViolations(page)).toEqual([]);

  // No code or token of the product's or of the app's own check, and not the secret, ever crossed IPC.
  expectNothingButClaimsCrossedIpc(secret);

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

test('adele signs in where servicedesk must: red, naming both, proven by the app’s own silent sign-in', async () => {
  const page = app.harness.page;
  const secret = emulator.directory.apps.servicenow.secret.value;
  const pp = await openSession('servicedesk@contoso.test', { secret });
  // The admin overtypes the prefilled mailbox with their own account: the SSO trap's human cousin.
  await authorizeInProduct(pp, { upn: 'adele@contoso.test', password: emulator.directory.users.adele.password ?? '' });
  expect(product.redemptions.at(-1)).toEqual({ profile: 'imap', upn: 'adele@contoso.test' });

  const verdict = page.locator('[data-verdict-code]');
  await expect(verdict).toHaveAttribute('data-verdict-code', 'IDENTITY_MISMATCH');
  await expect(verdict).toHaveAttribute('data-verdict-proof', 'proven');
  await expect(verdict).toContainText(
    'The product received tokens for adele@contoso.test, not servicedesk@contoso.test.',
  );
  await expect(verdict).toContainText(
    'Next step: Press the product’s Authorize button again in this clean session and sign in as servicedesk@contoso.test',
  );
  await expect(verdict.getByTestId('verdict-how')).toContainText('login_required (AADSTS50058)');
  // Two app requests: login_hint=servicedesk (login_required), then without a hint (adele's ID token).
  const timeline = page.getByRole('list', { name: 'Product session timeline' });
  await expect(timeline.locator('[data-step-kind="app-request"]')).toHaveCount(2);
  await expect(timeline.locator('[data-step-kind="app-answer"]').first()).toContainText(
    'none of the currently signed in user(s) match the requested login hint',
  );
  await expect(timeline.locator('[data-step-kind="app-answer"]').last()).toContainText('adele@contoso.test');
  await shootTimeline(page, 'product-session-red-timeline.png');
  expect(await seriousViolations(page)).toEqual([]);
  expectNothingButClaimsCrossedIpc(secret);
  await closeSession();
});

test('delegate mode from a saved profile: helpdesk-delegate signs in for the shared mailbox support@ — green, proven with the profile’s secret, naming both', async () => {
  const page = app.harness.page;
  const delegate = emulator.directory.users.delegate;
  const proofHeading = page.getByRole('heading', { name: 'Ask ServiceNow whose token it stored' });
  await page.goto(`${app.harness.url}#/product-session`);
  await page.reload();
  // Another product first: its own address shape, and no ServiceNow token store to ask.
  const productUrl = page.getByLabel('Product URL');
  const productPicker = page.getByRole('combobox', { name: 'Product' });
  await expect(proofHeading).toBeVisible();
  await productPicker.click();
  await page.getByRole('option', { name: 'Servicely' }).click();
  await expect(productUrl).toHaveAttribute('placeholder', 'https://{instance}.servicely.ai/');
  await expect(proofHeading).toHaveCount(0);

  // The saved profile brings the product, its address (from the redirect URI), both accounts and the authority
  // host; its secret stays in main and is used since none is typed.
  await page.getByRole('combobox', { name: 'Saved profile' }).click();
  await page.getByRole('option', { name: PROFILE }).click();
  await expect(productPicker).toHaveText('ServiceNow');
  await expect(proofHeading).toBeVisible();
  await expect(productUrl).toHaveValue(`${product.origin}/`);
  await expect(page.getByRole('switch', { name: 'A delegate signs in for a shared mailbox' })).toBeChecked();
  await expect(page.getByLabel('Delegate who signs in')).toHaveValue(delegate.upn);
  await expect(page.getByLabel('Shared mailbox address')).toHaveValue('support@contoso.test');
  await expect(page.getByLabel('Custom authority host (optional)')).toHaveValue(emulator.host);
  await expect(page.getByLabel('Client secret (Value), optional')).toHaveValue('');
  await expect(
    page.getByText('Leave empty to use the secret saved with the profile (it stays in the app).'),
  ).toBeVisible();

  // The admin points it at the product's local login page and opens it.
  await productUrl.fill(`${product.origin}/side_door.do`);
  await page.getByRole('button', { name: 'Open product in a clean session' }).click();
  const { page: pp } = await app.nextProductPage();
  await expect(page.locator('[data-session-state]')).toHaveAttribute('data-session-state', 'open');
  await authorizeInProduct(pp, { upn: delegate.upn, password: delegate.password ?? '' });
  const verdict = page.locator('[data-verdict-code]');
  await expect(verdict).toHaveAttribute('data-verdict-code', 'DELEGATE_MODE');
  await expect(verdict).toHaveAttribute('data-verdict-ok', 'true');
  // Proven: the app's own silent sign-in was redeemed with the profile's secret (without one it is only observed).
  await expect(verdict).toHaveAttribute('data-verdict-proof', 'proven');
  await expect(verdict).toContainText(
    `The product received tokens for ${delegate.upn}, who signs in as a delegate for the mailbox support@contoso.test.`,
  );
  await expect(verdict).toContainText('user=support@contoso.test');
  const open = app.harness.payloadLog.filter((p) => p.method === 'productSession.open').at(-1);
  expect(JSON.parse(open?.request ?? '{}')).toMatchObject({ profileId: expect.any(String) });
  expectNothingButClaimsCrossedIpc(emulator.directory.apps.servicenow.secret.value);
  await closeSession();
});

test('without the client secret: the ID-token check where the registration allows it, else only the sign-in page’s word', async () => {
  const page = app.harness.page;
  const servicedesk = {
    upn: 'servicedesk@contoso.test',
    password: emulator.directory.users.servicedesk.password ?? '',
  };
  // The registration's implicit ID tokens are off (the default): AADSTS700054, and the verdict is only observed.
  let pp = await openSession('servicedesk@contoso.test');
  await authorizeInProduct(pp, servicedesk);
  const verdict = page.locator('[data-verdict-code]');
  await expect(verdict).toHaveAttribute('data-verdict-proof', 'observed');
  await expect(verdict).toContainText('The product probably received tokens for servicedesk@contoso.test');
  await expect(verdict.locator('[data-evidence-method="silent-id-token"]')).toContainText('no proof');
  await shootTimeline(page, 'product-session-observed.png');
  await expect(
    page.getByRole('list', { name: 'Product session timeline' }).locator('[data-step-kind="app-answer"]'),
  ).toContainText('unsupported_response_type (AADSTS700054)');
  await closeSession();

  // With "ID tokens (used for implicit and hybrid flows)" on, the form_post ID token (signature verified) decides.
  emulator.configureApp('servicenow', { enableIdTokenIssuance: true });
  try {
    pp = await openSession('servicedesk@contoso.test');
    await authorizeInProduct(pp, servicedesk);
    await expect(verdict).toHaveAttribute('data-verdict-proof', 'proven');
    await expect(verdict).toContainText(
      'The product received tokens for servicedesk@contoso.test, the expected mailbox.',
    );
    await expect(verdict.getByTestId('verdict-how')).toContainText('silent ID-token request');
  } finally {
    emulator.configureApp('servicenow', { enableIdTokenIssuance: false });
  }
  expectNothingButClaimsCrossedIpc();
  await closeSession();
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

test('ServiceNow’s own token store, read back by the app’s background script: adele → red naming both; servicedesk → green', async () => {
  // Two whole product sessions, a script run and two pastes each, two axe scans: 2.2 min on a loaded two-core
  // machine, too close to the file's 150 s.
  test.setTimeout(360_000);
  const page = app.harness.page;
  const secret = emulator.directory.apps.servicenow.secret.value;
  const users = emulator.directory.users;
  const runs = [
    { upn: 'adele@contoso.test', password: users.adele.password ?? '', code: 'IDENTITY_MISMATCH', ok: 'false' },
    { upn: 'servicedesk@contoso.test', password: users.servicedesk.password ?? '', code: 'IDENTITY_MATCH', ok: 'true' },
  ] as const;
  for (const run of runs) {
    // A clean product session in which `run.upn` signs in where servicedesk must; the product stores those tokens.
    const pp = await openSession('servicedesk@contoso.test', { secret });
    await authorizeInProduct(pp, { upn: run.upn, password: run.password });

    // The app generates the script for the product's email account and OAuth profile, by Name.
    const panel = page.getByRole('region', { name: 'Ask ServiceNow whose token it stored' });
    await panel.getByLabel('Email account (Name or sys_id)').fill(PRODUCT_RECORDS.emailAccount.name);
    await panel.getByLabel('OAuth Entity Profile (Name or sys_id)').fill(PRODUCT_RECORDS.oauthProfiles.imap.name);
    const script = await panel.getByLabel('Background script').inputValue();
    expect(script).toContain('sn_auth.GlideOAuthClient().getToken');

    // The admin runs it in the product's Scripts - Background page; it prints claims only.
    await pp.goto(`${product.origin}/sys.scripts.do`);
    await pp.getByLabel('Run script (JavaScript executed on server)').fill(script);
    await pp.getByRole('button', { name: 'Run script' }).click();
    const output = await pp.getByTestId('script-output').innerText();
    expect(output).toContain(`*** Script: ${PROOF_MARKER} {`);
    expect(output).toContain(run.upn);
    for (const t of emulator.issued)
      for (let i = 0; i + 16 <= t.value.length; i += 1)
        if (output.includes(t.value.slice(i, i + 16)))
          throw new Error(`a ${t.kind} of the emulator's is in the script output`);

    // Pasted back into the product session's result: the same identity verdict, from the product's own store.
    await panel.getByLabel('Script output').fill(output);
    const verdict = panel.getByTestId('store-proof-verdict');
    await expect(verdict).toHaveAttribute('data-proof-code', run.code);
    await expect(verdict).toHaveAttribute('data-proof-ok', run.ok);
    await expect(verdict).toContainText('Proof from ServiceNow’s own token store');
    await expect(verdict).toContainText(run.upn);
    if (run.ok === 'false') {
      await expect(verdict).toContainText('These tokens belong to adele@contoso.test, not servicedesk@contoso.test.');
      await expect(verdict).toContainText('sign in as servicedesk@contoso.test');
    }
    await panel.screenshot({ path: join(ARTIFACTS, `product-proof-${run.ok === 'true' ? 'green' : 'red'}.png`) });
    expect(await seriousViolations(page)).toEqual([]);
    expectNothingButClaimsCrossedIpc(secret);
    await closeSession();

    // Pasted into Inspect with the expected account: the same verdict there.
    await page.goto(`${app.harness.url}#/tokens`);
    await page.reload();
    await page.getByLabel('Token, Authorization header, token response, XOAUTH2 blob or log line').fill(output);
    await page.getByLabel('Expected sign-in account').fill('servicedesk@contoso.test');
    const inspected = page.getByTestId('store-proof-verdict');
    await expect(inspected).toHaveAttribute('data-proof-code', run.code);
    await expect(inspected).toContainText(run.upn);
    await expect(page.getByTestId('inspect-summary')).toContainText('verification script');
    if (run.ok === 'false')
      await page.locator('main').screenshot({ path: join(ARTIFACTS, 'inspect-product-proof-red.png') });
  }
});

/**
 * The main region scrolls on its own, so a full-page shot would cut the timeline: with a tall viewport, shoot from
 * the verdict section (when there is one) to the end of the timeline section.
 */
async function shootTimeline(page: Page, file: string): Promise<void> {
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 1280, height: 4000 });
  const timeline = await page.locator('section[aria-labelledby="product-timeline-heading"]').boundingBox();
  const verdict = page.locator('section[aria-labelledby="product-verdict-heading"]');
  const top = (await verdict.count()) > 0 ? await verdict.boundingBox() : timeline;
  if (timeline && top) {
    const x = Math.min(top.x, timeline.x);
    const width = Math.max(top.x + top.width, timeline.x + timeline.width) - x;
    const height = timeline.y + timeline.height - top.y;
    await page.screenshot({ path: join(ARTIFACTS, file), clip: { x, y: top.y, width, height } });
  }
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
