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

describe('the watcher and the session', () => {
  const emulatorAuthorize = (extra = ''): string =>
    `https://localhost:8443/contoso.test/oauth2/v2.0/authorize?client_id=${CLIENT}&redirect_uri=${encodeURIComponent(REDIRECT)}&response_type=code&scope=offline_access&state=s1${extra}`;

  it('rewrites once, recognises its own redirect, then reads the callback without keeping the code', () => {
    const w = new SessionWatcher({
      mailbox: 'servicedesk@contoso.test',
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
      mailbox: 'servicedesk@contoso.test',
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
      return { close: async () => (closes.push(1), { wiped: true }) };
    };
    const service = new ProductSessionService({ browsers, customAuthorityHosts: ['localhost:8443'] });
    await expect(
      service.open({ baseUrl: 'ftp://x', mailbox: 'servicedesk@contoso.test', rewrite: true }),
    ).rejects.toMatchObject({ code: 'PRODUCT_URL_INVALID' });
    const { sessionId } = await service.open({
      baseUrl: 'https://acme.service-now.example/side_door.do',
      mailbox: 'servicedesk@contoso.test',
      rewrite: true,
      preset: 'servicenow',
    });
    await expect(
      service.open({ baseUrl: 'https://acme.service-now.example/', mailbox: 'x@y.test', rewrite: true }),
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
      browsers: async (_u, w) => ((watcher = w), { close: async () => ({ wiped: true }) }),
    });
    await service.open({
      baseUrl: 'https://acme.service-now.example/',
      mailbox: 'servicedesk@contoso.test',
      rewrite: true,
    });
    watcher?.onWindowClosed();
    await new Promise((r) => setTimeout(r, 0));
    expect(service.state).toMatchObject({ kind: 'closed', reason: 'window-closed', wiped: true });
  });
});
