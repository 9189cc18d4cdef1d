// Emulator surface beyond the happy path: tenant by GUID, v1 endpoints answering like v1 (so the product
// can detect them), JWKS verifying ID tokens, /introspect for Dovecot, the Graph delegate rules, and each
// injected fault (latency, 5xx, dropped connection, malformed JSON, slow body) per request and per run.
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../emulator/index';
import { fetchLogin } from '../../emulator/fetch-login';

let em: Emulator;
beforeAll(async () => {
  em = await startEmulator();
  em.trustInProcess();
});
afterEach(() => em?.clearFaults());
afterAll(async () => {
  await em?.stop();
});

const form = (f: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(f).toString(),
});

describe('discovery and versions', () => {
  it('tenant by GUID and by domain give the same issuer; v1 metadata uses sts.windows.net', async () => {
    const tid = em.directory.tenant.id;
    const byGuid = (await (await fetch(`${em.authority(tid)}/v2.0/.well-known/openid-configuration`)).json()) as {
      issuer: string;
    };
    const byDomain = (await (await fetch(`${em.authority()}/v2.0/.well-known/openid-configuration`)).json()) as {
      issuer: string;
      token_endpoint: string;
    };
    expect(byGuid.issuer).toBe(`${em.baseUrl}/${tid}/v2.0`);
    expect(byDomain.issuer).toBe(byGuid.issuer);
    const v1 = (await (await fetch(`${em.authority()}/.well-known/openid-configuration`)).json()) as {
      issuer: string;
      token_endpoint: string;
    };
    expect(v1.issuer).toBe(`https://sts.windows.net/${tid}/`);
    expect(v1.token_endpoint).toBe(`${em.authority(tid)}/oauth2/token`);
    const common = (await (await fetch(`${em.authority('common')}/v2.0/.well-known/openid-configuration`)).json()) as {
      issuer: string;
    };
    expect(common.issuer).toBe(`${em.baseUrl}/{tenantid}/v2.0`);
  });

  it('the v1 token endpoint answers v1-style (resource, string expires_in, ver 1.0 ID token)', async () => {
    const app = em.directory.apps.generic;
    const cc = (await (
      await fetch(
        `${em.authority()}/oauth2/token`,
        form({
          grant_type: 'client_credentials',
          client_id: app.clientId,
          client_secret: app.secret.value,
          resource: 'https://graph.microsoft.com',
        }),
      )
    ).json()) as Record<string, unknown>;
    expect(cc.resource).toBe('https://graph.microsoft.com');
    expect(typeof cc.expires_in).toBe('string');
    expect(cc).toHaveProperty('expires_on');

    const sd = em.directory.users.servicedesk;
    const redirectUri = app.redirectUris[1] ?? '';
    const q = new URLSearchParams({
      client_id: app.clientId,
      response_type: 'code',
      redirect_uri: redirectUri,
      resource: 'https://outlook.office.com',
      prompt: 'login',
    });
    const login = await fetchLogin(`${em.authority()}/oauth2/authorize?${q.toString()}`, {
      upn: sd.upn,
      password: sd.password ?? '',
    });
    expect(login.params.has('client_info')).toBe(false);
    const tok = (await (
      await fetch(
        `${em.authority()}/oauth2/token`,
        form({
          grant_type: 'authorization_code',
          client_id: app.clientId,
          client_secret: app.secret.value,
          code: login.params.get('code') ?? '',
          redirect_uri: redirectUri,
          resource: 'https://outlook.office.com',
        }),
      )
    ).json()) as Record<string, string>;
    expect(tok.resource).toBe('https://outlook.office.com');
    expect(tok.scope).toBe('IMAP.AccessAsUser.All POP.AccessAsUser.All SMTP.Send');
    const id = JSON.parse(Buffer.from((tok.id_token ?? '').split('.')[1] ?? '', 'base64url').toString()) as Record<
      string,
      string
    >;
    expect(id.ver).toBe('1.0');
    expect(id.upn).toBe(sd.upn);
  });

  it('ID tokens verify against the published JWKS; Graph tokens (header nonce) do not, as on the real service', async () => {
    const jwks = createRemoteJWKSet(new URL(`${em.authority()}/discovery/v2.0/keys`));
    const id = await em.signToken({ iss: 'x', aud: 'y', exp: Math.floor(Date.now() / 1000) + 60 });
    await expect(jwtVerify(id, jwks)).resolves.toBeTruthy();
    const graph = await em.mintUserAccessToken('servicedesk@contoso.test', { resource: 'https://graph.microsoft.com' });
    await expect(jwtVerify(graph, jwks)).rejects.toThrow(/signature/);
    const forged = await em.signToken({ exp: Math.floor(Date.now() / 1000) + 60 }, { key: 'foreign' });
    await expect(jwtVerify(forged, jwks)).rejects.toThrow();
  });
});

