// OAuth hardening of the authorize flow, without a network or a browser: the authorize URL the service opens
// (PKCE S256, fresh state and nonce, prompt, login_hint), state compared in constant time and never
// accepted twice (a replayed callback from an earlier flow is refused before any token request), the ID
// token's nonce, tenant and issuer checked, and the redirect catch refusing lookalike URLs.
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { describe, expect, it } from 'vitest';
import type { AuthBrowserFactory, AuthBrowserOutcome } from '../../../../../electron/services/authorize/auth-browser';
import { AuthorizeService, stateMatches } from '../../../../../electron/services/authorize/authorize-service';
import { TokenStore } from '../../../../../electron/services/tokens/token-store';
import { verifyTokenSet } from '../../../../../electron/services/authorize/verify-token-set';
import type { AuthorizeConfig, FlowState } from '../../../../../shared/authorize/schema';
import { matchesRedirectUri, parseRedirectUri } from '../../../../../shared/authorize/redirect-uri';
import {
  CLIENT_ID,
  NOW,
  OTHER_TENANT,
  TENANT,
  createMinter,
  idTokenV2,
  outlookAccessV1,
} from '../../../../support/tokens-mint';

const HOST = 'login.emulator.test';
const REDIRECT = 'https://acme.service-now.example/oauth_redirect.do';

/** An MSAL network module that answers discovery from memory and records every token request. */
function fakeNetwork(tokenRequests: string[]): INetworkModule {
  const discovery = {
    token_endpoint: `https://${HOST}/${TENANT}/oauth2/v2.0/token`,
    authorization_endpoint: `https://${HOST}/${TENANT}/oauth2/v2.0/authorize`,
    end_session_endpoint: `https://${HOST}/${TENANT}/oauth2/v2.0/logout`,
    issuer: `https://${HOST}/${TENANT}/v2.0`,
    jwks_uri: `https://${HOST}/${TENANT}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
  };
  return {
    sendGetRequestAsync: async <T>(url: string): Promise<NetworkResponse<T>> => {
      if (url.includes('openid-configuration')) return { headers: {}, body: discovery as T, status: 200 };
      return { headers: {}, body: { error: 'not_found' } as T, status: 404 };
    },
    sendPostRequestAsync: async <T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> => {
      tokenRequests.push(`${url} ${options?.body ?? ''}`);
      return {
        headers: {},
        body: {
          error: 'invalid_grant',
          error_description: 'AADSTS54005: OAuth2 Authorization code was already redeemed.',
        } as T,
        status: 400,
      };
    },
  };
}

function config(over: Partial<AuthorizeConfig> = {}): AuthorizeConfig {
  return {
    cloud: 'custom',
    customAuthority: { authorityHost: HOST, graphHost: HOST, outlookResourceHost: HOST },
    tenant: TENANT,
    clientId: CLIENT_ID,
    clientSecret: 'Abc8Q~test-secret-value-000000000000000',
    redirectUri: REDIRECT,
    signInAccount: 'servicedesk@contoso.test',
    scopes: ['https://outlook.office.com/IMAP.AccessAsUser.All', 'offline_access', 'openid', 'profile'],
    prompt: 'login',
    timeoutMs: 10_000,
    ...over,
  } as AuthorizeConfig;
}

/** A browser that records the URL it was asked to open and answers with whatever the test decides. */
function scriptedBrowser(answer: (authorizeUrl: URL) => AuthBrowserOutcome, opened: URL[]): AuthBrowserFactory {
  return async () => ({
    authorize: async (url) => {
      const u = new URL(url);
      opened.push(u);
      return answer(u);
    },
    dispose: async () => undefined,
  });
}

async function runFlow(svc: AuthorizeService, cfg = config()): Promise<FlowState> {
  svc.start(cfg);
  return svc.settled();
}

describe('authorize URL: PKCE S256, fresh state and nonce, prompt and login hint', () => {
  it('every flow opens a URL with code_challenge_method=S256, a 43-char challenge, and its own state and nonce', async () => {
    const opened: URL[] = [];
    const tokenRequests: string[] = [];
    const svc = new AuthorizeService({
      browsers: scriptedBrowser(() => ({ kind: 'cancelled' }), opened),
      store: new TokenStore(),
      network: () => fakeNetwork(tokenRequests),
    });
    for (let i = 0; i < 3; i++) expect((await runFlow(svc)).kind).toBe('cancelled');
    expect(opened).toHaveLength(3);
    for (const u of opened) {
      const p = u.searchParams;
      expect(u.origin + u.pathname).toBe(`https://${HOST}/${TENANT}/oauth2/v2.0/authorize`);
      expect(p.get('response_type')).toBe('code');
      expect(p.get('code_challenge_method')).toBe('S256');
      expect(p.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(p.get('state')?.length ?? 0).toBeGreaterThanOrEqual(43);
      expect(p.get('nonce')?.length ?? 0).toBeGreaterThanOrEqual(32);
      expect(p.get('prompt')).toBe('login');
      expect(p.get('login_hint')).toBe('servicedesk@contoso.test');
      expect(p.get('redirect_uri')).toBe(REDIRECT);
      // The secret never travels in the front channel.
      expect(u.toString()).not.toContain(config().clientSecret);
    }
    for (const key of ['state', 'nonce', 'code_challenge'])
      expect(new Set(opened.map((u) => u.searchParams.get(key))).size, key).toBe(3);
    expect(tokenRequests).toEqual([]);
  });
});

