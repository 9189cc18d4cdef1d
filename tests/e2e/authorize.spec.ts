// The SSO trap end to end: the admin's everyday browser context is signed in to Entra (the emulator) as
// adele. A product-style authorize URL there completes silently with adele's code; the app's isolated
// flow shows a login form, the admin signs in as servicedesk, and the verdict is green. Nothing secret
// crosses IPC or reaches a log; contexts are closed and emptied after each flow.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { BrowserContext } from 'playwright-core';
import { AuthorizeService } from '../../electron/services/authorize/authorize-service';
import { TokenStore } from '../../electron/services/tokens/token-store';
import { createCaFetch, createTokenVerifier } from '../../electron/services/tokens/token-verifier';
import type { AuthorizeConfig } from '../../shared/authorize/schema';
import type { AuthBrowserFactory } from '../../electron/services/authorize/auth-browser';
import { startEmulatedApp, type EmulatedApp } from '../harness/emulated-app';
import { fillAuthorizeForm } from '../harness/authorize-form';
import { REPO_ROOT } from '../harness/index';

const ARTIFACTS = join(REPO_ROOT, 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

let app: EmulatedApp;
test.beforeAll(async () => {
  app = await startEmulatedApp({ area: 'authorize', recordPayloads: true, viewport: { width: 1280, height: 1000 } });
});
test.afterAll(async () => {
  await app?.close();
});

async function signInOnAuthPage(upn: string, password: string): Promise<BrowserContext> {
  const { page, context } = await app.nextAuthPage();
  // A clean session: the emulator shows its login form, prefilled by login_hint, never a silent redirect.
  await expect(page.locator('#passwd')).toBeVisible();
  await page.locator('#login').fill(upn);
  await page.locator('#passwd').fill(password);
  await page.locator('#idSIButton9').click();
  return context;
}

function everydayContextOf(): Promise<BrowserContext> {
  return app.harness.browser.newContext();
}

test('the SSO trap: the everyday context gets adele silently; the app’s clean session gets servicedesk', async () => {
  const { emulator, harness } = app;
  const page = harness.page;
  const users = emulator.directory.users;

  // The admin's everyday browser: already signed in to Entra as adele.
  const everyday = await everydayContextOf();
  await everyday.addCookies([emulator.ssoCookieFor('adele@contoso.test')]);
  const everydayCookies = await everyday.cookies();
  expect(everydayCookies.length).toBeGreaterThan(0);

  // (a) Control: the product's authorize URL (no prompt) in that everyday context completes silently with
  // adele's code, and the app's own verdict on those tokens names adele, not servicedesk.
  const control = new AuthorizeService({
    browsers: everydayBrowser(everyday),
    store: new TokenStore(),
    verifier: createTokenVerifier({ fetch: createCaFetch(emulator.caPem), trustedIssuerHosts: [emulator.host] }),
  });
  const v = app.demoValues();
  const cfg: AuthorizeConfig = {
    cloud: 'custom',
    customAuthority: {
      authorityHost: v.authorityHost,
      graphHost: v.authorityHost,
      outlookResourceHost: v.authorityHost,
      caFile: v.caFile,
    },
    tenant: v.tenant,
    clientId: v.clientId,
    clientSecret: v.clientSecret,
    redirectUri: v.redirectUri,
    signInAccount: 'servicedesk@contoso.test',
    scopes: [
      'https://outlook.office.com/IMAP.AccessAsUser.All',
      'https://outlook.office.com/SMTP.Send',
      'offline_access',
      'openid',
      'profile',
    ],
    prompt: 'login',
    timeoutMs: 15_000,
  };
  control.start(cfg);
  const controlState = await control.settled();
  expect(controlState.kind).toBe('done');
  if (controlState.kind === 'done') {
    expect(controlState.result.verdict.ok).toBe(false);
    expect(controlState.result.verdict.sentence).toContain(
      'These tokens belong to adele@contoso.test, not servicedesk@contoso.test',
    );
  }
  await everyday.close();

  // (b) The app's isolated flow: login form, sign in as servicedesk, green verdict.
  const contextsBefore = harness.browser.contexts().length;
  await fillAuthorizeForm(app, 'servicedesk@contoso.test');
  await page.getByRole('button', { name: 'Authorize in a clean session' }).click();
  const isolated = await (async () => {
    const { page: authPage, context } = await app.nextAuthPage();
    // (c) The everyday context's cookies never appear in the isolated one.
    const isolatedCookies = await context.cookies();
    for (const c of everydayCookies)
      expect(isolatedCookies.find((x) => x.name === c.name && x.value === c.value)).toBeUndefined();
    await expect(authPage.locator('#passwd')).toBeVisible();
    await expect(authPage.locator('#login')).toHaveValue('servicedesk@contoso.test');
    await authPage.locator('#passwd').fill(users.servicedesk.password ?? '');
    await authPage.locator('#idSIButton9').click();
    return context;
  })();
  const verdict = page.locator('[data-verdict]');
  await expect(verdict).toHaveAttribute('data-verdict', 'ok', { timeout: 20_000 });
  await expect(page.getByTestId('signed-in-as')).toHaveText('servicedesk@contoso.test');
  await expect(page.locator('[data-verdict-code]')).toHaveAttribute('data-verdict-code', 'VERIFIED');
  await expect(page.getByText('Present — the product can stay signed in')).toBeVisible();
  await expect(page.getByText(emulator.directory.tenant.id).first()).toBeVisible();
  // The page scrolls inside <main>, so a full-page shot would show the form: bring the verdict into view.
  await page.locator('[data-verdict]').evaluate((el) => {
    const main = el.closest('main');
    if (main) main.scrollTop += el.getBoundingClientRect().top - main.getBoundingClientRect().top - 16;
  });
  await page.screenshot({ path: join(ARTIFACTS, 'authorize-green-verdict.png') });

  // (c) After the flow the isolated context was emptied and closed.
  const facts = app.disposed.at(-1);
  expect(facts?.cookiesBeforeClear).toBeGreaterThan(0);
  expect(facts?.cookiesAfterClear).toBe(0);
  expect(harness.browser.contexts()).not.toContain(isolated);
  expect(harness.browser.contexts().length).toBe(contextsBefore);

  // No token, refresh token, code or client secret in any IPC response, nor a token in any request or log line.
  const set = app.store.get(app.store.size > 0 ? ([...storeIds(app)].at(-1) ?? '') : '');
  const secrets = [
    ...(set?.accessTokens.map((t) => t.value) ?? []),
    set?.idToken?.value,
    set?.refreshToken?.value,
  ].filter((x): x is string => typeof x === 'string' && x.length > 20);
  expect(secrets.length).toBeGreaterThanOrEqual(3);
  const codes = emulator.requestLog
    .map((r) => new URL(r.url, emulator.baseUrl).searchParams.get('code'))
    .filter((c): c is string => !!c);
  for (const p of harness.payloadLog) {
    for (const s of [...secrets, ...codes, v.clientSecret])
      expect(p.response.includes(s), `${p.method} response leaks a secret`).toBe(false);
    for (const s of [...secrets, ...codes])
      expect(p.request.includes(s), `${p.method} request carries a token`).toBe(false);
  }
  for (const line of harness.logLines)
    for (const s of [...secrets, v.clientSecret]) expect(line.includes(s)).toBe(false);
});

test('the wrong account in the clean session gets the red verdict that names both', async () => {
  const page = app.harness.page;
  await fillAuthorizeForm(app, 'servicedesk@contoso.test');
  await page.getByRole('button', { name: 'Authorize in a clean session' }).click();
  await signInOnAuthPage('adele@contoso.test', app.emulator.directory.users.adele.password ?? '');
  await expect(page.locator('[data-verdict]')).toHaveAttribute('data-verdict', 'bad', { timeout: 20_000 });
  await expect(page.locator('[data-verdict-code]')).toHaveAttribute('data-verdict-code', 'IDENTITY_MISMATCH');
  await expect(page.locator('[data-verdict-code]')).toContainText(
    'These tokens belong to adele@contoso.test, not servicedesk@contoso.test',
  );
  // The page scrolls inside <main>, so a full-page shot would show the form: bring the verdict into view.
  await page.locator('[data-verdict]').evaluate((el) => {
    const main = el.closest('main');
    if (main) main.scrollTop += el.getBoundingClientRect().top - main.getBoundingClientRect().top - 16;
  });
  await page.screenshot({ path: join(ARTIFACTS, 'authorize-red-verdict.png') });
});

test('delegate mode: helpdesk-delegate signs in for support@; the verdict is green and names both', async () => {
  const page = app.harness.page;
  await fillAuthorizeForm(app, 'helpdesk-delegate@contoso.test', { mailbox: 'support@contoso.test' });
  await page.getByRole('button', { name: 'Authorize in a clean session' }).click();
  await signInOnAuthPage('helpdesk-delegate@contoso.test', app.emulator.directory.users.delegate.password ?? '');
  await expect(page.locator('[data-verdict]')).toHaveAttribute('data-verdict', 'ok', { timeout: 20_000 });
  const sentence = page.locator('[data-verdict-code] >> text=/helpdesk-delegate@contoso.test/');
  await expect(sentence.first()).toBeVisible();
  await expect(page.getByText('support@contoso.test (shared mailbox, opened by the delegate)')).toBeVisible();
});

test('closing the sign-in window is reported as cancelled, and a new flow can start', async () => {
  const page = app.harness.page;
  await fillAuthorizeForm(app, 'servicedesk@contoso.test');
  await page.getByRole('button', { name: 'Authorize in a clean session' }).click();
  const { page: authPage } = await app.nextAuthPage();
  await authPage.close();
  await expect(page.locator('[data-error-code="CANCELLED"]')).toBeVisible({ timeout: 10_000 });
  await expect(page.getByRole('button', { name: 'Authorize in a clean session' })).toBeEnabled();
});

test('20 consecutive flows leave no contexts, pages or CDP sessions behind', async () => {
  test.setTimeout(180_000);
  const { harness, emulator } = app;
  const baselineContexts = harness.browser.contexts().length;
  const baselinePages = harness.browser.contexts().reduce((n, c) => n + c.pages().length, 0);
  const v = app.demoValues();
  for (let i = 0; i < 20; i++) {
    const started = await harness.page.evaluate(
      async (cfg) =>
        (
          window as unknown as { api: { authorize: { start: (c: unknown) => Promise<{ ok: boolean }> } } }
        ).api.authorize.start(cfg),
      {
        cloud: 'custom',
        customAuthority: {
          authorityHost: v.authorityHost,
          graphHost: v.authorityHost,
          outlookResourceHost: v.authorityHost,
          caFile: v.caFile,
        },
        tenant: v.tenant,
        clientId: v.clientId,
        clientSecret: v.clientSecret,
        redirectUri: v.redirectUri,
        signInAccount: 'servicedesk@contoso.test',
        scopes: ['https://outlook.office.com/IMAP.AccessAsUser.All', 'offline_access', 'openid'],
      },
    );
    expect(started.ok).toBe(true);
    await signInOnAuthPage('servicedesk@contoso.test', emulator.directory.users.servicedesk.password ?? '');
    await expect
      .poll(
        async () =>
          harness.page.evaluate(
            async () =>
              (
                await (
                  window as unknown as {
                    api: { authorize: { status: (r: object) => Promise<{ ok: boolean; value?: { kind: string } }> } };
                  }
                ).api.authorize.status({})
              ).value?.kind ?? 'none',
          ),
        { timeout: 15_000 },
      )
      .toBe('done');
  }
  expect(harness.browser.contexts().length).toBe(baselineContexts);
  expect(harness.browser.contexts().reduce((n, c) => n + c.pages().length, 0)).toBe(baselinePages);
  expect(app.disposed.slice(-20).every((d) => d.cookiesAfterClear === 0)).toBe(true);
});

function* storeIds(a: EmulatedApp): Generator<string> {
  // The token store keeps ids private; the last verdict on the page names the id only through its data.
  // Walk the harness payload log for authorize.status answers carrying a tokenSetId instead.
  for (const p of a.harness.payloadLog) {
    const m = /"tokenSetId":"([0-9a-f-]{36})"/.exec(p.response);
    if (m?.[1]) yield m[1];
  }
}

/** An AuthBrowser over the admin's everyday context, opening the URL as a product would: without prompt=login. */
function everydayBrowser(context: BrowserContext): AuthBrowserFactory {
  return async () => ({
    authorize: async (url, redirectUri, opts) => {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      const productUrl = new URL(url);
      productUrl.searchParams.delete('prompt');
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve({ kind: 'timeout' }), opts.timeoutMs);
        cdp.on('Fetch.requestPaused', (e: { requestId: string; request: { url: string } }) => {
          if (e.request.url.startsWith(redirectUri.toString())) {
            clearTimeout(timer);
            resolve({ kind: 'callback', callbackUrl: e.request.url });
            void cdp
              .send('Fetch.failRequest', { requestId: e.requestId, errorReason: 'Aborted' })
              .catch(() => undefined);
          } else void cdp.send('Fetch.continueRequest', { requestId: e.requestId }).catch(() => undefined);
        });
        void cdp
          .send('Fetch.enable', { patterns: [{ urlPattern: `${redirectUri.origin}/*` }] })
          .then(() => page.goto(productUrl.toString()).catch(() => undefined));
      });
    },
    dispose: async () => undefined,
  });
}