describe('resource endpoints', () => {
  it('/introspect: active for a valid Outlook token with upn and scp, inactive for expired, Graph or forged ones', async () => {
    const ask = async (token: string): Promise<Record<string, unknown>> =>
      (await (await fetch(em.introspectionUrl, form({ token }))).json()) as Record<string, unknown>;
    const ok = await ask(await em.mintUserAccessToken('servicedesk@contoso.test'));
    expect(ok).toMatchObject({
      active: true,
      upn: 'servicedesk@contoso.test',
      scp: 'IMAP.AccessAsUser.All POP.AccessAsUser.All SMTP.Send',
    });
    expect(await ask(await em.mintUserAccessToken('servicedesk@contoso.test', { lifetimeSec: -10 }))).toEqual({
      active: false,
    });
    expect(
      await ask(await em.mintUserAccessToken('servicedesk@contoso.test', { resource: 'https://graph.microsoft.com' })),
    ).toEqual({ active: false });
    expect(await ask('not-a-jwt')).toEqual({ active: false });
  });

  it('Graph: a delegate with Mail.Read.Shared reads the shared inbox; a user without FullAccess is denied', async () => {
    const url = `${em.baseUrl}/v1.0/users/support@contoso.test/mailFolders/inbox`;
    const delegate = await em.mintUserAccessToken('helpdesk-delegate@contoso.test', {
      resource: 'https://graph.microsoft.com',
      scopes: ['Mail.Read.Shared'],
    });
    expect((await fetch(url, { headers: { authorization: `Bearer ${delegate}` } })).status).toBe(200);
    const adele = await em.mintUserAccessToken('adele@contoso.test', {
      resource: 'https://graph.microsoft.com',
      scopes: ['Mail.Read.Shared'],
    });
    const denied = await fetch(url, { headers: { authorization: `Bearer ${adele}` } });
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { error: { code: string } }).error.code).toBe('ErrorAccessDenied');
    expect((await fetch(url)).status).toBe(401);
  });
});

describe('fault injection', () => {
  const discovery = (): string => `${em.authority()}/v2.0/.well-known/openid-configuration`;

  it('per request: 5xx with Entra transient error, malformed JSON, dropped connection', async () => {
    const five = await fetch(discovery(), { headers: { 'x-emulator-fault': 'status=503' } });
    expect(five.status).toBe(503);
    expect(((await five.json()) as { error_codes: number[] }).error_codes).toEqual([90033]);
    const bad = await fetch(`${discovery()}?emulator_fault=malformed`);
    expect(bad.status).toBe(200);
    await expect(bad.json()).rejects.toThrow();
    await expect(fetch(discovery(), { headers: { 'x-emulator-fault': 'drop' } })).rejects.toThrow();
  });

  it('per run: latency, slow body, path filter and `times` limit', async () => {
    em.setFaults({ latencyMs: 400, paths: ['/contoso.test/v2.0/'] });
    let t = Date.now();
    expect((await fetch(discovery())).status).toBe(200);
    expect(Date.now() - t).toBeGreaterThanOrEqual(350);

    // Deterministic checks for `paths` and `times` use a status fault rather than timings.
    em.setFaults({ status: 500, paths: ['/contoso.test/v2.0/'], times: 1 });
    expect((await fetch(`${em.authority()}/discovery/v2.0/keys`)).status).toBe(200);
    expect((await fetch(discovery())).status).toBe(500);
    expect((await fetch(discovery())).status).toBe(200);

    em.setFaults({ slowBodyMs: 500 });
    t = Date.now();
    const slow = await fetch(discovery());
    const body = (await slow.json()) as { issuer: string };
    expect(body.issuer).toContain('/v2.0');
    expect(Date.now() - t).toBeGreaterThanOrEqual(400);
  });
});