describe('prompt=select_account still sends login_hint', () => {
  // entra-docs v2-oauth2-auth-code-flow.md (commit 0c1ac842): login_hint pre-fills the username of the sign-in page;
  // msal-common's Authorize.mjs drops every account hint when prompt is select_account, so the mailbox would not be
  // prefilled in the account picker's "Use another account".
  it('the URL carries prompt=select_account and the sign-in account as login_hint, once', async () => {
    const opened: URL[] = [];
    const svc = new AuthorizeService({
      browsers: scriptedBrowser(() => ({ kind: 'cancelled' }), opened),
      store: new TokenStore(),
      network: () => fakeNetwork([]),
    });
    expect((await runFlow(svc, config({ prompt: 'select_account' }))).kind).toBe('cancelled');
    const p = opened[0]?.searchParams;
    expect(p?.get('prompt')).toBe('select_account');
    expect(p?.getAll('login_hint')).toEqual(['servicedesk@contoso.test']);
  });
});

describe('state: constant-time and single-use', () => {
  it('stateMatches compares the bytes, refusing prefixes, different lengths, case and absence', () => {
    const s = 'Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWpr';
    expect(stateMatches(s, s)).toBe(true);
    for (const other of [
      undefined,
      '',
      s.slice(0, -1),
      `${s}x`,
      s.toUpperCase(),
      `${s.slice(0, -1)}K`,
      'é'.repeat(s.length / 2),
    ])
      expect(stateMatches(s, other), String(other)).toBe(false);
  });

  it('is compared with crypto.timingSafeEqual (source check: no === on the state)', async () => {
    const { readFileSync } = await import('node:fs');
    const src = readFileSync(
      new URL('../../../../../electron/services/authorize/authorize-service.ts', import.meta.url),
      'utf8',
    );
    const body = /export function stateMatches[\s\S]*?\n}/.exec(src)?.[0] ?? '';
    expect(body).toContain('timingSafeEqual(');
    expect(src).toMatch(/if \(!stateMatches\(state, response\.state\)\)/);
  });

  it('a callback replayed from an earlier flow (its state and code) is refused with STATE_MISMATCH before any token request', async () => {
    const opened: URL[] = [];
    const tokenRequests: string[] = [];
    let first: string | undefined;
    const svc = new AuthorizeService({
      browsers: scriptedBrowser((u) => {
        if (first === undefined) {
          // Flow 1: the user declines; the callback carries flow 1's state.
          first = `${REDIRECT}?error=access_denied&error_description=AADSTS65004&state=${encodeURIComponent(u.searchParams.get('state') ?? '')}`;
          return { kind: 'callback', callbackUrl: first };
        }
        // Flow 2: an attacker replays flow 1's callback, now with a code.
        return { kind: 'callback', callbackUrl: `${first}&code=0.AAAA-replayed-code-value` };
      }, opened),
      store: new TokenStore(),
      network: () => fakeNetwork(tokenRequests),
    });
    const one = await runFlow(svc);
    expect(one.kind === 'failed' && one.error.code).toBe('AADSTS65004');
    const two = await runFlow(svc);
    expect(two.kind === 'failed' && two.error.code).toBe('STATE_MISMATCH');
    expect(opened[0]?.searchParams.get('state')).not.toBe(opened[1]?.searchParams.get('state'));
    expect(tokenRequests).toEqual([]);
  });

  it('a callback without state, or with a forged one, never reaches the token endpoint', async () => {
    for (const callbackUrl of [
      `${REDIRECT}?code=0.AAAA-code`,
      `${REDIRECT}?code=0.AAAA-code&state=forged`,
      `${REDIRECT}?code=0.AAAA-code&state=`,
    ]) {
      const tokenRequests: string[] = [];
      const svc = new AuthorizeService({
        browsers: scriptedBrowser(() => ({ kind: 'callback', callbackUrl }), []),
        store: new TokenStore(),
        network: () => fakeNetwork(tokenRequests),
      });
      const s = await runFlow(svc);
      expect(s.kind === 'failed' && s.error.code, callbackUrl).toBe('STATE_MISMATCH');
      expect(tokenRequests).toEqual([]);
    }
  });

  it('the matching state lets the code through to the token endpoint, with the PKCE verifier and the redirect URI', async () => {
    const tokenRequests: string[] = [];
    let challenge = '';
    const svc = new AuthorizeService({
      browsers: scriptedBrowser((u) => {
        challenge = u.searchParams.get('code_challenge') ?? '';
        return {
          kind: 'callback',
          callbackUrl: `${REDIRECT}?code=0.AAAA-good-code&state=${encodeURIComponent(u.searchParams.get('state') ?? '')}`,
        };
      }, []),
      store: new TokenStore(),
      network: () => fakeNetwork(tokenRequests),
    });
    const s = await runFlow(svc);
    expect(s.kind === 'failed' && s.error.code).toBe('AADSTS54005'); // what the fake token endpoint answers
    expect(tokenRequests).toHaveLength(1);
    const body = new URLSearchParams(tokenRequests[0]?.split(' ')[1] ?? '');
    expect(body.get('grant_type')).toBe('authorization_code');
    expect(body.get('code')).toBe('0.AAAA-good-code');
    expect(body.get('redirect_uri')).toBe(REDIRECT);
    const verifier = body.get('code_verifier') ?? '';
    expect(verifier.length).toBeGreaterThanOrEqual(43);
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(verifier).digest('base64url')).toBe(challenge);
  });
});

