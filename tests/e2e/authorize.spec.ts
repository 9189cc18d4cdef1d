// The authorize flow end to end, run against BOTH test identity providers from this one spec: the Entra emulator and
// an Entra-shaped oidc-provider (a certified OpenID Provider library sharing no code with the emulator). The app gets
// no hint which one it talks to: a custom authority host and the CA file chosen in main's dialog. Nothing is trusted
// process-wide: the sign-in window trusts the provider's CA for its host only, MSAL and the ID-token check trust it
// through the app's own network code.
// - The SSO trap: an everyday browser signed in as adele gets adele's code for the product's own request (no prompt,
//   no login_hint), and the app's own verdict on those tokens names adele;
// - the app's clean session shows Entra's sign-in pages; servicedesk signs in; amber verdict (a custom authority,
//   never VERIFIED); nothing secret crosses IPC or reaches a log; the window's context is emptied afterwards;
// - the wrong account is red, naming both; delegate mode is amber, naming both; closing the window is CANCELLED;
// - a certificate the window does not trust ends the flow at once with IDP_TLS naming the host.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from 'playwright-core';
import type { AuthBrowserFactory } from '../../electron/services/authorize/auth-browser';
import { AuthorizeService } from '../../electron/services/authorize/authorize-service';
import { createNetworkModule } from '../../electron/services/authorize/msal-network';
import { TokenStore } from '../../electron/services/tokens/token-store';
import type { AuthorizeConfig } from '../../shared/authorize/schema';
import { matchesRedirectUri } from '../../shared/authorize/redirect-uri';
import { fillAuthorizeForm } from '../harness/authorize-form';
import { openCleanContext, type CleanContext } from '../harness/clean-context';
import { startAppWithIdp, type IdpApp } from '../harness/emulated-app';
import { ENTRA_IDS, signInOnEntraPage, waitForSignInPage } from '../harness/entra-sign-in';
import { REPO_ROOT } from '../harness/index';
import { TEST_IDPS, type TestIdp } from '../harness/test-idp';
import { createIdpPki } from '../idp/pki';

