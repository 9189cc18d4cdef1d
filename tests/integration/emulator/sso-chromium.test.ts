// The SSO trap reproduced in real Chromium against the emulator: a browser already signed in as adele gets
// adele's code silently for the product's plain authorize URL; prompt=login shows Entra's sign-in pages and yields
// the mailbox account's code; a login_hint for another account, prompt=select_account and several accounts in one
// browser show the account picker. The product's redirect host is caught with CDP Fetch (Playwright's route never sees the
// later hops of a redirect chain), so nothing leaves the machine.
import { existsSync } from 'node:fs';
import { decodeJwt } from 'jose';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../emulator/index';
import { ENTRA_IDS, signInOnEntraPage } from '../../harness/entra-sign-in';

const CHROMIUM = '/usr/bin/chromium';
const unavailable = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} not found`;
if (unavailable) console.warn(`Skipping Chromium SSO tests: ${unavailable}`);

let em: Emulator;
let browser: Browser;

beforeAll(async () => {
  if (unavailable) return;
  em = await startEmulator();
  em.trustInProcess();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      `--ignore-certificate-errors-spki-list=${em.spkiHash}`,
    ],
  });
});
afterAll(async () => {
  await browser?.close();
  await em?.stop();
});

interface Caught {
  url: string;
  method: string;
  postData?: string;
}

/** Intercepts every request to the product's redirect host on this page and answers it locally. */
async function catchRedirects(context: BrowserContext, page: Page, host: string): Promise<() => Promise<Caught>> {
  const cdp = await context.newCDPSession(page);
  let resolveNext: ((c: Caught) => void) | undefined;
  const caught: Caught[] = [];
  cdp.on(
    'Fetch.requestPaused',
    (ev: { requestId: string; request: { url: string; method: string; postData?: string } }) => {
      // The caught page's favicon asks the same host: only the redirect URI's path is a redirect.
      if (new URL(ev.request.url).pathname === '/favicon.ico') {
        void cdp.send('Fetch.failRequest', { requestId: ev.requestId, errorReason: 'Aborted' }).catch(() => undefined);
        return;
      }
      const c: Caught = {
        url: ev.request.url,
        method: ev.request.method,
        ...(ev.request.postData === undefined ? {} : { postData: ev.request.postData }),
      };
      caught.push(c);
      resolveNext?.(c);
      void cdp
        .send('Fetch.fulfillRequest', {
          requestId: ev.requestId,
          responseCode: 200,
          responseHeaders: [{ name: 'content-type', value: 'text/html' }],
          body: Buffer.from('<!doctype html><title>caught</title><h1>Redirect caught by the test</h1>').toString(
            'base64',
          ),
          // The test may close the page as soon as it has the redirect; a fulfil racing that close is harmless.
        })
        .catch(() => undefined);
    },
  );
  await cdp.send('Fetch.enable', { patterns: [{ urlPattern: `https://${host}/*`, requestStage: 'Request' }] });
  return () => {
    const first = caught.shift();
    if (first) return Promise.resolve(first);
    return new Promise<Caught>((resolve, reject) => {
      const t = setTimeout(
        () => reject(new Error(`no redirect to ${host} within 10 s; page at ${page.url()}`)),
        10_000,
      );
      resolveNext = (c) => {
        clearTimeout(t);
        caught.shift();
        resolve(c);
      };
    });
  };
}

function authorizeUrl(extra: Record<string, string>): string {
  const app = em.directory.apps.servicenow;
  const q = new URLSearchParams({
    client_id: app.clientId,
    response_type: 'code',
    redirect_uri: app.redirectUris[0] ?? '',
    scope: 'https://outlook.office.com/IMAP.AccessAsUser.All offline_access',
    state: 'st-1',
    ...extra,
  });
  return `${em.authority()}/oauth2/v2.0/authorize?${q.toString()}`;
}

// Page loads on a loaded 2-core machine take longer than expect.poll's 1 s default: wait like Playwright would.
const POLL = { timeout: 15_000 } as const;

