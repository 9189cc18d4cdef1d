// Owns token minting and checking: the RS256 signing key (with an x5c certificate, published as a JWKS like
// Entra's), the claim shapes of v2 ID tokens, v1 Outlook/Graph access tokens and app-only tokens, the Graph
// header `nonce` trick, and verification for the emulator's own resource endpoints (/introspect, Graph).
import { createHash, randomUUID, webcrypto } from 'node:crypto';
import './reflect-shim';
import * as x509 from '@peculiar/x509';
import type { AppRegistration, DirectoryUser, Tenant } from './directory';

const rsaAlg = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: 'SHA-256',
} as const;

export const GRAPH = 'https://graph.microsoft.com';
export const OUTLOOK = 'https://outlook.office.com';
export const OUTLOOK365 = 'https://outlook.office365.com';
/** Resource URI → the well-known first-party app id Entra uses for it. */
export const RESOURCE_APP_IDS: Record<string, string> = {
  [GRAPH]: '00000003-0000-0000-c000-000000000000',
  [OUTLOOK]: '00000002-0000-0ff1-ce00-000000000000',
  [OUTLOOK365]: '00000002-0000-0ff1-ce00-000000000000',
};

export interface SigningKey {
  kid: string;
  privateKey: webcrypto.CryptoKey;
  publicJwk: webcrypto.JsonWebKey & { kid: string; x5t: string; x5c: string[]; use: string };
}

const b64url = (data: Uint8Array | string): string => Buffer.from(data).toString('base64url');

export async function createSigningKey(): Promise<SigningKey> {
  const keys = (await webcrypto.subtle.generateKey(rsaAlg, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: 'CN=accounts.accesscontrol.windows.net (emulated)',
    keys: keys as unknown as CryptoKeyPair,
    signingAlgorithm: rsaAlg,
    notAfter: new Date(Date.now() + 7 * 86_400_000),
  });
  const der = Buffer.from(cert.rawData);
  // Entra's kid and x5t are both the base64url SHA-1 thumbprint of the signing certificate.
  const kid = createHash('sha1').update(der).digest('base64url');
  const jwk = await webcrypto.subtle.exportKey('jwk', keys.publicKey);
  return {
    kid,
    privateKey: keys.privateKey,
    publicJwk: { kty: 'RSA', use: 'sig', kid, x5t: kid, n: jwk.n, e: jwk.e, x5c: [der.toString('base64')] },
  };
}

export interface SignOptions {
  /** extra or overriding header fields (e.g. a wrong kid, alg none) */
  header?: Record<string, unknown>;
  /** sign with a different key (a "forged" token) */
  key?: SigningKey;
  /** header nonce as on Graph tokens: the signature covers sha256(nonce), so standard verification fails */
  graphNonce?: boolean;
}

export async function signJwt(
  payload: Record<string, unknown>,
  key: SigningKey,
  opts: SignOptions = {},
): Promise<string> {
  const nonce = opts.graphNonce ? b64url(webcrypto.getRandomValues(new Uint8Array(32))) : undefined;
  const headerFor = (n: string | undefined): Record<string, unknown> => ({
    typ: 'JWT',
    ...(n === undefined ? {} : { nonce: n }),
    alg: 'RS256',
    x5t: key.kid,
    kid: key.kid,
    ...opts.header,
  });
  const hashedNonce = nonce === undefined ? undefined : createHash('sha256').update(nonce).digest('base64url');
  const body = b64url(JSON.stringify(payload));
  const signedInput = `${b64url(JSON.stringify(headerFor(hashedNonce)))}.${body}`;
  const sig = await webcrypto.subtle.sign('RSASSA-PKCS1-v1_5', key.privateKey, Buffer.from(signedInput));
  return `${b64url(JSON.stringify(headerFor(nonce)))}.${body}.${b64url(new Uint8Array(sig))}`;
}

