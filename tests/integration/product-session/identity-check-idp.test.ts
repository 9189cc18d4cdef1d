// The product session's identity check against the second identity provider of the suite (tests/idp: panva's
// oidc-provider, Entra-shaped, sharing no code with the emulator), in real Chromium through the harness's own
// product browser (playwrightProductBrowsers: the clean context, the hidden page that catches the app's silent
// answers at the redirect URI). The session signs in there as one account; checkProductIdentity then runs with
// MSAL-node trusting only that provider's CA and the signature verifier fetching its keys. Unlike the emulator,
// oidc-provider ignores login_hint under prompt=none: it answers with the signed-in account's code, and the ID
// token, not an error, proves the mismatch. It issues no ID token from the authorize endpoint (its client allows
// response_type=code only), so without the secret only the sign-in page's word is left.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNetworkModule } from '../../../electron/services/authorize/msal-network';
import { checkProductIdentity, type CheckSecret } from '../../../electron/services/product-session/identity-check';
import type { ProductBrowser, ProductWatcher } from '../../../electron/services/product-session/product-browser';
import type { NewStep } from '../../../electron/services/product-session/session-watcher';
import { createCaFetch, createTokenVerifier } from '../../../electron/services/tokens/token-verifier';
import { matchesRedirectUri, parseRedirectUri } from '../../../shared/authorize/redirect-uri';
import { parseAuthorizeRequest } from '../../../shared/product-session';
import { signInOnEntraPage } from '../../harness/entra-sign-in';
import { playwrightProductBrowsers } from '../../harness/product-session';
import { startIdp, type Idp } from '../../idp/index';