describe('ID token: nonce, tenant and issuer', () => {
  const cfg = config({ signInAccount: 'servicedesk@contoso.test' });
  async function verify(
    idClaims: Record<string, unknown>,
    nonce: string,
    verifierStatus = 'valid',
    accessClaims: Record<string, unknown> = outlookAccessV1({ upn: 'servicedesk@contoso.test' }),
  ): Promise<{ codes: string[]; ok: boolean; verdict: string; signedInAs: string | undefined }> {
    const minter = await createMinter();
    const store = new TokenStore();
    const set = store.put({
      accessTokens: [
        {
          value: await minter.sign(accessClaims),
          resource: 'https://outlook.office.com',
          scopes: ['https://outlook.office.com/IMAP.AccessAsUser.All'],
        },
      ],
      idToken: { value: await minter.sign(idClaims) },
      refreshToken: { value: '1.AAAA-refresh' },
    });
    const r = await verifyTokenSet(set, {
      cfg,
      mailbox: cfg.signInAccount,
      nonce,
      now: () => NOW * 1000,
      verifier: {
        verify: async () => ({
          status: verifierStatus as 'valid',
          code: verifierStatus === 'valid' ? 'SIGNATURE_VALID' : 'ISSUER_UNEXPECTED',
          reason: 'test verifier',
        }),
      },
    });
    return {
      codes: r.findings.map((f) => f.code),
      ok: r.verdict.ok,
      verdict: r.verdict.code,
      signedInAs: r.signedInAs,
    };
  }

  it('the matching nonce passes; another nonce or none is NONCE_MISMATCH and a red verdict', async () => {
    expect((await verify(idTokenV2({ upn: 'servicedesk@contoso.test', nonce: 'n-1' }), 'n-1')).codes).not.toContain(
      'NONCE_MISMATCH',
    );
    const wrong = await verify(idTokenV2({ upn: 'servicedesk@contoso.test', nonce: 'n-attacker' }), 'n-1');
    expect(wrong.codes).toContain('NONCE_MISMATCH');
    expect(wrong.ok).toBe(false);
    const { nonce: _drop, ...noNonce } = idTokenV2({ upn: 'servicedesk@contoso.test' });
    expect((await verify(noNonce, 'n-1')).codes).toContain('NONCE_MISMATCH');
  });

  it('an ID token from another tenant is TENANT_MISMATCH', async () => {
    const r = await verify(idTokenV2({ upn: 'servicedesk@contoso.test', nonce: 'n-1', tid: OTHER_TENANT }), 'n-1');
    expect(r.codes).toContain('TENANT_MISMATCH');
    expect(r.ok).toBe(false);
  });

  it('a custom authority’s passing run is amber CUSTOM_AUTHORITY naming its host, never VERIFIED', async () => {
    const r = await verify(idTokenV2({ upn: 'servicedesk@contoso.test', nonce: 'n-1' }), 'n-1');
    expect(r.ok).toBe(true);
    expect(r.verdict).toBe('CUSTOM_AUTHORITY');
  });

  it('ID token and access token naming another user (oid) or tenant (tid) is TOKENS_DISAGREE, red', async () => {
    const id = idTokenV2({ upn: 'servicedesk@contoso.test', nonce: 'n-1' });
    const otherUser = await verify(id, 'n-1', 'valid', {
      ...outlookAccessV1({ upn: 'servicedesk@contoso.test' }),
      oid: '0b6a1c2d-0000-4000-8000-0000000000ad',
    });
    expect(otherUser.codes[0]).toBe('TOKENS_DISAGREE');
    expect(otherUser).toMatchObject({ ok: false, verdict: 'TOKENS_DISAGREE' });
    const otherTenant = await verify(
      id,
      'n-1',
      'valid',
      outlookAccessV1({ upn: 'servicedesk@contoso.test', tid: OTHER_TENANT }),
    );
    expect(otherTenant).toMatchObject({ ok: false, verdict: 'TOKENS_DISAGREE' });
  });

  it('identity: no # stripping outside a guest’s v1 unique_name, and never the email claim', async () => {
    // A display name or UPN that embeds the expected address after a # is someone else.
    const hash = await verify(
      { ...idTokenV2({ upn: 'mallory#servicedesk@contoso.test', nonce: 'n-1' }) },
      'n-1',
      'valid',
      outlookAccessV1({ upn: 'mallory#servicedesk@contoso.test' }),
    );
    expect(hash).toMatchObject({
      ok: false,
      verdict: 'IDENTITY_MISMATCH',
      signedInAs: 'mallory#servicedesk@contoso.test',
    });
    // email is not who signed in: an ID token naming the mailbox only in email names no account at all.
    const { preferred_username: _p, ...emailOnly } = idTokenV2({ upn: 'servicedesk@contoso.test', nonce: 'n-1' });
    const { upn: _u, unique_name: _n, ...accessEmailOnly } = outlookAccessV1({ upn: 'servicedesk@contoso.test' });
    const mail = await verify(emailOnly, 'n-1', 'valid', { ...accessEmailOnly, email: 'servicedesk@contoso.test' });
    expect(mail).toMatchObject({ ok: false, verdict: 'IDENTITY_UNKNOWN', signedInAs: undefined });
  });

  it('an issuer the verifier does not trust makes the ID token invalid', async () => {
    const r = await verify(
      idTokenV2({ upn: 'servicedesk@contoso.test', nonce: 'n-1', iss: 'https://evil.test/v2.0' }),
      'n-1',
      'untrusted-issuer',
    );
    expect(r.codes).toContain('ID_TOKEN_SIGNATURE_INVALID');
    expect(r.ok).toBe(false);
  });
});

