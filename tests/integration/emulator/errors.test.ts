// Every AADSTS error the product must explain, provoked against the emulator the way a user or a product
// misconfiguration would provoke it, with the exact code asserted in the shape Entra delivers it (JSON body,
// redirect parameters or sign-in page).
import { CryptoProvider } from '@azure/msal-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../emulator/index';
import { aadstsCode, fetchLogin } from '../../emulator/fetch-login';

let em: Emulator;
beforeAll(async () => {
  em = await startEmulator();
  em.trustInProcess();
});
afterAll(async () => {
  await em?.stop();
});

type AppKey = 'servicenow' | 'serviceops' | 'generic';
const pkce = new CryptoProvider();

function authorizeUrl(appKey: AppKey, extra: Record<string, string> = {}, tenant = 'contoso.test'): string {
  const app = em.directory.apps[appKey];
  const q = new URLSearchParams({
    client_id: app.clientId,
    response_type: 'code',
    redirect_uri: app.redirectUris[0] ?? '',
    response_mode: 'query',
    scope: 'https://outlook.office.com/IMAP.AccessAsUser.All offline_access openid',
    state: 's1',
    prompt: 'login',
    ...extra,
  });
  return `${em.authority(tenant)}/oauth2/v2.0/authorize?${q.toString()}`;
}

