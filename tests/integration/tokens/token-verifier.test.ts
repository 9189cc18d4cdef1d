// Signature verification against the Entra ID emulator (tests/emulator, HTTPS with its own CA, reached
// through an injected CA-trusting fetch): a valid ID token verifies; another key's token fails with its
// code; Graph/Outlook tokens are "not verifiable by design"; a down, slow or stopped JWKS is "not verified",
// never "valid"; untrusted issuers are never contacted; discovery and keys are cached.
import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRAPH, OUTLOOK, startEmulator, type Emulator } from '../../emulator/index';
import {
  createCaFetch,
  createTokenVerifier,
  discoveryUrlFor,
  type FetchLike,
} from '../../../electron/services/tokens/token-verifier';
import { createMinter } from '../../support/tokens-mint';

const TID = '93730ac9-67de-40eb-bc94-85ac0d4949a7'; // contoso.test in the emulator seed
const CLIENT = 'ba8bfc1d-bd55-4ccd-bf11-e7f7faf9bcbe'; // the seed's "generic" app

let emu: Emulator;
let caFetch: FetchLike;
const calls: string[] = [];
const counting: FetchLike = (url, init) => {
  calls.push(new URL(url).pathname);
  return caFetch(url, init);
};

function idClaims(iss = `${emu.baseUrl}/${TID}/v2.0`): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    aud: CLIENT,
    iss,
    iat: now,
    nbf: now,
    exp: now + 3600,
    preferred_username: 'servicedesk@contoso.test',
    tid: TID,
    ver: '2.0',
    nonce: 'abc',
    sub: 's',
  };
}

const verifierFor = (extra: Partial<Parameters<typeof createTokenVerifier>[0]> = {}) =>
  createTokenVerifier({ fetch: counting, trustedIssuerHosts: [emu.host], timeoutMs: 1500, ...extra });

beforeAll(async () => {
  emu = await startEmulator();
  caFetch = createCaFetch(emu.caPem);
});
afterAll(async () => {
  await emu?.stop();
});

describe('tokens the issuer signed', () => {
  it('a valid v2 ID token from the emulator → valid, and the key set is cached between calls', async () => {
    const v = verifierFor();
    const token = await emu.signToken(idClaims());
    calls.length = 0;
    const r = await v.verify({ token });
    expect(r).toMatchObject({
      status: 'valid',
      code: 'SIGNATURE_VALID',
      issuer: `${emu.baseUrl}/${TID}/v2.0`,
      jwksUri: `${emu.baseUrl}/${TID}/discovery/v2.0/keys`,
    });
    expect(calls).toEqual([`/${TID}/v2.0/.well-known/openid-configuration`, `/${TID}/discovery/v2.0/keys`]);
    expect(await v.verify({ token: await emu.signToken(idClaims()) })).toMatchObject({ status: 'valid' });
    expect(calls).toHaveLength(2); // second token: no new discovery, no new JWKS fetch
  });

  it('a token signed by another key with the issuer’s kid → invalid-signature SIGNATURE_INVALID', async () => {
    const good = await emu.signToken(idClaims());
    const kid = decodeProtectedHeader(good).kid;
    const forged = await emu.signToken(idClaims(), { key: 'foreign', header: { kid, x5t: kid } });
    expect(await verifierFor().verify({ token: forged })).toMatchObject({
      status: 'invalid-signature',
      code: 'SIGNATURE_INVALID',
      keyId: kid,
    });
  });

  it('a token signed by a key the issuer does not publish → invalid-signature SIGNING_KEY_NOT_FOUND', async () => {
    const other = await createMinter('unknown-kid');
    const token = await other.sign(idClaims());
    expect(await verifierFor().verify({ token })).toMatchObject({
      status: 'invalid-signature',
      code: 'SIGNING_KEY_NOT_FOUND',
    });
  });

  it('a tampered payload fails even though the header and key are genuine', async () => {
    const [h, , s] = (await emu.signToken(idClaims())).split('.');
    const payload = Buffer.from(JSON.stringify({ ...idClaims(), preferred_username: 'adele@contoso.test' })).toString(
      'base64url',
    );
    expect(await verifierFor().verify({ token: `${h}.${payload}.${s}` })).toMatchObject({
      status: 'invalid-signature',
      code: 'SIGNATURE_INVALID',
    });
  });
});

describe('not verifiable by design', () => {
  it('a Graph token with a header nonce and an Outlook token are not checked, and no request is made', async () => {
    calls.length = 0;
    const v = verifierFor();
    const graph = await emu.mintUserAccessToken('servicedesk@contoso.test', { resource: GRAPH });
    expect(decodeProtectedHeader(graph).nonce).toBeDefined();
    expect(await v.verify({ token: graph })).toMatchObject({
      status: 'not-verifiable-by-design',
      code: 'SIGNATURE_NOT_VERIFIABLE_BY_DESIGN',
    });
    const outlook = await emu.mintUserAccessToken('servicedesk@contoso.test', { resource: OUTLOOK });
    const r = await v.verify({ token: outlook });
    expect(r.status).toBe('not-verifiable-by-design');
    expect(r.reason).toContain('Exchange Online');
    expect(calls).toEqual([]);
  });
});

