// Test-only minting of Entra-shaped tokens with jose and a generated RSA key: v2 ID tokens, v1 Outlook and
// Graph access tokens (Graph with a header nonce), app-only tokens with roles. Shapes follow Microsoft's
// token reference and tests/emulator/tokens.ts.
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';

export const TENANT = '8f2b6c1e-3d4a-4f5b-9c6d-7e8f9a0b1c2d';
export const OTHER_TENANT = '11111111-2222-3333-4444-555555555555';
export const CLIENT_ID = '4a5b6c7d-8e9f-4a0b-8c1d-2e3f4a5b6c7d';
export const NOW = 1_760_000_000; // 2025-10-09T08:53:20Z, fixed so times and findings are repeatable

export interface Minter {
  readonly kid: string;
  readonly publicJwk: JWK;
  sign(claims: Record<string, unknown>, header?: Record<string, unknown>): Promise<string>;
}

export async function createMinter(kid = 'test-key-1'): Promise<Minter> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, use: 'sig', alg: 'RS256' };
  return {
    kid,
    publicJwk,
    sign: (claims, header = {}) =>
      new SignJWT(claims)
        .setProtectedHeader({ typ: 'JWT', alg: 'RS256', kid, x5t: kid, ...header })
        .sign(privateKey as CryptoKey),
  };
}

const times = (now: number, lifetime = 3600) => ({ iat: now - 60, nbf: now - 60, exp: now + lifetime });

export function idTokenV2(o: {
  upn: string;
  now?: number;
  iss?: string;
  aud?: string;
  tid?: string;
  nonce?: string;
}): Record<string, unknown> {
  const tid = o.tid ?? TENANT;
  return {
    aud: o.aud ?? CLIENT_ID,
    iss: o.iss ?? `https://login.microsoftonline.com/${tid}/v2.0`,
    ...times(o.now ?? NOW),
    name: 'Service Desk',
    oid: '0b6a1c2d-0000-4000-8000-000000000001',
    preferred_username: o.upn,
    email: o.upn,
    sub: 'pairwise-subject-abc',
    tid,
    nonce: o.nonce ?? 'n-123',
    uti: 'uti-1',
    ver: '2.0',
  };
}

export function idTokenV1(o: { upn: string; now?: number }): Record<string, unknown> {
  return {
    aud: CLIENT_ID,
    iss: `https://sts.windows.net/${TENANT}/`,
    ...times(o.now ?? NOW),
    amr: ['pwd'],
    name: 'Service Desk',
    oid: 'o1',
    sub: 's1',
    tid: TENANT,
    unique_name: o.upn,
    upn: o.upn,
    ver: '1.0',
  };
}

export function outlookAccessV1(o: {
  upn: string;
  scp?: string;
  now?: number;
  aud?: string;
  appid?: string;
  tid?: string;
  lifetime?: number;
  iss?: string;
}): Record<string, unknown> {
  const tid = o.tid ?? TENANT;
  return {
    aud: o.aud ?? 'https://outlook.office.com',
    iss: o.iss ?? `https://sts.windows.net/${tid}/`,
    ...times(o.now ?? NOW, o.lifetime),
    acct: 0,
    acr: '1',
    aio: 'aio-value',
    amr: ['pwd'],
    appid: o.appid ?? CLIENT_ID,
    appidacr: '1',
    idtyp: 'user',
    ipaddr: '203.0.113.7',
    name: 'Service Desk',
    oid: '0b6a1c2d-0000-4000-8000-000000000001',
    puid: '10032000ABCDEF',
    rh: '0.rh.',
    scp: o.scp ?? 'IMAP.AccessAsUser.All POP.AccessAsUser.All SMTP.Send',
    sid: 'sid-1',
    sub: 'sub-1',
    tid,
    unique_name: o.upn,
    upn: o.upn,
    uti: 'uti-2',
    ver: '1.0',
    xms_cc: ['CP1'],
  };
}

export function graphAccessV1(o: { upn: string; scp?: string; now?: number; aud?: string }): Record<string, unknown> {
  return {
    ...outlookAccessV1({
      upn: o.upn,
      scp: o.scp ?? 'Mail.ReadWrite Mail.Send User.Read',
      ...(o.now === undefined ? {} : { now: o.now }),
    }),
    aud: o.aud ?? '00000003-0000-0000-c000-000000000000',
    xms_tcdt: 1600000000,
  };
}

export function appOnlyV1(o: { roles?: string[]; aud?: string; now?: number }): Record<string, unknown> {
  return {
    aud: o.aud ?? 'https://outlook.office365.com',
    iss: `https://sts.windows.net/${TENANT}/`,
    ...times(o.now ?? NOW),
    aio: 'aio',
    app_displayname: 'ServiceDesk Mail',
    appid: CLIENT_ID,
    appidacr: '1',
    idp: `https://sts.windows.net/${TENANT}/`,
    idtyp: 'app',
    oid: 'sp-oid',
    rh: 'rh',
    ...(o.roles && o.roles.length > 0 ? { roles: o.roles } : {}),
    sub: 'sp-oid',
    tid: TENANT,
    uti: 'uti-3',
    ver: '1.0',
  };
}

/** base64 of the SASL XOAUTH2 initial response, as IMAP/SMTP clients send it. */
export function xoauth2Blob(user: string, token: string): string {
  return Buffer.from(`user=${user}\u0001auth=Bearer ${token}\u0001\u0001`).toString('base64');
}
