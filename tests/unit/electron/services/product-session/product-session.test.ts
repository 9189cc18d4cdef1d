// The clean product session's pure core and watcher: recognising Microsoft authorize requests (every cloud,
// legacy hosts, v1/v2, custom authority), linting what the product sent, the byte-preserving rewrite
// (property test), callback classification without ever keeping the code, and the session lifecycle.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLOUDS } from '../../../../../shared/cloud/clouds';
import {
  CODE_RECEIVED_MESSAGE,
  classifyCallback,
  lintObservedRequest,
  parseAuthorizeRequest,
  rawQueryParts,
  rewriteAuthorizeUrl,
  ProductSessionStateSchema,
} from '../../../../../shared/product-session';
import { SessionWatcher } from '../../../../../electron/services/product-session/session-watcher';
import { ProductSessionService } from '../../../../../electron/services/product-session/product-session';
import type {
  ProductBrowser,
  ProductBrowserFactory,
  ProductWatcher,
} from '../../../../../electron/services/product-session/product-browser';

const CLIENT = '9247ff64-4fa2-4b31-9d1d-d624d2ea2cda';
const REDIRECT = 'https://acme.service-now.example/oauth_redirect.do';
const SN_V2 =
  `https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize?response_type=code&client_id=${CLIENT}` +
  `&redirect_uri=${encodeURIComponent(REDIRECT)}&scope=https%3A%2F%2Foutlook.office.com%2FIMAP.AccessAsUser.All%20offline_access&state=abc%2Bdef%3D%3D`;

describe('recognising an authorize request', () => {
  it('knows every cloud’s login host, current and legacy, on v1 and v2 paths', () => {
    for (const c of Object.values(CLOUDS)) {
      for (const host of [c.loginHost, ...c.legacyLoginHosts]) {
        const v2 = parseAuthorizeRequest(`https://${host}/common/oauth2/v2.0/authorize?client_id=x`);
        expect(v2, host).toMatchObject({
          cloud: c.id === 'usgov-dod' ? 'usgov-high' : c.id,
          version: 'v2',
          tenant: 'common',
          clientId: 'x',
        });
        expect(parseAuthorizeRequest(`https://${host.toUpperCase()}/contoso.com/oauth2/authorize`), host).toMatchObject(
          { version: 'v1', tenant: 'contoso.com' },
        );
      }
    }
    expect(parseAuthorizeRequest('https://login.microsoft.com/organizations/oauth2/v2.0/authorize')).toMatchObject({
      cloud: 'global',
    });
  });

  it('reads the parameters the timeline shows, and whether state and PKCE are present (not their values)', () => {
    const r = parseAuthorizeRequest(
      `${SN_V2}&prompt=consent&login_hint=adele%40contoso.test&response_mode=form_post&code_challenge=xyz`,
    );
    expect(r).toEqual({
      host: 'login.microsoftonline.com',
      cloud: 'global',
      version: 'v2',
      tenant: 'contoso.onmicrosoft.com',
      endpoint: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize',
      clientId: CLIENT,
      redirectUri: REDIRECT,
      scope: 'https://outlook.office.com/IMAP.AccessAsUser.All offline_access',
      prompt: 'consent',
      loginHint: 'adele@contoso.test',
      responseType: 'code',
      responseMode: 'form_post',
      hasPkce: true,
      hasState: true,
    });
  });

  it('ignores look-alikes: other hosts, token endpoints, http, userinfo, hosts that merely end like Microsoft’s', () => {
    for (const u of [
      'https://login.microsoftonline.com/common/oauth2/v2.0/token',
      'http://login.microsoftonline.com/common/oauth2/v2.0/authorize',
      'https://evil.test/common/oauth2/v2.0/authorize',
      'https://login.microsoftonline.com.evil.test/common/oauth2/v2.0/authorize',
      'https://user@login.microsoftonline.com/common/oauth2/v2.0/authorize',
      'https://login.microsoftonline.com/oauth2/v2.0/authorize',
      'https://acme.service-now.example/oauth_redirect.do?code=1',
    ]) {
      expect(parseAuthorizeRequest(u), u).toBeUndefined();
    }
  });

  it('watches a custom authority host (the emulator) only when configured, with its port', () => {
    const u = 'https://localhost:8443/contoso.test/oauth2/v2.0/authorize?client_id=x';
    expect(parseAuthorizeRequest(u)).toBeUndefined();
    expect(parseAuthorizeRequest(u, { customHosts: ['localhost:8443'] })).toMatchObject({
      cloud: 'custom',
      host: 'localhost:8443',
      tenant: 'contoso.test',
    });
    expect(parseAuthorizeRequest(u, { customHosts: ['localhost:9999'] })).toBeUndefined();
  });
});

