// Signature verification (electron/services/tokens/token-verifier.ts) when the issuer's OpenID configuration is not
// what Entra publishes: an error answer, no jwks_uri, a jwks_uri that is not a URL, a document naming another issuer,
// keys published on a host that is not a Microsoft login host. Each is "not verified" or "untrusted", never
// "valid", and the key set is never fetched from a host the app does not trust. Also a token without iss and one
// whose issuer is not an https URL. The discovery document comes from an injected fetch (no network).
import { beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier, type FetchLike } from '../../../../../electron/services/tokens/token-verifier';
import { TENANT, createMinter, idTokenV2, type Minter } from '../../../../support/tokens-mint';

const ISSUER = `https://login.microsoftonline.com/${TENANT}/v2.0`;
let minter: Minter;
let token: string;

beforeAll(async () => {
  minter = await createMinter();
  token = await minter.sign(idTokenV2({ upn: 'servicedesk@contoso.com' }));
});

/** A fetch that answers the discovery URL with `status` and `body`, and records every URL asked for. */
function discoveryAnswering(status: number, body: unknown): { fetch: FetchLike; asked: string[] } {
  const asked: string[] = [];
  const fetch: FetchLike = (url) => {
    asked.push(String(url));
    return Promise.resolve(
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
    );
  };
  return { fetch, asked };
}

describe("the issuer's OpenID configuration is wrong", () => {
  it('an error answer (HTTP 503) → not verified, DISCOVERY_UNAVAILABLE naming the status', async () => {
    const { fetch, asked } = discoveryAnswering(503, { error: 'unavailable' });
    const r = await createTokenVerifier({ fetch }).verify({ token });
    expect(r).toMatchObject({ status: 'not-verified-offline', code: 'DISCOVERY_UNAVAILABLE', issuer: ISSUER });
    expect(r.reason).toContain('answered HTTP 503');
    expect(asked).toEqual([`${ISSUER}/.well-known/openid-configuration`]);
  });

  it('no jwks_uri, or one that is not a URL → not verified, DISCOVERY_INVALID', async () => {
    for (const doc of [{ issuer: ISSUER }, { issuer: ISSUER, jwks_uri: 'keys please' }]) {
      const r = await createTokenVerifier({ fetch: discoveryAnswering(200, doc).fetch }).verify({ token });
      expect(r).toMatchObject({ status: 'not-verified-offline', code: 'DISCOVERY_INVALID' });
    }
  });

  it('a document that names another issuer → untrusted, DISCOVERY_ISSUER_MISMATCH naming both', async () => {
    const other = 'https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0';
    const r = await createTokenVerifier({
      fetch: discoveryAnswering(200, { issuer: other, jwks_uri: `${ISSUER}/keys` }).fetch,
    }).verify({ token });
    expect(r).toMatchObject({ status: 'untrusted-issuer', code: 'DISCOVERY_ISSUER_MISMATCH' });
    expect(r.reason).toBe(`The issuer’s configuration names ${other}, not the token’s iss ${ISSUER}.`);
  });

  it('keys published on a host that is not a Microsoft login host, or over http → untrusted, and never fetched', async () => {
    for (const jwks of ['https://keys.attacker.example/keys', `http://login.microsoftonline.com/${TENANT}/keys`]) {
      const { fetch, asked } = discoveryAnswering(200, { issuer: ISSUER, jwks_uri: jwks });
      const r = await createTokenVerifier({ fetch }).verify({ token });
      expect(r).toMatchObject({ status: 'untrusted-issuer', code: 'JWKS_HOST_NOT_TRUSTED', jwksUri: jwks });
      expect(asked).not.toContain(jwks);
    }
  });
});

describe('tokens whose issuer cannot be asked', () => {
  it('no iss claim → not verifiable, ISSUER_MISSING; an issuer that is not an https URL → untrusted', async () => {
    const noFetch: FetchLike = () => Promise.reject(new Error('nothing may be fetched for this token'));
    const claims = idTokenV2({ upn: 'servicedesk@contoso.com' });
    delete claims['iss'];
    const noIss = await createTokenVerifier({ fetch: noFetch }).verify({ token: await minter.sign(claims) });
    expect(noIss).toMatchObject({ status: 'not-verifiable', code: 'ISSUER_MISSING' });
    const plain = await minter.sign(
      idTokenV2({ upn: 'servicedesk@contoso.com', iss: `http://login.microsoftonline.com/${TENANT}/v2.0` }),
    );
    const http = await createTokenVerifier({ fetch: noFetch }).verify({ token: plain });
    expect(http).toMatchObject({ status: 'untrusted-issuer', code: 'ISSUER_NOT_TRUSTED' });
    expect(http.reason).toContain('is not an https authority URL');
  });
});