describe('redirect interception: exact scheme, host, port and path', () => {
  const registered = new URL(REDIRECT);
  it.each([
    ['IDN homoglyph host (Cyrillic о)', 'https://acme.service-nоw.example/oauth_redirect.do?code=abc'],
    ['IDN homoglyph host as punycode', 'https://acme.xn--service-nw-7vj.example/oauth_redirect.do?code=abc'],
    ['fullwidth dot host', 'https://acme.service-now。example.evil.test/oauth_redirect.do?code=abc'],
    ['trailing-dot host', 'https://acme.service-now.example./oauth_redirect.do?code=abc'],
    ['percent-encoded path', 'https://acme.service-now.example/oauth%5Fredirect.do?code=abc'],
    ['percent-encoded slash in path', 'https://acme.service-now.example/x%2F..%2Foauth_redirect.do?code=abc'],
    ['backslash before @ (host is evil)', 'https://evil.test\\@acme.service-now.example/oauth_redirect.do?code=abc'],
    ['backslash host suffix', 'https://acme.service-now.example\\.evil.test/oauth_redirect.do?code=abc'],
    ['uppercase scheme, http', 'HTTP://acme.service-now.example/oauth_redirect.do?code=abc'],
    ['javascript: with the URL in a comment', 'javascript://acme.service-now.example/oauth_redirect.do%0aalert(1)'],
    ['data: URL', 'data:text/html,https://acme.service-now.example/oauth_redirect.do'],
    ['IPv4 instead of host', 'https://93.184.216.34/oauth_redirect.do?code=abc'],
  ])('does not catch a %s', (_name, url) => expect(matchesRedirectUri(url, registered)).toBe(false));

  it.each([
    [
      'uppercase scheme and host (the same URL once parsed)',
      'HTTPS://ACME.SERVICE-NOW.EXAMPLE/oauth_redirect.do?code=abc',
    ],
    ['backslash as path separator (browsers send /)', 'https://acme.service-now.example\\oauth_redirect.do?code=abc'],
    [
      'empty userinfo (browsers drop it and request the same URL)',
      'https://@acme.service-now.example/oauth_redirect.do?code=abc',
    ],
  ])('catches %s', (_name, url) => expect(matchesRedirectUri(url, registered)).toBe(true));

  it.each([
    ['https://@acme.service-now.example/cb', 'REDIRECT_URI_USERINFO'],
    ['https://:@acme.service-now.example/cb', 'REDIRECT_URI_USERINFO'],
    ['https://user@acme.service-now.example/cb', 'REDIRECT_URI_USERINFO'],
    ['https://acme.service-now.example/cb?x=1#', 'REDIRECT_URI_FRAGMENT'],
    ['https://acme.service-now.example/cb#state=x', 'REDIRECT_URI_FRAGMENT'],
    ['file:///C:/cb', 'REDIRECT_URI_SCHEME'],
    ['ms-outlook://cb', 'REDIRECT_URI_SCHEME'],
  ])('the redirect URI %s is refused with %s', (uri, code) => {
    const r = parseRedirectUri(uri);
    expect(r.ok ? 'accepted' : r.code).toBe(code);
  });

  it('a flow with such a redirect URI does not start', () => {
    const svc = new AuthorizeService({
      browsers: scriptedBrowser(() => ({ kind: 'cancelled' }), []),
      store: new TokenStore(),
      network: () => fakeNetwork([]),
    });
    expect(() => svc.start(config({ redirectUri: 'https://user@acme.service-now.example/cb' }))).toThrow(
      /user name or password/,
    );
    expect(() => svc.start(config({ redirectUri: 'https://acme.service-now.example/cb#x' }))).toThrow(/fragment/);
  });
});