export interface VerifiedToken {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

/**
 * Verifies an RS256 token against our key, the way a Microsoft resource would: a Graph-style header nonce is
 * hashed back before checking. Returns undefined for anything that does not verify or is expired.
 */
export async function verifyJwt(token: string, key: SigningKey, nowSec: number): Promise<VerifiedToken | undefined> {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [h, p, s] = parts as [string, string, string];
  let header: Record<string, unknown>;
  let payload: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as Record<string, unknown>;
    payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (header.alg !== 'RS256' || header.kid !== key.kid) return undefined;
  let signedHeader = h;
  if (typeof header.nonce === 'string') {
    // Re-encode with the hashed nonce, keeping key order, as the resource does.
    const hashed = { ...header, nonce: createHash('sha256').update(header.nonce).digest('base64url') };
    signedHeader = b64url(JSON.stringify(hashed));
  }
  const publicKey = await webcrypto.subtle.importKey('jwk', key.publicJwk, rsaAlg, false, ['verify']);
  const ok = await webcrypto.subtle.verify(
    'RSASSA-PKCS1-v1_5',
    publicKey,
    Buffer.from(s, 'base64url'),
    Buffer.from(`${signedHeader}.${p}`),
  );
  if (!ok) return undefined;
  if (typeof payload.exp !== 'number' || payload.exp <= nowSec) return undefined;
  if (typeof payload.nbf === 'number' && payload.nbf > nowSec + 300) return undefined;
  return { header, payload };
}

export interface UserTokenInput {
  host: string;
  tenant: Tenant;
  user: DirectoryUser;
  app: AppRegistration;
  nowSec: number;
  sid: string;
}

const names = (user: DirectoryUser): { given_name: string; family_name: string } => {
  const [given = user.displayName, ...rest] = user.displayName.split(' ');
  return { given_name: given, family_name: rest.join(' ') || given };
};

export function idTokenClaims(
  input: UserTokenInput & { nonce?: string; version: '1.0' | '2.0' },
): Record<string, unknown> {
  const { host, tenant, user, app, nowSec } = input;
  const common = {
    aud: app.clientId,
    iat: nowSec,
    nbf: nowSec,
    exp: nowSec + 3600,
    name: user.displayName,
    oid: user.oid,
    sub: createHash('sha256').update(`${user.oid}:${app.clientId}`).digest('base64url').slice(0, 43),
    tid: tenant.id,
    ...(input.nonce === undefined ? {} : { nonce: input.nonce }),
    sid: input.sid,
    uti: b64url(webcrypto.getRandomValues(new Uint8Array(16))),
  };
  if (input.version === '1.0') {
    return {
      ...common,
      iss: `https://sts.windows.net/${tenant.id}/`,
      amr: ['pwd'],
      ...names(user),
      unique_name: user.upn,
      upn: user.upn,
      ver: '1.0',
    };
  }
  return {
    ...common,
    iss: `https://${host}/${tenant.id}/v2.0`,
    preferred_username: user.upn,
    email: user.upn,
    ver: '2.0',
  };
}

/** v1-shaped delegated access token for Outlook or Graph (both issue v1 tokens regardless of endpoint). */
export function delegatedAccessClaims(
  input: UserTokenInput & { resource: string; scopes: string[] },
): Record<string, unknown> {
  const { tenant, user, app, nowSec } = input;
  return {
    aud: input.resource,
    iss: `https://sts.windows.net/${tenant.id}/`,
    iat: nowSec,
    nbf: nowSec,
    exp: nowSec + 3600 + 299,
    acct: 0,
    acr: '1',
    aio: b64url(webcrypto.getRandomValues(new Uint8Array(24))),
    amr: ['pwd'],
    app_displayname: app.displayName,
    appid: app.clientId,
    appidacr: '1',
    ...names(user),
    idtyp: 'user',
    ipaddr: '127.0.0.1',
    name: user.displayName,
    oid: user.oid,
    puid: createHash('sha1').update(user.oid).digest('hex').slice(0, 16).toUpperCase(),
    rh: '0.emulated.',
    scp: input.scopes.join(' '),
    sid: input.sid,
    sub: createHash('sha256').update(`${user.oid}:${input.resource}`).digest('base64url').slice(0, 43),
    tid: tenant.id,
    unique_name: user.upn,
    upn: user.upn,
    uti: b64url(webcrypto.getRandomValues(new Uint8Array(16))),
    ver: '1.0',
    ...(user.admin ? { wids: ['62e90394-69f5-4237-9190-012177145e10'] } : {}),
  };
}

export function appOnlyAccessClaims(input: {
  tenant: Tenant;
  app: AppRegistration;
  nowSec: number;
  resource: string;
  roles: string[];
}): Record<string, unknown> {
  const { tenant, app, nowSec } = input;
  return {
    aud: input.resource,
    iss: `https://sts.windows.net/${tenant.id}/`,
    iat: nowSec,
    nbf: nowSec,
    exp: nowSec + 3600 + 299,
    aio: b64url(webcrypto.getRandomValues(new Uint8Array(24))),
    app_displayname: app.displayName,
    appid: app.clientId,
    appidacr: '1',
    idp: `https://sts.windows.net/${tenant.id}/`,
    idtyp: 'app',
    oid: app.servicePrincipalId,
    rh: '0.emulated.',
    // Entra omits `roles` entirely when no application permission has admin consent.
    ...(input.roles.length ? { roles: input.roles } : {}),
    sub: app.servicePrincipalId,
    tid: tenant.id,
    uti: b64url(webcrypto.getRandomValues(new Uint8Array(16))),
    ver: '1.0',
  };
}

export const clientInfo = (user: DirectoryUser, tenant: Tenant): string =>
  b64url(JSON.stringify({ uid: user.oid, utid: tenant.id }));

export const newOpaque = (prefix: string, bytes = 48): string =>
  `${prefix}${b64url(webcrypto.getRandomValues(new Uint8Array(bytes)))}`;

export const newSid = (): string => randomUUID();