async function postToken(
  form: Record<string, string>,
  tenant = 'contoso.test',
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${em.authority(tenant)}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Signs servicedesk in for `appKey` and returns a fresh code plus what redeeming it needs. */
async function codeFor(
  appKey: AppKey,
  scope?: string,
): Promise<{ code: string; verifier: string; form: Record<string, string> }> {
  const sd = em.directory.users.servicedesk;
  const app = em.directory.apps[appKey];
  const { verifier, challenge } = await pkce.generatePkceCodes();
  const s = scope ?? 'https://outlook.office.com/IMAP.AccessAsUser.All offline_access openid';
  const login = await fetchLogin(
    authorizeUrl(appKey, { scope: s, code_challenge: challenge, code_challenge_method: 'S256' }),
    { upn: sd.upn, password: sd.password ?? '' },
  );
  const code = login.params.get('code');
  if (!code) throw new Error(`no code: ${login.params.toString()} ${login.page ?? ''}`);
  return {
    code,
    verifier,
    form: {
      grant_type: 'authorization_code',
      client_id: app.clientId,
      client_secret: app.secret.value,
      code,
      redirect_uri: app.redirectUris[0] ?? '',
      code_verifier: verifier,
      scope: s,
    },
  };
}

function expectEntraJson(body: Record<string, unknown>, code: number, error: string): void {
  expect(body.error).toBe(error);
  expect(body.error_codes).toEqual([code]);
  expect(String(body.error_description)).toMatch(
    new RegExp(
      `^AADSTS${code}: .+\\r\\nTrace ID: [0-9a-f-]{36}\\r\\nCorrelation ID: [0-9a-f-]{36}\\r\\nTimestamp: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ$`,
    ),
  );
  expect(body.trace_id).toMatch(/^[0-9a-f-]{36}$/);
  expect(body.correlation_id).toMatch(/^[0-9a-f-]{36}$/);
  expect(typeof body.timestamp).toBe('string');
}

describe('authorize-time errors (page or redirect)', () => {
  it('AADSTS50011: redirect URI with a trailing slash is not registered → error page, no redirect', async () => {
    const app = em.directory.apps.servicenow;
    const res = await fetchLogin(authorizeUrl('servicenow', { redirect_uri: `${app.redirectUris[0] ?? ''}/` }));
    expect(res.callbackUrl).toBeUndefined();
    expect(aadstsCode(res.page)).toBe(50011);
    expect(res.page).toContain('does not match the redirect URIs configured');
  });

  it('AADSTS700016: client id from another directory (or mistyped) → error page', async () => {
    const res = await fetchLogin(authorizeUrl('servicenow', { client_id: '00000000-1111-2222-3333-444444444444' }));
    expect(aadstsCode(res.page)).toBe(700016);
  });

  it('AADSTS90002: mistyped tenant in the authority → discovery JSON and authorize page', async () => {
    const res = await fetch(`${em.authority('contoso.tset')}/v2.0/.well-known/openid-configuration`);
    expect(res.status).toBe(400);
    expectEntraJson((await res.json()) as Record<string, unknown>, 90002, 'invalid_tenant');
    const page = await fetchLogin(authorizeUrl('servicenow', {}, 'contoso.tset'));
    expect(aadstsCode(page.page)).toBe(90002);
  });

  it('AADSTS50126: wrong password → the login form again with the error', async () => {
    const res = await fetchLogin(authorizeUrl('servicenow'), {
      upn: 'servicedesk@contoso.test',
      password: 'Winter2024!',
    });
    expect(res.callbackUrl).toBeUndefined();
    expect(res.page).toContain('Your account or password is incorrect');
    expect(aadstsCode(res.page)).toBe(50126);
  });

  it('AADSTS50057: disabled user, and the shared mailbox that cannot sign in', async () => {
    const d = em.directory.users.disabled;
    const disabled = await fetchLogin(authorizeUrl('servicenow'), { upn: d.upn, password: d.password ?? '' });
    expect(aadstsCode(disabled.page)).toBe(50057);
    const shared = await fetchLogin(authorizeUrl('servicenow'), {
      upn: em.directory.users.support.upn,
      password: 'anything',
    });
    expect(aadstsCode(shared.page)).toBe(50057);
  });

  it('AADSTS90072: a user from another tenant signs in to the Contoso app', async () => {
    const m = em.directory.users.otherTenant;
    const res = await fetchLogin(authorizeUrl('servicenow'), { upn: m.upn, password: m.password ?? '' });
    expect(aadstsCode(res.page)).toBe(90072);
    expect(res.page).toContain(m.upn);
  });

  it('AADSTS65001: a delegated permission without admin consent → consent_required on the redirect', async () => {
    const sd = em.directory.users.servicedesk;
    const res = await fetchLogin(
      authorizeUrl('serviceops', { scope: 'https://outlook.office.com/POP.AccessAsUser.All offline_access' }),
      { upn: sd.upn, password: sd.password ?? '' },
    );
    expect(res.params.get('error')).toBe('consent_required');
    expect(aadstsCode(res.params.get('error_description'))).toBe(65001);
    expect(res.params.get('state')).toBe('s1');
  });

  it('AADSTS70011: scopes separated by commas → invalid_scope on the redirect', async () => {
    const res = await fetchLogin(
      authorizeUrl('servicenow', { scope: 'https://outlook.office.com/IMAP.AccessAsUser.All,offline_access' }),
    );
    expect(res.params.get('error')).toBe('invalid_scope');
    expect(aadstsCode(res.params.get('error_description'))).toBe(70011);
  });

  it('login_required (AADSTS50058): prompt=none with no session', async () => {
    const res = await fetchLogin(authorizeUrl('servicenow', { prompt: 'none' }));
    expect(res.params.get('error')).toBe('login_required');
    expect(aadstsCode(res.params.get('error_description'))).toBe(50058);
  });
});

describe('silent requests (prompt=none) and ID tokens from the authorize endpoint', () => {
  const cookieOf = (upn: string): string => {
    const c = em.ssoCookieFor(upn);
    return `${c.name}=${c.value}`;
  };

  it('prompt=none answers for the account signed in, and login_required when login_hint names another one', async () => {
    const adele = cookieOf('adele@contoso.test');
    const same = await fetchLogin(
      authorizeUrl('servicenow', { prompt: 'none', login_hint: 'Adele@contoso.test' }),
      undefined,
      adele,
    );
    expect(same.params.get('code')).toBeTruthy();
    const other = await fetchLogin(
      authorizeUrl('servicenow', { prompt: 'none', login_hint: 'servicedesk@contoso.test' }),
      undefined,
      adele,
    );
    expect(other.params.get('error')).toBe('login_required');
    expect(aadstsCode(other.params.get('error_description'))).toBe(50058);
    expect(other.params.get('error_description')).toContain('match the requested login hint');
    expect(other.params.get('state')).toBe('s1');
  });

  it('interaction_required (AADSTS16000): prompt=none where a page would be needed (an account of another tenant)', async () => {
    const res = await fetchLogin(
      authorizeUrl('servicenow', { prompt: 'none' }),
      undefined,
      cookieOf(em.directory.users.otherTenant.upn),
    );
    expect(res.params.get('error')).toBe('interaction_required');
    expect(aadstsCode(res.params.get('error_description'))).toBe(16000);
  });

  it('consent_required (AADSTS65001): prompt=none for a permission without consent', async () => {
    const res = await fetchLogin(
      authorizeUrl('serviceops', { prompt: 'none', scope: 'https://outlook.office.com/POP.AccessAsUser.All' }),
      undefined,
      cookieOf('servicedesk@contoso.test'),
    );
    expect(res.params.get('error')).toBe('consent_required');
  });

  it('response_type=id_token: AADSTS700054 until the registration allows ID tokens, then a signed ID token by form_post', async () => {
    const silentIdToken = (nonce?: string) =>
      authorizeUrl('generic', {
        response_type: 'id_token',
        response_mode: 'form_post',
        scope: 'openid profile',
        prompt: 'none',
        login_hint: 'servicedesk@contoso.test',
        ...(nonce === undefined ? {} : { nonce }),
      });
    const cookie = cookieOf('servicedesk@contoso.test');
    const off = await fetchLogin(silentIdToken('n-1'), undefined, cookie);
    expect(off.params.get('error')).toBe('unsupported_response_type');
    expect(aadstsCode(off.params.get('error_description'))).toBe(700054);
    em.configureApp('generic', { enableIdTokenIssuance: true });
    try {
      const noNonce = await fetchLogin(silentIdToken(), undefined, cookie);
      expect(aadstsCode(noNonce.params.get('error_description'))).toBe(900144);
      const on = await fetchLogin(silentIdToken('n-2'), undefined, cookie);
      expect(on.callbackUrl).toBe(em.directory.apps.generic.redirectUris[0]);
      expect(on.params.get('code')).toBeNull();
      const idToken = on.params.get('id_token') ?? '';
      const claims = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
        string,
        unknown
      >;
      expect(claims).toMatchObject({
        nonce: 'n-2',
        preferred_username: 'servicedesk@contoso.test',
        aud: em.directory.apps.generic.clientId,
      });
      expect(em.issued.some((t) => t.kind === 'id_token' && t.value === idToken)).toBe(true);
    } finally {
      em.configureApp('generic', { enableIdTokenIssuance: false });
    }
  });
});

describe('token-endpoint errors (JSON)', () => {
  it('AADSTS7000215: wrong secret, and the Secret ID pasted instead of the Value', async () => {
    const app = em.directory.apps.servicenow;
    for (const secret of [app.secret.id, 'not-the-secret']) {
      const r = await postToken({
        grant_type: 'client_credentials',
        client_id: app.clientId,
        client_secret: secret,
        scope: 'https://graph.microsoft.com/.default',
      });
      expect(r.status).toBe(401);
      expectEntraJson(r.body, 7000215, 'invalid_client');
    }
  });

  it('AADSTS7000222: the expired secret', async () => {
    const app = em.directory.apps.servicenow;
    const r = await postToken({
      grant_type: 'client_credentials',
      client_id: app.clientId,
      client_secret: app.expiredSecret.value,
      scope: 'https://graph.microsoft.com/.default',
    });
    expect(r.status).toBe(401);
    expectEntraJson(r.body, 7000222, 'invalid_client');
  });

  it('AADSTS700016: unknown client id at the token endpoint', async () => {
    const r = await postToken({
      grant_type: 'client_credentials',
      client_id: '00000000-1111-2222-3333-444444444444',
      client_secret: 'x',
      scope: 'https://graph.microsoft.com/.default',
    });
    expectEntraJson(r.body, 700016, 'unauthorized_client');
  });

  it('AADSTS70011: client credentials with a delegated scope instead of /.default', async () => {
    const app = em.directory.apps.servicenow;
    const r = await postToken({
      grant_type: 'client_credentials',
      client_id: app.clientId,
      client_secret: app.secret.value,
      scope: 'https://outlook.office.com/IMAP.AccessAsUser.All',
    });
    expectEntraJson(r.body, 70011, 'invalid_scope');
  });

  it('AADSTS28000: Graph and Outlook scopes in one token request', async () => {
    const scope = 'https://outlook.office.com/IMAP.AccessAsUser.All User.Read offline_access openid';
    const { form } = await codeFor('servicenow', scope);
    const r = await postToken(form);
    expectEntraJson(r.body, 28000, 'invalid_scope');
  });

  it('AADSTS54005: the same code redeemed twice', async () => {
    const { form } = await codeFor('servicenow');
    expect((await postToken(form)).status).toBe(200);
    const again = await postToken(form);
    expectEntraJson(again.body, 54005, 'invalid_grant');
  });

  it('AADSTS70008: a code redeemed after 10 minutes', async () => {
    const { form } = await codeFor('servicenow');
    em.advanceTime(10 * 60_000 + 5_000);
    try {
      expectEntraJson((await postToken(form)).body, 70008, 'invalid_grant');
    } finally {
      em.advanceTime(-(10 * 60_000 + 5_000));
    }
  });

  it('AADSTS9002313: a truncated (copy-pasted) code', async () => {
    const { form } = await codeFor('servicenow');
    const r = await postToken({ ...form, code: (form.code ?? '').slice(0, 40) });
    expectEntraJson(r.body, 9002313, 'invalid_grant');
  });

  it('AADSTS65001: refresh token used for a permission the admin never consented', async () => {
    const { form } = await codeFor('servicenow');
    const first = await postToken(form);
    const app = em.directory.apps.servicenow;
    const r = await postToken({
      grant_type: 'refresh_token',
      client_id: app.clientId,
      client_secret: app.secret.value,
      refresh_token: String(first.body.refresh_token),
      scope: 'Mail.Send',
    });
    expectEntraJson(r.body, 65001, 'invalid_grant');
  });

  it('AADSTS50011 at redemption when redirect_uri differs from the authorize request; PKCE verifier mismatch', async () => {
    const { form } = await codeFor('servicenow');
    const wrongRedirect = await postToken({ ...form, redirect_uri: `${form.redirect_uri ?? ''}/` });
    expectEntraJson(wrongRedirect.body, 50011, 'invalid_grant');
    const wrongVerifier = await postToken({ ...form, code_verifier: 'x'.repeat(43) });
    expectEntraJson(wrongVerifier.body, 501481, 'invalid_grant');
  });

  it('AADSTS90002: unknown tenant at the token endpoint', async () => {
    const app = em.directory.apps.servicenow;
    const r = await postToken(
      {
        grant_type: 'client_credentials',
        client_id: app.clientId,
        client_secret: app.secret.value,
        scope: 'https://graph.microsoft.com/.default',
      },
      'contoso.onmicrosoft.test',
    );
    expectEntraJson(r.body, 90002, 'invalid_request');
  });
});