describe('linting the observed request with the offline rules', () => {
  it('a v1 endpoint and a comma-separated scope give both findings', () => {
    const r = parseAuthorizeRequest(
      `https://login.microsoftonline.com/contoso.com/oauth2/authorize?response_type=code&client_id=${CLIENT}&redirect_uri=${encodeURIComponent(REDIRECT)}&scope=https%3A%2F%2Foutlook.office.com%2FIMAP.AccessAsUser.All%2Coffline_access&state=s`,
    );
    expect(r).toBeDefined();
    const codes = lintObservedRequest(r!, { preset: 'servicenow' }).map((f) => f.code);
    expect(codes).toContain('ENDPOINT_V1');
    expect(codes).toContain('SCOPE_SEPARATOR');
    expect(codes).not.toContain('SCOPE_OFFLINE_ACCESS_MISSING');
  });

  it('missing offline_access, a cloud mismatch and a tenant mismatch are reported; a clean request has no errors', () => {
    const noOffline = parseAuthorizeRequest(SN_V2.replace('%20offline_access', ''))!;
    expect(lintObservedRequest(noOffline, { preset: 'servicenow' }).map((f) => f.code)).toContain(
      'SCOPE_OFFLINE_ACCESS_MISSING',
    );
    const gov = parseAuthorizeRequest(SN_V2.replace('login.microsoftonline.com', 'login.microsoftonline.us'))!;
    expect(lintObservedRequest(gov, { preset: 'servicenow', cloud: 'global' }).map((f) => f.code)).toContain(
      'ENDPOINT_CLOUD_MISMATCH',
    );
    const clean = parseAuthorizeRequest(SN_V2)!;
    expect(
      lintObservedRequest(clean, { preset: 'servicenow', tenant: 'fabrikam.onmicrosoft.com' }).map((f) => f.code),
    ).toContain('ENDPOINT_TENANT_MISMATCH');
    expect(lintObservedRequest(clean, { preset: 'servicenow' }).filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('rewriting: prompt=login and login_hint, everything else byte-identical', () => {
  it('appends both when absent, keeping the original query as a prefix', () => {
    const r = rewriteAuthorizeUrl(SN_V2, 'servicedesk@contoso.test');
    expect(r.changed).toBe(true);
    expect(r.url).toBe(`${SN_V2}&prompt=login&login_hint=servicedesk%40contoso.test`);
    expect(r.changes).toEqual([
      { param: 'prompt', before: undefined, after: 'login' },
      { param: 'login_hint', before: undefined, after: 'servicedesk@contoso.test' },
    ]);
  });

  it('replaces in place, drops later duplicates, keeps the fragment, and is idempotent', () => {
    const u =
      'https://login.microsoftonline.com/common/oauth2/v2.0/authorize?a=1&prompt=none&b=%2b+x&login_hint=adele%40contoso.test&prompt=consent#frag';
    const r = rewriteAuthorizeUrl(u, 'servicedesk@contoso.test');
    expect(r.url).toBe(
      'https://login.microsoftonline.com/common/oauth2/v2.0/authorize?a=1&prompt=login&b=%2b+x&login_hint=servicedesk%40contoso.test#frag',
    );
    expect(rewriteAuthorizeUrl(r.url, 'servicedesk@contoso.test')).toEqual({ url: r.url, changed: false, changes: [] });
  });

  const keyChar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz_-.~%+=2B0F'.split(''));
  const valueChar = fc.constantFrom(
    ..."abcXYZ019-._~%+/?:@!$'()*,;=2B0F ".split('').filter((c) => c !== ' '),
    '%20',
    '%2B',
    '%40',
    '+',
    '%E2%9C%93',
    '%',
    '%zz',
  );
  const part = fc
    .tuple(
      fc.string({ unit: keyChar, minLength: 0, maxLength: 8 }),
      fc.option(fc.string({ unit: valueChar, maxLength: 12 }), { nil: undefined }),
    )
    .map(([k, v]) => (v === undefined ? k : `${k}=${v}`));
  const ownedPart = fc.constantFrom(
    'prompt=none',
    'prompt=login',
    'prompt=select_account',
    'login_hint=a%40b.test',
    'login_hint=servicedesk%40contoso.test',
    'prompt',
    'login_hint=',
  );

  it('property: every part that is not prompt/login_hint survives byte for byte, in order; the result carries exactly one of each', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof({ arbitrary: part, weight: 4 }, { arbitrary: ownedPart, weight: 1 }), { maxLength: 12 }),
        fc.constantFrom('servicedesk@contoso.test', 'a+b@contoso.test', 'Ünïcode@contoso.test'),
        (parts, mailbox) => {
          const url = `https://login.microsoftonline.com/contoso.test/oauth2/v2.0/authorize${parts.length ? `?${parts.join('&')}` : ''}`;
          const r = rewriteAuthorizeUrl(url, mailbox);
          const isOwned = (p: string): boolean => {
            const k = p.split('=')[0] ?? '';
            let key = k;
            try {
              key = decodeURIComponent(k.replace(/\+/g, ' '));
            } catch {
              // undecodable keys are compared raw, as the rewriter does
            }
            return key === 'prompt' || key === 'login_hint';
          };
          const before = rawQueryParts(url).filter((p) => !isOwned(p));
          const afterParts = rawQueryParts(r.url);
          expect(afterParts.filter((p) => !isOwned(p))).toEqual(before);
          expect(r.url.startsWith('https://login.microsoftonline.com/contoso.test/oauth2/v2.0/authorize?')).toBe(true);
          const parsed = new URL(r.url).searchParams;
          expect(parsed.getAll('prompt')).toEqual(['login']);
          expect(parsed.getAll('login_hint')).toEqual([mailbox]);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('classifying the callback', () => {
  it('a code: only its presence, in the fixed message; the value is nowhere in the reading', () => {
    const code = '1.AXoA-secret-code-value-that-must-not-be-kept';
    const r = classifyCallback(`${REDIRECT}?code=${code}&state=x&session_state=y`);
    expect(r).toEqual({ kind: 'code', message: CODE_RECEIVED_MESSAGE });
    expect(JSON.stringify(r)).not.toContain(code);
    expect(classifyCallback(REDIRECT, `code=${code}&state=x`)).toEqual({
      kind: 'code',
      message: CODE_RECEIVED_MESSAGE,
    });
  });

  it('an error: the AADSTS explanation of its description (query or form_post)', () => {
    const desc = "AADSTS70011: The provided request must include a 'scope' input parameter.";
    const r = classifyCallback(
      `${REDIRECT}?error=invalid_scope&error_description=${encodeURIComponent(desc)}&state=x`,
      undefined,
      'servicenow',
    );
    expect(r.kind).toBe('error');
    if (r.kind === 'error') {
      expect(r.error).toBe('invalid_scope');
      expect(r.explanation.cards[0]?.code).toBe('AADSTS70011');
    }
    const f = classifyCallback(
      REDIRECT,
      'error=access_denied&error_description=AADSTS65004%3A+User+declined+to+consent',
    );
    expect(f.kind === 'error' && f.explanation.cards[0]?.code).toBe('AADSTS65004');
  });

  it('neither: other', () => {
    expect(classifyCallback(`${REDIRECT}?foo=1`)).toEqual({ kind: 'other' });
  });
});

/** A product browser that never runs a silent request: these tests look at the session, not the identity check. */
const noSilent: ProductBrowser['silentRequest'] = async () => ({ kind: 'failed', reason: 'not in this test' });

describe('the watcher and the session', () => {
  const emulatorAuthorize = (extra = ''): string =>
    `https://localhost:8443/contoso.test/oauth2/v2.0/authorize?client_id=${CLIENT}&redirect_uri=${encodeURIComponent(REDIRECT)}&response_type=code&scope=offline_access&state=s1${extra}`;

  it('rewrites once, recognises its own redirect, then reads the callback without keeping the code', () => {
    const w = new SessionWatcher({
      signInAccount: 'servicedesk@contoso.test',
      rewrite: true,
      customHosts: ['localhost:8443'],
      preset: 'servicenow',
    });
    const first = w.onRequest({ url: emulatorAuthorize(), method: 'GET' });
    expect(first.redirectTo).toBe(`${emulatorAuthorize()}&prompt=login&login_hint=servicedesk%40contoso.test`);
    expect(w.onRequest({ url: first.redirectTo!, method: 'GET' })).toEqual({});
    expect(w.steps).toHaveLength(1);
    expect(w.steps[0]).toMatchObject({ kind: 'authorize-request', rewrite: { enabled: true, changed: true } });
    expect(w.steps[0]?.findings.map((f) => f.code)).toContain('SESSION_PROMPT_ADDED');
    expect(w.onRequest({ url: 'https://acme.service-now.example/other.do?code=zzz', method: 'GET' })).toEqual({});
    expect(w.steps).toHaveLength(1);
    expect(w.onRequest({ url: `${REDIRECT}?code=CODE-VALUE-123&state=s1`, method: 'GET' })).toEqual({});
    expect(w.steps.at(-1)).toMatchObject({ kind: 'callback-code', message: CODE_RECEIVED_MESSAGE });
    expect(JSON.stringify(w.steps)).not.toContain('CODE-VALUE-123');
  });

  it('with rewriting off the request continues unchanged and the timeline warns', () => {
    const w = new SessionWatcher({
      signInAccount: 'servicedesk@contoso.test',
      rewrite: false,
      customHosts: ['localhost:8443'],
    });
    expect(w.onRequest({ url: emulatorAuthorize(), method: 'GET' })).toEqual({});
    expect(w.steps[0]?.findings.map((f) => f.code)).toContain('SESSION_NO_PROMPT_LOGIN');
  });

  it('the service opens one session at a time, polls a schema-valid timeline, and wipes on close', async () => {
    let watcher: ProductWatcher | undefined;
    const closes: number[] = [];
    const browsers: ProductBrowserFactory = async (_url, w) => {
      watcher = w;
      return { silentRequest: noSilent, close: async () => (closes.push(1), { wiped: true }) };
    };
    const service = new ProductSessionService({ browsers, customAuthorityHosts: ['localhost:8443'] });
    await expect(
      service.open({ baseUrl: 'ftp://x', signInAccount: 'servicedesk@contoso.test', rewrite: true }),
    ).rejects.toMatchObject({ code: 'PRODUCT_URL_INVALID' });
    const { sessionId } = await service.open({
      baseUrl: 'https://acme.service-now.example/side_door.do',
      signInAccount: 'servicedesk@contoso.test',
      rewrite: true,
      preset: 'servicenow',
    });
    await expect(
      service.open({ baseUrl: 'https://acme.service-now.example/', signInAccount: 'x@y.test', rewrite: true }),
    ).rejects.toMatchObject({ code: 'PRODUCT_SESSION_OPEN' });
    watcher?.onRequest({ url: emulatorAuthorize(), method: 'GET' });
    watcher?.onRequest({
      url: `${REDIRECT}?error=invalid_request&error_description=AADSTS50011%3A+redirect+mismatch`,
      method: 'GET',
    });
    const s = service.state;
    expect(ProductSessionStateSchema.safeParse(s).success).toBe(true);
    expect(s.kind === 'open' && s.steps.map((x) => x.kind)).toEqual(['opened', 'authorize-request', 'callback-error']);
    expect(await service.close('another-id')).toEqual({ closed: false, wiped: false });
    expect(await service.close(sessionId)).toEqual({ closed: true, wiped: true });
    expect(closes).toEqual([1]);
    const after = service.state;
    expect(after).toMatchObject({ kind: 'closed', reason: 'closed-by-admin', wiped: true });
    expect(after.kind === 'closed' && after.steps.at(-1)?.kind).toBe('closed');
  });

  it('the admin closing the product window closes and wipes the session', async () => {
    let watcher: ProductWatcher | undefined;
    const service = new ProductSessionService({
      browsers: async (_u, w) => ((watcher = w), { silentRequest: noSilent, close: async () => ({ wiped: true }) }),
    });
    await service.open({
      baseUrl: 'https://acme.service-now.example/',
      signInAccount: 'servicedesk@contoso.test',
      rewrite: true,
    });
    watcher?.onWindowClosed();
    await new Promise((r) => setTimeout(r, 0));
    expect(service.state).toMatchObject({ kind: 'closed', reason: 'window-closed', wiped: true });
  });
});

describe('after the product’s callback: the passive evidence, the hand-off, and the identity check', () => {
  const authorizeAt = (host: string): string =>
    `https://${host}/contoso.test/oauth2/v2.0/authorize?client_id=${CLIENT}&redirect_uri=${encodeURIComponent(REDIRECT)}&response_type=code&scope=https%3A%2F%2Foutlook.office.com%2FIMAP.AccessAsUser.All%20offline_access&state=s1`;

  it('a sign-in form gives its account name (never its password); the code’s hand-off waits for the browser', () => {
    const seen: { clientId?: string; redirectUri?: string; prompt?: string }[] = [];
    const w = new SessionWatcher({
      signInAccount: 'servicedesk@contoso.test',
      rewrite: true,
      customHosts: ['localhost:8443'],
      onCode: (r) => seen.push(r),
    });
    const first = w.onRequest({ url: authorizeAt('localhost:8443'), method: 'GET' });
    w.onRequest({ url: first.redirectTo ?? '', method: 'GET' });
    const post = w.onRequest({
      url: 'https://localhost:8443/contoso.test/login',
      method: 'POST',
      formBody: 'flow=f&loginfmt=adele%40contoso.test&passwd=Adele-Secret-1%21',
    });
    expect(post).toEqual({});
    // The password page and "Stay signed in?" post the same name again: still one step.
    w.onRequest({
      url: 'https://localhost:8443/contoso.test/login',
      method: 'POST',
      formBody: 'flow=f&step=kmsi&loginfmt=adele%40contoso.test&kmsi=No',
    });
    expect(w.signInFormAccount).toBe('adele@contoso.test');
    expect(w.steps.at(-1)).toMatchObject({ kind: 'sign-in-form', by: 'product' });
    expect(JSON.stringify(w.steps)).not.toContain('Adele-Secret');
    // A form posted anywhere else is not a sign-in page.
    w.onRequest({ url: 'https://acme.service-now.example/side_door.do', method: 'POST', formBody: 'login=x%40y.test' });
    expect(w.signInFormAccount).toBe('adele@contoso.test');

    const decision = w.onRequest({ url: `${REDIRECT}?code=C-1&state=s1`, method: 'GET' });
    expect(decision.redirectTo).toBeUndefined();
    expect(seen).toEqual([]); // nothing starts before the browser let the callback go on
    decision.afterContinue?.();
    // The product's own request as it built it (the rewrite is the session's, not the product's).
    expect(seen).toEqual([expect.objectContaining({ clientId: CLIENT, redirectUri: REDIRECT })]);
    expect(seen[0]?.prompt).toBeUndefined();
    expect(w.steps.map((s) => [s.kind, s.by])).toEqual([
      ['authorize-request', 'product'],
      ['sign-in-form', 'product'],
      ['callback-code', 'product'],
    ]);
  });

  /** A silent "browser" answering the app's ID-token request for `who` by form_post, with the nonce it was sent. */
  const idTokenAnswer =
    (who: string): ProductBrowser['silentRequest'] =>
    async (url) => {
      const q = new URL(url).searchParams;
      const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const now = Math.floor(Date.now() / 1000);
      const idToken = `${b64({ alg: 'RS256', kid: 'k' })}.${b64({
        aud: CLIENT,
        iss: 'https://login.microsoftonline.com/93730ac9-67de-40eb-bc94-85ac0d4949a7/v2.0',
        tid: '93730ac9-67de-40eb-bc94-85ac0d4949a7',
        preferred_username: who,
        nonce: q.get('nonce'),
        iat: now,
        nbf: now,
        exp: now + 3600,
        ver: '2.0',
      })}.c2ln`;
      return {
        kind: 'callback',
        callbackUrl: REDIRECT,
        formBody: new URLSearchParams({ id_token: idToken, state: q.get('state') ?? '' }).toString(),
      };
    };

  async function runSession(silent: ProductBrowser['silentRequest'], signature: string) {
    let watcher: ProductWatcher | undefined;
    const urls: string[] = [];
    const service = new ProductSessionService({
      browsers: async (_u, w) => (
        (watcher = w),
        {
          silentRequest: (url, r, o) => (urls.push(url), silent(url, r, o)),
          close: async () => ({ wiped: true }),
        }
      ),
      verifier: {
        verify: async () => ({ status: signature as 'valid', code: 'X', reason: `signature ${signature}.` }),
      },
    });
    await service.open({
      baseUrl: 'https://acme.service-now.example/',
      signInAccount: 'servicedesk@contoso.test',
      rewrite: true,
    });
    const first = watcher?.onRequest({ url: authorizeAt('login.microsoftonline.com'), method: 'GET' });
    watcher?.onRequest({ url: first?.redirectTo ?? '', method: 'GET' });
    watcher?.onRequest({ url: `${REDIRECT}?code=PRODUCT-CODE-1&state=s1`, method: 'GET' }).afterContinue?.();
    expect(service.state).toMatchObject({ checking: true });
    await service.settled();
    return { state: service.state, urls };
  }

  it('without a secret the ID-token request decides when its signature verifies; the timeline marks the app’s steps', async () => {
    const { state, urls } = await runSession(idTokenAnswer('servicedesk@contoso.test'), 'valid');
    expect(ProductSessionStateSchema.safeParse(state).success).toBe(true);
    expect(state).toMatchObject({
      kind: 'open',
      checking: false,
      hasSecret: false,
      verdict: { ok: true, status: 'match', proof: 'proven', decidedBy: 'silent-id-token' },
    });
    const q = new URL(urls[0] ?? '').searchParams;
    expect(Object.fromEntries(q)).toMatchObject({
      client_id: CLIENT,
      redirect_uri: REDIRECT,
      response_type: 'id_token',
      response_mode: 'form_post',
      prompt: 'none',
      login_hint: 'servicedesk@contoso.test',
    });
    const steps = state.kind === 'open' ? state.steps : [];
    expect(steps.map((s) => [s.kind, s.by])).toEqual([
      ['opened', 'app'],
      ['authorize-request', 'product'],
      ['callback-code', 'product'],
      ['app-request', 'app'],
      ['app-answer', 'app'],
      ['verdict', 'app'],
    ]);
    expect(steps.find((s) => s.kind === 'app-answer')?.claims).toMatchObject({
      preferred_username: 'servicedesk@contoso.test',
      signature: 'valid',
    });
    expect(JSON.stringify(state)).not.toMatch(/PRODUCT-CODE-1|eyJ/);
  });

  it('a front-channel ID token whose signature is not verified proves nothing', async () => {
    const { state } = await runSession(idTokenAnswer('servicedesk@contoso.test'), 'not-verified-offline');
    expect(state).toMatchObject({ verdict: { ok: false, status: 'no-account', proof: 'none' } });
    expect(state.kind === 'open' && state.verdict?.how).toContain('signature was not verified');
  });
});