describe('never a false "valid"', () => {
  it('JWKS endpoint answering 503 → not-verified-offline', async () => {
    emu.setFaults({ status: 503, paths: [`/${TID}/discovery/v2.0/keys`] });
    try {
      const r = await verifierFor().verify({ token: await emu.signToken(idClaims()) });
      expect(r).toMatchObject({ status: 'not-verified-offline', code: 'JWKS_UNAVAILABLE' });
    } finally {
      emu.clearFaults();
    }
  });

  it('discovery dropping the connection or too slow → not-verified-offline with its code', async () => {
    emu.setFaults({ drop: true, paths: [`/${TID}/v2.0/.well-known`] });
    try {
      expect(await verifierFor().verify({ token: await emu.signToken(idClaims()) })).toMatchObject({
        status: 'not-verified-offline',
        code: 'DISCOVERY_UNAVAILABLE',
      });
    } finally {
      emu.clearFaults();
    }
    emu.setFaults({ latencyMs: 1500, paths: [`/${TID}/discovery/v2.0/keys`] });
    try {
      expect(await verifierFor({ timeoutMs: 300 }).verify({ token: await emu.signToken(idClaims()) })).toMatchObject({
        status: 'not-verified-offline',
        code: 'JWKS_TIMEOUT',
      });
    } finally {
      emu.clearFaults();
    }
  });

  it('a malformed JWKS body → not-verified-offline', async () => {
    emu.setFaults({ malformedJson: true, paths: [`/${TID}/discovery/v2.0/keys`] });
    try {
      const r = await verifierFor().verify({ token: await emu.signToken(idClaims()) });
      expect(r.status).toBe('not-verified-offline');
    } finally {
      emu.clearFaults();
    }
  });

  it('issuer host unreachable (nothing listening) → not-verified-offline', async () => {
    const stopped = await startEmulator();
    const token = await stopped.signToken({ ...idClaims(`${stopped.baseUrl}/${TID}/v2.0`) });
    const host = stopped.host;
    const ca = stopped.caPem;
    await stopped.stop();
    const r = await createTokenVerifier({
      fetch: createCaFetch(ca),
      trustedIssuerHosts: [host],
      timeoutMs: 1500,
    }).verify({ token });
    expect(r).toMatchObject({ status: 'not-verified-offline', code: 'DISCOVERY_UNAVAILABLE' });
  });

  it('an issuer that is not a Microsoft login host or a trusted authority is never contacted', async () => {
    const spy: FetchLike = () => Promise.reject(new Error('must not fetch'));
    const token = await emu.signToken(idClaims(`${emu.baseUrl}/${TID}/v2.0`));
    expect(await createTokenVerifier({ fetch: spy }).verify({ token })).toMatchObject({
      status: 'untrusted-issuer',
      code: 'ISSUER_NOT_TRUSTED',
    });
    const evil = await emu.signToken(idClaims('https://login.microsoftonline.com.evil.test/x/v2.0'));
    expect(await createTokenVerifier({ fetch: spy }).verify({ token: evil })).toMatchObject({
      status: 'untrusted-issuer',
    });
    expect(
      await createTokenVerifier({ fetch: spy }).verify({
        token,
        expectedIssuer: 'https://login.microsoftonline.com/x/v2.0',
      }),
    ).toMatchObject({ code: 'ISSUER_UNEXPECTED' });
  });

  it('unsigned, opaque and malformed input is not-verifiable or invalid, never valid', async () => {
    const v = verifierFor();
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(idClaims())).toString('base64url')}.`;
    expect(await v.verify({ token: none })).toMatchObject({ status: 'invalid-signature', code: 'TOKEN_UNSIGNED' });
    const hs = `${Buffer.from('{"alg":"HS256","kid":"x"}').toString('base64url')}.${Buffer.from(JSON.stringify(idClaims())).toString('base64url')}.c2ln`;
    expect(await v.verify({ token: hs })).toMatchObject({ status: 'invalid-signature', code: 'ALG_NOT_ALLOWED' });
    expect(
      await v.verify({ token: '0.AXoA-opaque-refresh-token-value-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' }),
    ).toMatchObject({ status: 'not-verifiable', code: 'TOKEN_OPAQUE' });
    expect(await v.verify({ token: 'eyJhbGciOiJSUzI1NiJ9.@@@.x' })).toMatchObject({
      status: 'not-verifiable',
      code: 'TOKEN_MALFORMED',
    });
  });
});

describe('discovery URLs', () => {
  it('v2 issuers append .well-known; v1 sts.windows.net issuers are discovered on login.microsoftonline.com', () => {
    expect(discoveryUrlFor('https://login.microsoftonline.com/t/v2.0')?.href).toBe(
      'https://login.microsoftonline.com/t/v2.0/.well-known/openid-configuration',
    );
    expect(discoveryUrlFor('https://sts.windows.net/t/')?.href).toBe(
      'https://login.microsoftonline.com/t/.well-known/openid-configuration',
    );
    expect(discoveryUrlFor('http://login.microsoftonline.com/t/v2.0')).toBeUndefined();
    expect(discoveryUrlFor('not a url')).toBeUndefined();
  });
});
