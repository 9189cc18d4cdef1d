// Certificate credentials at the emulator's token endpoint, with MSAL-node unmodified signing the client assertion
// (PS256, x5t#S256, aud = token endpoint, iss = sub = client id, jti, exp) with a real RSA key: a certificate uploaded
// to the app gets a token; an unregistered certificate, a key that is not the certificate's, an assertion for another
// app, one for another audience and an expired one are refused with Entra's AADSTS codes.
import { ConfidentialClientApplication } from '@azure/msal-node';
import { createHash, X509Certificate } from 'node:crypto';
import { SignJWT, importPKCS8 } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../emulator/index';
import { createAppCertificate, type AppCertificate } from '../../support/client-certificate';

let em: Emulator;
let registered: AppCertificate;
let stranger: AppCertificate;
beforeAll(async () => {
  em = await startEmulator();
  em.trustInProcess();
  [registered, stranger] = await Promise.all([createAppCertificate('ServiceOps mail'), createAppCertificate('Other')]);
  em.configureApp('serviceops', {
    uploadCertificate: registered.certPem,
    grantApplication: [{ resource: 'https://graph.microsoft.com', role: 'Mail.Read' }],
  });
}, 60_000);
afterAll(async () => {
  await em?.stop();
});

const sha256Hex = (pem: string): string => new X509Certificate(pem).fingerprint256.replace(/:/g, '');

function msalWith(privateKey: string, certPem: string): ConfidentialClientApplication {
  return new ConfidentialClientApplication({
    auth: {
      clientId: em.directory.apps.serviceops.clientId,
      authority: em.authority(),
      knownAuthorities: [em.host],
      clientCertificate: { thumbprintSha256: sha256Hex(certPem), privateKey, x5c: certPem },
    },
  });
}

/** A hand-made assertion (jose) to vary one claim at a time; the token endpoint is the tenant's v2.0 one. */
async function assertion(over: { aud?: string; iss?: string; exp?: number } = {}): Promise<string> {
  const app = em.directory.apps.serviceops;
  const tenantId = em.directory.all.tenants[0]?.id ?? '';
  const raw = new X509Certificate(registered.certPem).raw;
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ jti: crypto.randomUUID() })
    .setProtectedHeader({ alg: 'PS256', typ: 'JWT', 'x5t#S256': createHash('sha256').update(raw).digest('base64url') })
    .setAudience(over.aud ?? `${em.baseUrl}/${tenantId}/oauth2/v2.0/token`)
    .setIssuer(over.iss ?? app.clientId)
    .setSubject(app.clientId)
    .setNotBefore(now - 5)
    .setExpirationTime(over.exp ?? now + 600)
    .sign(await importPKCS8(registered.keyPem, 'PS256'));
}

async function redeem(clientAssertion: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${em.authority()}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: em.directory.apps.serviceops.clientId,
      scope: 'https://graph.microsoft.com/.default',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: clientAssertion,
    }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('client assertions signed with a certificate (MSAL-node clientCertificate)', () => {
  it('a certificate uploaded to the app gets an app-only token with its roles', async () => {
    const r = await msalWith(registered.keyPem, registered.certPem).acquireTokenByClientCredential({
      scopes: ['https://graph.microsoft.com/.default'],
    });
    expect(r?.accessToken.split('.')).toHaveLength(3);
    const claims = JSON.parse(Buffer.from(r?.accessToken.split('.')[1] ?? '', 'base64url').toString()) as {
      roles?: string[];
    };
    expect(claims.roles).toEqual(['Mail.Read']);
  });

  it('a certificate not uploaded to the app → AADSTS700027 naming its thumbprint', async () => {
    await expect(
      msalWith(stranger.keyPem, stranger.certPem).acquireTokenByClientCredential({
        scopes: ['https://graph.microsoft.com/.default'],
      }),
    ).rejects.toMatchObject({
      errorMessage: expect.stringContaining(
        `AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${sha256Hex(stranger.certPem)}'`,
      ),
    });
  });

  it("another key claiming the registered certificate's thumbprint fails signature validation", async () => {
    await expect(
      msalWith(stranger.keyPem, registered.certPem).acquireTokenByClientCredential({
        scopes: ['https://graph.microsoft.com/.default'],
      }),
    ).rejects.toMatchObject({
      errorMessage: expect.stringContaining('AADSTS700027: Client assertion failed signature validation.'),
    });
  });

  it('the hand-made assertion is accepted as is, and refused when one claim is off', async () => {
    expect((await redeem(await assertion())).status).toBe(200);
    const otherApp = await redeem(await assertion({ iss: em.directory.apps.servicenow.clientId }));
    expect(otherApp.body.error_codes).toEqual([700021]);
    const otherAudience = await redeem(
      await assertion({ aud: 'https://login.microsoftonline.com/x/oauth2/v2.0/token' }),
    );
    expect(otherAudience).toMatchObject({ status: 401, body: { error: 'invalid_client', error_codes: [50027] } });
    const expired = await redeem(await assertion({ exp: Math.floor(Date.now() / 1000) - 3600 }));
    expect(expired.body.error_codes).toEqual([700024]);
    const garbage = await redeem('not-a-jwt');
    expect(garbage.body.error_codes).toEqual([50027]);
  });
});