const ARTIFACTS = join(REPO_ROOT, 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

const SCOPES = [
  'https://outlook.office.com/IMAP.AccessAsUser.All',
  'https://outlook.office.com/SMTP.Send',
  'offline_access',
  'openid',
  'profile',
];

function configFor(idp: TestIdp, signInAccount: string, caPem = idp.caPem): AuthorizeConfig {
  return {
    cloud: 'custom',
    customAuthority: { authorityHost: idp.host, graphHost: idp.host, outlookResourceHost: idp.host, caPem },
    tenant: idp.tenant,
    clientId: idp.app.clientId,
    clientSecret: idp.app.clientSecret,
    redirectUri: idp.app.redirectUri,
    signInAccount,
    scopes: SCOPES,
    prompt: 'login',
    timeoutMs: 20_000,
  };
}

/**
 * The admin's everyday browser (one context that keeps its cookies across flows, trusting the provider's CA for its
 * host like any browser trusting a real login host). `asProduct` opens the URL as a product would: without prompt
 * and without login_hint. `signIn` is what the person does on the page, if anything.
 */
function everydayBrowser(
  clean: CleanContext,
  idp: TestIdp,
  o: { asProduct: boolean; signIn?: (page: Page) => Promise<void> },
): AuthBrowserFactory {
  return async () => ({
    authorize: (url, redirectUri, opts) =>
      new Promise((resolve) => {
        const timer = setTimeout(() => resolve({ kind: 'timeout' }), opts.timeoutMs);
        void (async () => {
          const page = await clean.openPage({
            trust: { host: idp.host.replace(/:\d+$/, ''), caPem: idp.caPem },
            pause: [{ urlPattern: `${redirectUri.origin}/*`, requestStage: 'Request' }],
            answer: (request) => {
              if (!matchesRedirectUri(request.url, redirectUri)) return { kind: 'continue' };
              clearTimeout(timer);
              resolve({ kind: 'callback', callbackUrl: request.url });
              return { kind: 'fail' };
            },
          });
          const u = new URL(url);
          if (o.asProduct) {
            u.searchParams.delete('prompt');
            u.searchParams.delete('login_hint');
          }
          await page.goto(u.toString()).catch(() => undefined);
          if (o.signIn) await o.signIn(page);
        })();
      }),
    dispose: async () => undefined,
  });
}

async function scrollVerdictIntoView(app: IdpApp): Promise<void> {
  // The page scrolls inside <main>, so a full-page shot would show the form: bring the verdict into view.
  await app.harness.page.locator('[data-verdict]').evaluate((el) => {
    const main = el.closest('main');
    if (main) main.scrollTop += el.getBoundingClientRect().top - main.getBoundingClientRect().top - 16;
  });
}

function* tokenSetIds(app: IdpApp): Generator<string> {
  for (const p of app.harness.payloadLog) {
    const m = /"tokenSetId":"([0-9a-f-]{36})"/.exec(p.response);
    if (m?.[1]) yield m[1];
  }
}

for (const provider of TEST_IDPS) {
  test.describe(`authorize against ${provider.name}`, () => {
    let idp: TestIdp;
    let app: IdpApp;
    test.beforeAll(async () => {
      idp = await provider.start();
      app = await startAppWithIdp(idp, {
        area: 'authorize',
        recordPayloads: true,
        viewport: { width: 1280, height: 1000 },
      });
    });
    test.afterAll(async () => {
      await app?.close();
      await idp?.stop();
    });

    const signInOnNextAuthPage = async (who: { upn: string; password: string }): Promise<void> => {
      const { page } = await app.nextAuthPage();
      await signInOnEntraPage(page, who.upn, who.password);
    };

    test('the SSO trap: the everyday browser gets adele silently; the app’s clean session gets servicedesk', async () => {
      const { harness } = app;
      const page = harness.page;
      const { servicedesk, adele } = idp.users;

      // The admin's everyday browser signs in to the provider as adele once (her own work).
      const everyday = await openCleanContext(harness.browser);
      const first = new AuthorizeService({
        browsers: everydayBrowser(everyday, idp, {
          asProduct: false,
          signIn: (p) => signInOnEntraPage(p, adele.upn, adele.password),
        }),
        store: new TokenStore(),
        network: () => createNetworkModule({ ca: idp.caPem }),
      });
      first.start(configFor(idp, adele.upn));
      expect((await first.settled()).kind).toBe('done');
      const everydayCookies = await everyday.context.cookies();
      expect(everydayCookies.length).toBeGreaterThan(0);

      // (a) Control: the product's own authorize request (no prompt, no login_hint) in that browser completes
      // silently with adele's code — nobody signs in — and the app's verdict on those tokens names adele.
      const control = new AuthorizeService({
        browsers: everydayBrowser(everyday, idp, { asProduct: true }),
        store: new TokenStore(),
        network: () => createNetworkModule({ ca: idp.caPem }),
      });
      control.start(configFor(idp, servicedesk.upn));
      const controlState = await control.settled();
      expect(controlState.kind, JSON.stringify(controlState)).toBe('done');
      if (controlState.kind === 'done') {
        expect(controlState.result.verdict.ok).toBe(false);
        expect(controlState.result.verdict.sentence).toContain(
          `These tokens belong to ${adele.upn}, not ${servicedesk.upn}`,
        );
      }
      await everyday.wipe();

      // (b) The app's isolated flow: Entra's sign-in pages, the username prefilled, servicedesk signs in: amber (custom authority).
      // Counted once the window the app keeps ready for the next flow has been made.
      await harness.services.authorize?.settled();
      const contextsBefore = harness.browser.contexts().length;
      const disposedBefore = app.disposed.length;
      await fillAuthorizeForm(app, servicedesk.upn);
      await page.getByRole('button', { name: 'Authorize in a clean session' }).click();
      const { page: authPage, context: isolated } = await app.nextAuthPage();
      // (c) The everyday context's cookies never appear in the isolated one.
      const isolatedCookies = await isolated.cookies();
      for (const c of everydayCookies)
        expect(isolatedCookies.find((x) => x.name === c.name && x.value === c.value)).toBeUndefined();
      await expect(authPage.locator(ENTRA_IDS.username)).toHaveValue(servicedesk.upn);
      // While the admin signs in, the progress names the host the sign-in window shows.
      await expect(page.getByTestId('authorize-result')).toContainText(`at ${idp.host}`);
      await signInOnEntraPage(authPage, servicedesk.upn, servicedesk.password);
      // A test identity provider is a custom authority: its passing run is amber and names it, never VERIFIED.
      await expect(page.locator('[data-verdict]')).toHaveAttribute('data-verdict', 'check', { timeout: 20_000 });
      await expect(page.getByTestId('signed-in-as')).toHaveText(servicedesk.upn);
      await expect(page.locator('[data-verdict-code]')).toHaveAttribute('data-verdict-code', 'CUSTOM_AUTHORITY');
      await expect(page.locator('[data-verdict-code]')).toContainText('Microsoft did not issue these tokens');
      await expect(page.getByText('Yes — its scopes include offline_access, so it can stay signed in')).toBeVisible();
      await expect(page.getByText(idp.tenantId).first()).toBeVisible();
      await scrollVerdictIntoView(app);
      await page.screenshot({
        path: join(ARTIFACTS, `authorize-custom-authority-verdict-${idp.name.split(' ')[0]}.png`),
      });

      // The isolated context was emptied and closed (a moment after the verdict: its first frame goes first).
      const facts = (await app.untilDisposed(disposedBefore + 1)).at(-1);
      expect(facts?.cookiesBeforeClear).toBeGreaterThan(0);
      expect(facts?.cookiesAfterClear).toBe(0);
      expect(harness.browser.contexts()).not.toContain(isolated);
      // The one left in its place is the next flow's, made ahead once this one had closed: blank, without a cookie.
      await harness.services.authorize?.settled();
      expect(harness.browser.contexts().length).toBe(contextsBefore);
      const ahead = harness.browser.contexts().filter((c) => c !== harness.page.context());
      expect(ahead).toHaveLength(1);
      expect(await ahead[0]?.cookies()).toEqual([]);
      expect(ahead[0]?.pages().map((p) => p.url())).toEqual(['about:blank']);

      // No token, refresh token, code or client secret in any IPC response, nor a token in any request or log line.
      const set = app.store.get([...tokenSetIds(app)].at(-1) ?? '');
      const secrets = [
        ...(set?.accessTokens.map((t) => t.value) ?? []),
        set?.idToken?.value,
        set?.refreshToken?.value,
      ].filter((x): x is string => typeof x === 'string' && x.length > 20);
      expect(secrets.length).toBeGreaterThanOrEqual(3);
      const codes = idp.issuedCodes();
      expect(codes.length).toBeGreaterThan(0);
      for (const p of harness.payloadLog) {
        for (const s of [...secrets, ...codes, idp.app.clientSecret])
          expect(p.response.includes(s), `${p.method} response leaks a secret`).toBe(false);
        for (const s of [...secrets, ...codes])
          expect(p.request.includes(s), `${p.method} request carries a token`).toBe(false);
      }
      for (const line of harness.logLines)
        for (const s of [...secrets, idp.app.clientSecret]) expect(line.includes(s)).toBe(false);
    });

    test('the wrong account in the clean session gets the red verdict that names both', async () => {
      const page = app.harness.page;
      const { servicedesk, adele } = idp.users;
      await fillAuthorizeForm(app, servicedesk.upn);
      // The frame after the verdict is held back (animation frames asked for once the verdict is on the page wait):
      // what the page holds 200 ms later (the app waits 250 ms for a frame that never comes) is what that frame would
      // show; then the frame is let through.
      await page.evaluate(`(() => {
        const read = () => ({
          verdict: document.querySelector('[data-verdict]') !== null,
          tokenTabs: document.querySelector('[aria-label="Tokens that came back"]') !== null,
          formLocked: [...document.querySelectorAll('button[type="submit"]')].some((b) => b.disabled),
        });
        const raf = window.requestAnimationFrame.bind(window);
        const held = [];
        let holding = true;
        window.requestAnimationFrame = (cb) =>
          holding && document.querySelector('[data-verdict]') ? (held.push(cb), 0) : raf(cb);
        window.__beforeVerdictFrame = new Promise((resolve) => {
          const observer = new MutationObserver(() => {
            if (!document.querySelector('[data-verdict]')) return;
            observer.disconnect();
            setTimeout(() => {
              const seen = read();
              holding = false;
              for (const cb of held) raf(cb);
              resolve(seen);
            }, 200);
          });
          observer.observe(document.body, { subtree: true, childList: true });
        });
      })()`);
      await page.getByRole('button', { name: 'Authorize in a clean session' }).click();
      await signInOnNextAuthPage(adele);
      await expect(page.locator('[data-verdict]')).toHaveAttribute('data-verdict', 'bad', { timeout: 20_000 });
      // The verdict paints first: the tokens' tabs and tables and the form's unlocking wait for that frame, so they
      // do not hold it back (issue 22); once it is out, they are there.
      expect(await page.evaluate('window.__beforeVerdictFrame')).toEqual({
        verdict: true,
        tokenTabs: false,
        formLocked: true,
      });
      await expect(page.getByRole('tablist', { name: 'Tokens that came back' })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Authorize in a clean session' })).toBeEnabled();
      await expect(page.locator('[data-verdict-code]')).toHaveAttribute('data-verdict-code', 'IDENTITY_MISMATCH');
      await expect(page.locator('[data-verdict-code]')).toContainText(
        `These tokens belong to ${adele.upn}, not ${servicedesk.upn}`,
      );
      await scrollVerdictIntoView(app);
      await page.screenshot({ path: join(ARTIFACTS, `authorize-red-verdict-${idp.name.split(' ')[0]}.png`) });
    });

    test('delegate mode: the delegate signs in for the shared mailbox; amber (a custom authority), naming both', async () => {
      const page = app.harness.page;
      const { delegate } = idp.users;
      await fillAuthorizeForm(app, delegate.upn, { mailbox: idp.sharedMailbox });
      await page.getByRole('button', { name: 'Authorize in a clean session' }).click();
      await signInOnNextAuthPage(delegate);
      await expect(page.locator('[data-verdict]')).toHaveAttribute('data-verdict', 'check', { timeout: 20_000 });
      await expect(page.locator('[data-verdict-code]')).toHaveAttribute(
        'data-verdict-code',
        'CUSTOM_AUTHORITY_DELEGATE',
      );
      await expect(page.locator('[data-verdict-code]')).toContainText(delegate.upn);
      await expect(page.getByText(`${idp.sharedMailbox} (shared mailbox, opened by the delegate)`)).toBeVisible();
    });

    test('closing the sign-in window, or Cancel, is reported as cancelled, and a new flow can start', async () => {
      const page = app.harness.page;
      await fillAuthorizeForm(app, idp.users.servicedesk.upn);
      await page.getByRole('button', { name: 'Authorize in a clean session' }).click();
      const { page: authPage } = await app.nextAuthPage();
      // The admin closes the window once it shows the sign-in page. Closed at once, while its first navigation from
      // the blank page made ahead was still in flight, the page sometimes stayed open in headless Chromium, loaded,
      // with no close event, and the test timed out (CI at 73ffce4, both providers; here 3 of 14 such closes, each
      // after a sign-in and a pause of 0-700 ms; none of 28 once the sign-in page had loaded, none of 30 with no page
      // made ahead).
      await waitForSignInPage(authPage);
      await authPage.close();
      await expect(page.locator('[data-error-code="CANCELLED"]')).toBeVisible({ timeout: 10_000 });
      await expect(page.getByRole('button', { name: 'Authorize in a clean session' })).toBeEnabled();

      // A new run from the same form (still filled): Cancel closes its sign-in window and says so.
      await page.getByRole('button', { name: 'Start a new authorization' }).click();
      await expect(page.locator('[data-error-code="CANCELLED"]')).toHaveCount(0);
      await page.getByRole('button', { name: 'Authorize in a clean session' }).click();
      const { page: second } = await app.nextAuthPage();
      await page.getByRole('button', { name: 'Cancel the sign-in' }).click();
      await expect(page.locator('[data-error-code="CANCELLED"]')).toBeVisible({ timeout: 10_000 });
      await expect.poll(() => second.isClosed()).toBe(true);
    });

    test('20 consecutive flows leave no contexts, pages or CDP sessions behind', async () => {
      test.setTimeout(300_000); // ~7 s a flow on a loaded 2-core machine
      const { harness } = app;
      // The previous test's sign-in window may still be closing (it closes a moment after its verdict, issue 22):
      // the baseline is counted once it has closed.
      await harness.services.authorize?.settled();
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
              caPem: v.caPem,
            },
            tenant: v.tenant,
            clientId: v.clientId,
            clientSecret: v.clientSecret,
            redirectUri: v.redirectUri,
            signInAccount: idp.users.servicedesk.upn,
            scopes: ['https://outlook.office.com/IMAP.AccessAsUser.All', 'offline_access', 'openid'],
          },
        );
        expect(started.ok).toBe(true);
        await signInOnNextAuthPage(idp.users.servicedesk);
        await expect
          .poll(
            async () =>
              harness.page.evaluate(
                async () =>
                  (
                    await (
                      window as unknown as {
                        api: {
                          authorize: { status: (r: object) => Promise<{ ok: boolean; value?: { kind: string } }> };
                        };
                      }
                    ).api.authorize.status({})
                  ).value?.kind ?? 'none',
              ),
            { timeout: 15_000 },
          )
          .toBe('done');
      }
      // The last sign-in context closes a quarter of a second after its verdict (issue 22), and the next flow's is made
      // ahead once it has (settled() waits for both); a context that leaked would never come back to the baseline.
      await harness.services.authorize?.settled();
      await expect.poll(() => harness.browser.contexts().length, { timeout: 5_000 }).toBe(baselineContexts);
      expect(harness.browser.contexts().reduce((n, c) => n + c.pages().length, 0)).toBe(baselinePages);
      expect(app.disposed.slice(-20).every((d) => d.cookiesAfterClear === 0)).toBe(true);
    });

    test('a CA that did not issue the host’s certificate: the window refuses it and the flow ends at once, IDP_TLS naming the host', async () => {
      // Discovery and the token request trust the right CA (a network override), the window only the chosen one:
      // the window's own refusal is what ends the flow, well before the 20 s limit.
      const wrongCa = createIdpPki().caPem;
      const store = new TokenStore();
      const { playwrightAuthBrowsers } = await import('../harness/auth-browser');
      const svc = new AuthorizeService({
        browsers: playwrightAuthBrowsers(() => app.harness.browser),
        store,
        network: () => createNetworkModule({ ca: idp.caPem }),
      });
      const started = Date.now();
      const config = configFor(idp, idp.users.servicedesk.upn, wrongCa);
      svc.start(config);
      const s = await svc.settled();
      expect(s.kind).toBe('failed');
      if (s.kind === 'failed') {
        expect(s.error.code).toBe('IDP_TLS');
        expect(s.error.message).toContain(idp.host.replace(/:\d+$/, ''));
      }
      // "At once": well inside the flow's own time limit, not by waiting it out.
      expect(Date.now() - started).toBeLessThan(config.timeoutMs * 0.75);
    });
  });
}
