// MSAL-node, unmodified, against the Entra ID emulator: auth code + PKCE (with nonce), refresh-token
// redemption with rotation, client credentials with roles. Proves the emulator is shaped enough like Entra
// for the real client library, and that its tokens carry Entra's claim shapes.
import { ConfidentialClientApplication, CryptoProvider, type Configuration } from '@azure/msal-node';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../emulator/index';
import { fetchLogin } from '../../emulator/fetch-login';

let em: Emulator;
beforeAll(async () => {
  em = await startEmulator();
  em.trustInProcess();
});
afterAll(async () => {
  await em?.stop();
});

function msalFor(appKey: 'servicenow' | 'serviceops' | 'generic', secret?: string): ConfidentialClientApplication {
  const app = em.directory.apps[appKey];
  const config: Configuration = {
    auth: {
      clientId: app.clientId,
      authority: em.authority(),
      clientSecret: secret ?? app.secret.value,
      knownAuthorities: [em.host],
    },
  };
  return new ConfidentialClientApplication(config);
}

const IMAP_SCOPES = [
  'https://outlook.office.com/IMAP.AccessAsUser.All',
  'https://outlook.office.com/SMTP.Send',
  'offline_access',
];

describe('MSAL-node against the emulator', () => {
  it('code + PKCE + nonce → servicedesk tokens shaped like Entra, then refresh with rotation', async () => {
    const app = em.directory.apps.servicenow;
    const sd = em.directory.users.servicedesk;
    const cca = msalFor('servicenow');
    const crypto = new CryptoProvider();
    const { verifier, challenge } = await crypto.generatePkceCodes();
    const nonce = crypto.createNewGuid();
    const state = crypto.createNewGuid();
    const redirectUri = app.redirectUris[0] ?? '';
    const authUrl = await cca.getAuthCodeUrl({
      scopes: IMAP_SCOPES,
      redirectUri,
      codeChallenge: challenge,
      codeChallengeMethod: 'S256',
      prompt: 'login',
      loginHint: sd.upn,
      state,
      nonce,
      responseMode: 'query',
    });
    expect(authUrl.startsWith(`${em.authority()}/oauth2/v2.0/authorize?`)).toBe(true);

    const login = await fetchLogin(authUrl, { upn: sd.upn, password: sd.password ?? '' });
    expect(login.callbackUrl?.startsWith(redirectUri)).toBe(true);
    expect(login.params.get('state')).toBe(state);
    const code = login.params.get('code') ?? '';
    expect(code).not.toBe('');

    // MSAL 7 reads the nonce from the request object only.
    const result = await cca.acquireTokenByCode({
      code,
      scopes: IMAP_SCOPES,
      redirectUri,
      codeVerifier: verifier,
      nonce,
    });
    expect(result.account?.username).toBe(sd.upn);
    expect(result.account?.tenantId).toBe(em.directory.tenant.id);
    expect(result.account?.homeAccountId).toBe(`${sd.oid}.${em.directory.tenant.id}`);

    const header = decodeProtectedHeader(result.accessToken);
    expect(header.alg).toBe('RS256');
    expect(typeof header.kid).toBe('string');
    expect(header).not.toHaveProperty('nonce'); // Outlook tokens carry no header nonce; Graph tokens do
    const at = decodeJwt(result.accessToken);
    expect(at).toMatchObject({
      aud: 'https://outlook.office.com',
      iss: `https://sts.windows.net/${em.directory.tenant.id}/`,
      upn: sd.upn,
      unique_name: sd.upn,
      appid: app.clientId,
      ver: '1.0',
      scp: 'IMAP.AccessAsUser.All SMTP.Send',
      tid: em.directory.tenant.id,
    });
    const id = decodeJwt(result.idToken);
    expect(id).toMatchObject({
      aud: app.clientId,
      iss: `${em.baseUrl}/${em.directory.tenant.id}/v2.0`,
      preferred_username: sd.upn,
      oid: sd.oid,
      nonce,
      ver: '2.0',
    });

    // Refresh token lives in MSAL's cache.
    const cache = JSON.parse(cca.getTokenCache().serialize()) as { RefreshToken: Record<string, { secret: string }> };
    const rts = Object.values(cache.RefreshToken);
    expect(rts).toHaveLength(1);
    const firstRt = rts[0]?.secret ?? '';
    expect(firstRt.length).toBeGreaterThan(100);

    const refreshed = await cca.acquireTokenByRefreshToken({
      refreshToken: firstRt,
      scopes: ['https://outlook.office.com/POP.AccessAsUser.All'],
    });
    expect(refreshed).not.toBeNull();
    expect(decodeJwt(refreshed?.accessToken ?? '')).toMatchObject({
      upn: sd.upn,
      scp: 'POP.AccessAsUser.All',
      aud: 'https://outlook.office.com',
    });
    const after = JSON.parse(cca.getTokenCache().serialize()) as { RefreshToken: Record<string, { secret: string }> };
    const rotated = Object.values(after.RefreshToken)[0]?.secret;
    expect(rotated).toBeDefined();
    expect(rotated).not.toBe(firstRt);

    // The same refresh token also reaches Graph (multi-resource refresh token), and Graph tokens carry a header nonce.
    const graph = await cca.acquireTokenByRefreshToken({ refreshToken: firstRt, scopes: ['User.Read'] });
    expect(decodeProtectedHeader(graph?.accessToken ?? '')).toHaveProperty('nonce');
    expect(decodeJwt(graph?.accessToken ?? '')).toMatchObject({ aud: 'https://graph.microsoft.com', scp: 'User.Read' });
    const me = await fetch(`${em.baseUrl}/v1.0/me`, {
      headers: { authorization: `Bearer ${graph?.accessToken ?? ''}` },
    });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { userPrincipalName: string }).userPrincipalName).toBe(sd.upn);
  });

  it('client credentials: consented application permissions become roles, unconsented ones are absent', async () => {
    const withConsent = await msalFor('servicenow').acquireTokenByClientCredential({
      scopes: ['https://graph.microsoft.com/.default'],
    });
    const claims = decodeJwt(withConsent?.accessToken ?? '');
    expect(claims).toMatchObject({
      aud: 'https://graph.microsoft.com',
      roles: ['Mail.ReadWrite'],
      idtyp: 'app',
      appid: em.directory.apps.servicenow.clientId,
    });
    expect(claims).not.toHaveProperty('upn');
    expect(claims).not.toHaveProperty('scp');

    const noConsent = await msalFor('serviceops').acquireTokenByClientCredential({
      scopes: ['https://graph.microsoft.com/.default'],
    });
    expect(decodeJwt(noConsent?.accessToken ?? '')).not.toHaveProperty('roles');

    // Graph enforces the roles: the token without them is denied, the one with them reads support's inbox.
    const support = em.directory.users.support.upn;
    const denied = await fetch(`${em.baseUrl}/v1.0/users/${support}/mailFolders/inbox`, {
      headers: { authorization: `Bearer ${noConsent?.accessToken ?? ''}` },
    });
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { error: { code: string } }).error.code).toBe('ErrorAccessDenied');
    const ok = await fetch(`${em.baseUrl}/v1.0/users/${support}/mailFolders/inbox`, {
      headers: { authorization: `Bearer ${withConsent?.accessToken ?? ''}` },
    });
    expect(ok.status).toBe(200);
    const missing = await fetch(`${em.baseUrl}/v1.0/users/nobody@contoso.test/mailFolders/inbox`, {
      headers: { authorization: `Bearer ${withConsent?.accessToken ?? ''}` },
    });
    expect(missing.status).toBe(404);
  });

  it('MSAL surfaces the Entra error for a Secret ID pasted as the secret (AADSTS7000215)', async () => {
    const app = em.directory.apps.servicenow;
    const err = await msalFor('servicenow', app.secret.id)
      .acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] })
      .then(
        () => undefined,
        (e: unknown) => e as { errorCode?: string; errorMessage?: string; subError?: string },
      );
    expect(err?.errorCode).toBe('invalid_client');
    expect(err?.errorMessage).toMatch(/Description: AADSTS7000215: Invalid client secret provided/);
  });
});
