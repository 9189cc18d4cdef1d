// The authority-metadata cache against the real MSAL-node, with an in-memory network module (no sockets): what MSAL
// discovered is learnt, handed back as auth.authorityMetadata it then uses without asking the network, and is
// dropped after its time to live, when forgotten, or when the oldest of too many; nothing is learnt from anything
// MSAL did not discover itself.
import { describe, expect, it } from 'vitest';
import {
  ConfidentialClientApplication,
  type INetworkModule,
  type NetworkRequestOptions,
  type NetworkResponse,
} from '@azure/msal-node';
import {
  AuthorityMetadataCache,
  authorityMetadataKey,
} from '../../../../../electron/services/authorize/authority-metadata';

const HOST = 'login.test.example';
const AUTHORITY = `https://${HOST}/contoso.test`;

function discoveryDocument(issuerHost = HOST) {
  return {
    authorization_endpoint: `https://${HOST}/contoso.test/oauth2/v2.0/authorize`,
    token_endpoint: `https://${HOST}/contoso.test/oauth2/v2.0/token`,
    end_session_endpoint: `https://${HOST}/contoso.test/oauth2/v2.0/logout`,
    issuer: `https://${issuerHost}/contoso.test/v2.0`,
    jwks_uri: `https://${HOST}/contoso.test/discovery/v2.0/keys`,
  };
}

/** Answers the discovery document for any GET and counts the requests. */
function fakeNetwork(doc: object = discoveryDocument()): INetworkModule & { gets: string[] } {
  const gets: string[] = [];
  return {
    gets,
    sendGetRequestAsync: <T>(url: string, _o?: NetworkRequestOptions): Promise<NetworkResponse<T>> => {
      gets.push(url);
      return Promise.resolve({ headers: {}, body: doc as T, status: 200 });
    },
    sendPostRequestAsync: <T>(): Promise<NetworkResponse<T>> => Promise.reject(new Error('no POST expected')),
  };
}

function msalFor(network: INetworkModule, authorityMetadata?: string, authority = AUTHORITY) {
  return new ConfidentialClientApplication({
    auth: {
      clientId: '11111111-1111-1111-1111-111111111111',
      authority,
      clientSecret: 'secret',
      knownAuthorities: [new URL(authority).host],
      ...(authorityMetadata === undefined ? {} : { authorityMetadata }),
    },
    system: { networkClient: network },
  });
}

const authUrl = (msal: ConfidentialClientApplication) =>
  msal.getAuthCodeUrl({ scopes: ['openid'], redirectUri: 'https://product.test/callback', state: 's', nonce: 'n' });

describe('AuthorityMetadataCache', () => {
  it('learns what MSAL discovered; a second client given it asks the network nothing and builds the same URL', async () => {
    const cache = new AuthorityMetadataCache();
    const key = authorityMetadataKey(AUTHORITY, undefined, '');
    expect(cache.get(key)).toBeUndefined();
    const net = fakeNetwork();
    const first = msalFor(net);
    const url1 = new URL(await authUrl(first));
    expect(net.gets.filter((u) => u.includes('openid-configuration'))).toHaveLength(1);
    expect(cache.learn(key, AUTHORITY, first)).toBe(true);
    const metadata = cache.get(key);
    expect(JSON.parse(metadata ?? '{}')).toEqual(discoveryDocument());

    const net2 = fakeNetwork();
    const url2 = new URL(await authUrl(msalFor(net2, metadata)));
    expect(net2.gets).toEqual([]);
    expect(url2.origin + url2.pathname).toBe(url1.origin + url1.pathname);
    expect(url2.searchParams.get('client_id')).toBe(url1.searchParams.get('client_id'));
  });

  it('keeps it for its time to live only, and forgets it on request', async () => {
    let now = 1_000_000;
    const cache = new AuthorityMetadataCache({ ttlMs: 60_000, now: () => now });
    const key = authorityMetadataKey(AUTHORITY, undefined, '');
    const msal = msalFor(fakeNetwork());
    await authUrl(msal);
    expect(cache.learn(key, AUTHORITY, msal)).toBe(true);
    now += 59_999;
    expect(cache.get(key)).toBeDefined();
    now += 1;
    expect(cache.get(key)).toBeUndefined();
    expect(cache.learn(key, AUTHORITY, msal)).toBe(true);
    cache.forget(key);
    expect(cache.get(key)).toBeUndefined();
  });

  it('holds a few authorities, dropping the oldest', async () => {
    const cache = new AuthorityMetadataCache({ maxEntries: 2 });
    const keys: string[] = [];
    for (const tenant of ['a.test', 'b.test', 'c.test']) {
      const authority = `https://${HOST}/${tenant}`;
      const msal = msalFor(fakeNetwork(), undefined, authority);
      await authUrl(msal);
      keys.push(authorityMetadataKey(authority, undefined, ''));
      expect(cache.learn(keys.at(-1) ?? '', authority, msal)).toBe(true);
    }
    expect(keys.map((k) => cache.get(k) !== undefined)).toEqual([false, true, true]);
  });

  it('learns nothing MSAL did not discover itself: given metadata, another authority, no discovery yet, no storage', async () => {
    const cache = new AuthorityMetadataCache();
    const key = authorityMetadataKey(AUTHORITY, undefined, '');
    // Configured metadata is not "from the network": MSAL did not validate it, so it is never learnt from.
    const configured = msalFor(fakeNetwork(), JSON.stringify(discoveryDocument()));
    await authUrl(configured);
    expect(cache.learn(key, AUTHORITY, configured)).toBe(false);
    const other = msalFor(fakeNetwork(), undefined, `https://${HOST}/other.test`);
    await authUrl(other);
    expect(cache.learn(key, AUTHORITY, other)).toBe(false);
    expect(cache.learn(key, AUTHORITY, msalFor(fakeNetwork()))).toBe(false);
    expect(cache.learn(key, AUTHORITY, {})).toBe(false);
    expect(cache.get(key)).toBeUndefined();
  });

  it('an issuer MSAL refuses is never learnt (its discovery fails first)', async () => {
    const cache = new AuthorityMetadataCache();
    const key = authorityMetadataKey(AUTHORITY, undefined, '');
    const msal = msalFor(fakeNetwork(discoveryDocument('evil.example')));
    await expect(authUrl(msal)).rejects.toThrow();
    expect(cache.learn(key, AUTHORITY, msal)).toBe(false);
  });

  it('keys by authority (case and trailing slash aside), CA and proxy', () => {
    const k = authorityMetadataKey(AUTHORITY, undefined, '');
    expect(authorityMetadataKey(`${AUTHORITY.toUpperCase()}/`, undefined, '')).toBe(k);
    expect(authorityMetadataKey(AUTHORITY, 'PEM', '')).not.toBe(k);
    expect(authorityMetadataKey(AUTHORITY, undefined, 'http://proxy:3128')).not.toBe(k);
  });
});