const CHROMIUM = '/usr/bin/chromium';
const unavailable = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} not found`;
if (unavailable) console.warn(`Skipping the identity check against oidc-provider: ${unavailable}`);

let idp: Idp;
let browser: Browser;

beforeAll(async () => {
  if (unavailable) return;
  idp = await startIdp();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
      `--ignore-certificate-errors-spki-list=${idp.spkiHash}`,
    ],
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await idp?.stop();
});

/**
 * The scopes the session signs in with: what MSAL sends for the product's mail scopes (the OpenID scopes added),
 * which oidc-provider needs before it answers a later prompt=none request without a consent page.
 */
const SCOPE =
  'https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office.com/SMTP.Send openid profile offline_access';

/** The product's authorize request as the watcher parsed it; PKCE because this provider requires it of every client. */
function productAuthorizeUrl(): string {
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: idp.client.clientId,
    redirect_uri: idp.client.redirectUri,
    scope: SCOPE,
    state: 'product-state',
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
    prompt: 'login',
  });
  return `${idp.baseUrl}/${idp.domain}/oauth2/v2.0/authorize?${q.toString()}`;
}

interface Session {
  readonly browser: ProductBrowser;
  /** The code answer that reached the product's redirect URI (the product's own callback). */
  readonly callbacks: string[];
  /** What the app's silent requests caught at the redirect URI, so the test can prove the product saw none. */
  readonly silentCaught: string[];
}

/** Opens a clean session on the provider's authorize page and signs in there as `upn`, as the admin would. */
async function sessionSignedInAs(upn: string, password: string): Promise<Session> {
  const callbacks: string[] = [];
  const silentCaught: string[] = [];
  const parsed = parseRedirectUri(idp.client.redirectUri);
  const redirectUri = parsed.ok ? parsed.url : undefined;
  let opened: ((p: Page) => void) | undefined;
  const pageReady = new Promise<Page>((resolve) => (opened = resolve));
  let reached: (() => void) | undefined;
  const callbackReached = new Promise<void>((resolve) => (reached = resolve));
  const watcher: ProductWatcher = {
    onRequest: (r) => {
      if (redirectUri && matchesRedirectUri(r.url, redirectUri)) {
        callbacks.push(r.url);
        reached?.();
      }
      return {};
    },
    onWindowClosed: () => undefined,
  };
  const factory = playwrightProductBrowsers(() => browser, {
    onPage: (p) => opened?.(p),
    onSilent: (_url, outcome) => {
      if (outcome.kind === 'callback') silentCaught.push(outcome.callbackUrl);
    },
  });
  const productBrowser = await factory(productAuthorizeUrl(), watcher);
  const page = await pageReady;
  await signInOnEntraPage(page, upn, password);
  await callbackReached;
  return { browser: productBrowser, callbacks, silentCaught };
}

async function check(session: Session, opts: { signInAccount: string; mailbox?: string; secret?: CheckSecret }) {
  const steps: NewStep[] = [];
  const request = parseAuthorizeRequest(productAuthorizeUrl(), { customHosts: [idp.host] });
  if (!request) throw new Error('the provider’s authorize URL was not recognised');
  const verdict = await checkProductIdentity(
    {
      request,
      signInAccount: opts.signInAccount,
      mailbox: opts.mailbox ?? opts.signInAccount,
      secret: opts.secret,
      signInFormAccount: undefined,
      preset: 'servicenow',
    },
    {
      silent: (url, redirectUri, o) => session.browser.silentRequest(url, redirectUri, o),
      verifierFor: (host) => createTokenVerifier({ fetch: createCaFetch(idp.caPem), trustedIssuerHosts: [host] }),
      network: createNetworkModule({ ca: idp.caPem }),
      record: (s) => steps.push(s),
    },
  );
  // Nothing of what the provider handed out (codes) nor the secret is in what the check returns or records.
  const out = JSON.stringify({ verdict, steps });
  for (const code of idp.issuedCodes) expect(out.includes(code)).toBe(false);
  if (opts.secret) expect(out).not.toContain(opts.secret.value);
  return { verdict, steps };
}

describe.skipIf(unavailable !== undefined)('the identity check against oidc-provider (Entra-shaped)', () => {
  it('servicedesk signed in: the app’s code, redeemed with the secret, proves servicedesk — green', async () => {
    const s = await sessionSignedInAs(idp.users.servicedesk.upn, idp.users.servicedesk.password ?? '');
    try {
      const { verdict, steps } = await check(s, {
        signInAccount: idp.users.servicedesk.upn,
        secret: { value: idp.client.clientSecret },
      });
      expect(verdict).toMatchObject({
        ok: true,
        status: 'match',
        proof: 'proven',
        decidedBy: 'silent-code',
        account: idp.users.servicedesk.upn,
      });
      expect(steps.find((x) => x.kind === 'app-answer')?.claims).toMatchObject({
        preferred_username: idp.users.servicedesk.upn,
        signature: 'valid',
      });
      // Only the product's own callback reached the product's page (its state; a failed navigation to the unmapped
      // product host may be retried by Chromium, so it can be seen twice); the app's answer, with the app's own state,
      // was caught in its hidden page.
      const stateOf = (u: string | undefined): string | null => new URL(u ?? 'x:').searchParams.get('state');
      expect(s.callbacks.length).toBeGreaterThan(0);
      for (const c of s.callbacks) expect(stateOf(c)).toBe('product-state');
      expect(s.silentCaught).toHaveLength(1);
      expect(stateOf(s.silentCaught[0])).not.toBe('product-state');
      expect(new URL(s.silentCaught[0] ?? 'x:').searchParams.has('code')).toBe(true);
    } finally {
      await s.browser.close();
    }
  }, 60_000);

  it('adele signed in where servicedesk must: the provider ignores login_hint, adele’s ID token proves it — red naming both', async () => {
    const s = await sessionSignedInAs(idp.users.adele.upn, idp.users.adele.password ?? '');
    try {
      const { verdict } = await check(s, {
        signInAccount: idp.users.servicedesk.upn,
        secret: { value: idp.client.clientSecret },
      });
      expect(verdict).toMatchObject({
        ok: false,
        status: 'mismatch',
        proof: 'proven',
        decidedBy: 'silent-code',
        account: idp.users.adele.upn,
      });
      expect(verdict.sentence).toBe(
        `The product received tokens for ${idp.users.adele.upn}, not ${idp.users.servicedesk.upn}.`,
      );
      // Asked for servicedesk (login_hint), the provider answered with the session's account: adele's ID token.
      expect(verdict.evidence[0]).toMatchObject({
        method: 'silent-code',
        loginHint: idp.users.servicedesk.upn,
        outcome: { kind: 'account', account: idp.users.adele.upn },
      });
    } finally {
      await s.browser.close();
    }
  }, 60_000);

  it('delegate mode: the delegate signed in for the shared mailbox — green naming both', async () => {
    const s = await sessionSignedInAs(idp.users.delegate.upn, idp.users.delegate.password ?? '');
    try {
      const { verdict } = await check(s, {
        signInAccount: idp.users.delegate.upn,
        mailbox: idp.users.support.upn,
        secret: { value: idp.client.clientSecret },
      });
      expect(verdict).toMatchObject({ ok: true, proof: 'proven', account: idp.users.delegate.upn });
      expect(verdict.sentence).toContain(idp.users.delegate.upn);
      expect(verdict.sentence).toContain(idp.users.support.upn);
    } finally {
      await s.browser.close();
    }
  }, 60_000);

  it('without the secret: no ID token from the authorize endpoint, so nothing is proven', async () => {
    const s = await sessionSignedInAs(idp.users.servicedesk.upn, idp.users.servicedesk.password ?? '');
    try {
      const { verdict } = await check(s, { signInAccount: idp.users.servicedesk.upn });
      expect(verdict.proof).not.toBe('proven');
      expect(verdict.evidence.map((e) => [e.method, e.outcome.kind])).toEqual([
        ['silent-code', 'not-tried'],
        ['silent-id-token', 'inconclusive'],
        ['sign-in-form', 'not-tried'],
      ]);
      const idToken = verdict.evidence[1]?.outcome;
      // The client's registration allows response_type=code only: an OAuth error about the request (oidc-provider
      // 9.13 answers invalid_request), nothing about the account — never read as a mismatch.
      expect(idToken?.kind === 'inconclusive' && idToken.code).toMatch(
        /^(invalid_request|unauthorized_client|unsupported_response_type)$/,
      );
      expect(verdict.status).not.toBe('mismatch');
    } finally {
      await s.browser.close();
    }
  }, 60_000);
});