async function redeem(code: string): Promise<Record<string, unknown>> {
  const app = em.directory.apps.servicenow;
  const res = await fetch(`${em.authority()}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: app.clientId,
      client_secret: app.secret.value,
      code,
      redirect_uri: app.redirectUris[0] ?? '',
      scope: 'https://outlook.office.com/IMAP.AccessAsUser.All offline_access',
    }).toString(),
  });
  const body = (await res.json()) as { access_token?: string };
  return decodeJwt(body.access_token ?? '');
}

async function signedInAsAdele(): Promise<{ context: BrowserContext; page: Page; next: () => Promise<Caught> }> {
  const context = await browser.newContext();
  await context.addCookies([em.ssoCookieFor(em.directory.users.adele.upn)]);
  const page = await context.newPage();
  const next = await catchRedirects(context, page, 'acme.service-now.example');
  return { context, page, next };
}

describe.skipIf(unavailable)('SSO trap in Chromium', () => {
  it('the product’s own request (no prompt, no login_hint) in a browser signed in as adele gets adele’s code silently', async () => {
    const { context, page, next } = await signedInAsAdele();
    try {
      await page.goto(authorizeUrl({}));
      const c = await next();
      const params = new URL(c.url).searchParams;
      expect(params.get('state')).toBe('st-1');
      expect(await page.locator(ENTRA_IDS.password).count()).toBe(0);
      const claims = await redeem(params.get('code') ?? '');
      expect(claims.upn).toBe(em.directory.users.adele.upn);
    } finally {
      await context.close();
    }
  });

  it('login_hint naming another account than the session’s: the account picker, not adele’s code', async () => {
    // entra-docs msal-js-sso.md: a login_hint that matches no signed-in user goes "through the standard sign-in
    // experience, including account selection".
    const { context, page, next } = await signedInAsAdele();
    const sd = em.directory.users.servicedesk;
    try {
      await page.goto(authorizeUrl({ login_hint: sd.upn }));
      await expect.poll(() => page.getByRole('heading', { name: 'Pick an account' }).count(), POLL).toBe(1);
      await page.locator('#otherTile').click();
      await expect.poll(() => page.locator(ENTRA_IDS.username).inputValue(), POLL).toBe(sd.upn);
      await signInOnEntraPage(page, sd.upn, sd.password ?? '');
      const c = await next();
      expect((await redeem(new URL(c.url).searchParams.get('code') ?? '')).upn).toBe(sd.upn);
    } finally {
      await context.close();
    }
  });

  it('with prompt=login: the username page prefilled from login_hint, the password page, Stay signed in?, servicedesk’s code', async () => {
    const { context, page, next } = await signedInAsAdele();
    const sd = em.directory.users.servicedesk;
    try {
      await page.goto(authorizeUrl({ prompt: 'login', login_hint: sd.upn }));
      await expect.poll(() => page.locator(ENTRA_IDS.username).inputValue(), POLL).toBe(sd.upn);
      expect(await page.locator(ENTRA_IDS.username).getAttribute('name')).toBe('loginfmt');
      await page.locator(ENTRA_IDS.submit).click();
      await expect.poll(() => page.locator(ENTRA_IDS.password).getAttribute('name'), POLL).toBe('passwd');
      await page.locator(ENTRA_IDS.password).fill(sd.password ?? '');
      await page.locator(ENTRA_IDS.submit).click();
      await expect.poll(() => page.getByRole('heading', { name: 'Stay signed in?' }).count(), POLL).toBe(1);
      await page.locator(ENTRA_IDS.kmsiNo).click();
      const c = await next();
      const claims = await redeem(new URL(c.url).searchParams.get('code') ?? '');
      expect(claims.upn).toBe(sd.upn);
    } finally {
      await context.close();
    }
  });

  it('prompt=select_account shows the account picker with adele; form_post delivers the code in a POST body', async () => {
    const { context, page, next } = await signedInAsAdele();
    try {
      await page.goto(authorizeUrl({ prompt: 'select_account', response_mode: 'form_post' }));
      await expect.poll(() => page.getByRole('heading', { name: 'Pick an account' }).count(), POLL).toBe(1);
      await page.getByRole('button', { name: /adele@contoso\.test/ }).click();
      const c = await next();
      expect(c.method).toBe('POST');
      const form = new URLSearchParams(c.postData ?? '');
      expect(form.get('state')).toBe('st-1');
      expect((await redeem(form.get('code') ?? '')).upn).toBe(em.directory.users.adele.upn);
    } finally {
      await context.close();
    }
  });

  it('two accounts signed in to one browser: no prompt shows both in the picker; prompt=none is AADSTS16000', async () => {
    const { context, page, next } = await signedInAsAdele();
    const sd = em.directory.users.servicedesk;
    try {
      // A second sign-in in the same browser adds servicedesk to adele's session.
      await page.goto(authorizeUrl({ prompt: 'login', login_hint: sd.upn }));
      await signInOnEntraPage(page, sd.upn, sd.password ?? '');
      await next();
      await page.goto(authorizeUrl({}));
      await expect.poll(() => page.getByRole('heading', { name: 'Pick an account' }).count(), POLL).toBe(1);
      expect(await page.locator(`[data-test-id="${em.directory.users.adele.upn}"]`).count()).toBe(1);
      expect(await page.locator(`[data-test-id="${sd.upn}"]`).count()).toBe(1);
      // A login_hint naming one of them proceeds as that account, silently.
      await page.goto(authorizeUrl({ login_hint: sd.upn }));
      const hintedUrl = (await next()).url;
      expect((await redeem(new URL(hintedUrl).searchParams.get('code') ?? '')).upn).toBe(sd.upn);
      await page.goto(authorizeUrl({ prompt: 'none' }));
      const silent = new URL((await next()).url).searchParams;
      expect(silent.get('error')).toBe('interaction_required');
      expect(silent.get('error_description')).toContain('AADSTS16000');
    } finally {
      await context.close();
    }
  });
});
