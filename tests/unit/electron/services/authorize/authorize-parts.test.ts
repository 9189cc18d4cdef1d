// The pure parts of the authorize flow: state comparison, OAuth/MSAL error mapping, the refresh token
// from MSAL's cache, scope grouping, authority resolution, the token store.
import { describe, expect, it } from 'vitest';
import {
  authorityFor,
  fromMsalError,
  oauthError,
  refreshTokenFromCache,
  stateMatches,
} from '../../../../../electron/services/authorize/authorize-service';
import { TokenStore } from '../../../../../electron/services/tokens/token-store';
import { groupScopes, resourceOfScope } from '../../../../../shared/cloud/scopes';

describe('stateMatches', () => {
  it('accepts only the exact state', () => {
    expect(stateMatches('abcDEF123', 'abcDEF123')).toBe(true);
    expect(stateMatches('abcDEF123', 'abcDEF124')).toBe(false);
    expect(stateMatches('abcDEF123', 'abcDEF12')).toBe(false);
    expect(stateMatches('abcDEF123', '')).toBe(false);
    expect(stateMatches('abcDEF123', undefined)).toBe(false);
  });
});

describe('OAuth and MSAL errors keep Entra’s code and lose every secret', () => {
  it('maps a redirect error to its AADSTS code and first line', () => {
    const e = oauthError(
      'invalid_request',
      "AADSTS50011: The redirect URI 'https://x/cb' specified in the request does not match.\r\nTrace ID: 1\r\nCorrelation ID: 2",
      'redirect',
    );
    expect(e.code).toBe('AADSTS50011');
    expect(e.message).toContain('redirect URI');
    expect(e.message).not.toContain('Trace ID');
  });
  it('falls back to the OAuth error name when there is no AADSTS code', () => {
    expect(oauthError('access_denied', 'The user cancelled.', 'redirect').code).toBe('OAUTH_ACCESS_DENIED');
  });
  it('maps MSAL server errors and network failures', () => {
    expect(
      fromMsalError({ errorCode: 'invalid_client', errorMessage: 'AADSTS7000215: Invalid client secret provided.' })
        .code,
    ).toBe('AADSTS7000215');
    expect(fromMsalError(new Error('connect ECONNREFUSED 127.0.0.1:1')).code).toBe('IDP_UNREACHABLE');
    expect(fromMsalError(new Error('self-signed certificate in certificate chain')).code).toBe('IDP_TLS');
    const redacted = fromMsalError(new Error('boom refresh_token=0.AAAAsecretsecretsecretsecretsecretsecretsecret'));
    expect(redacted.message).not.toContain('secretsecret');
  });
});

describe('refreshTokenFromCache', () => {
  it('reads the refresh token MSAL serialised', () => {
    const cache = JSON.stringify({
      RefreshToken: { 'k-1': { secret: '0.AAA-refresh', credential_type: 'RefreshToken' } },
    });
    expect(refreshTokenFromCache(cache)).toBe('0.AAA-refresh');
  });
  it('is undefined when there is none or the cache is not JSON', () => {
    expect(refreshTokenFromCache(JSON.stringify({ RefreshToken: {} }))).toBeUndefined();
    expect(refreshTokenFromCache('not json')).toBeUndefined();
  });
});

describe('scope grouping', () => {
  it('splits Outlook and Graph scopes into one group per resource, OIDC apart', () => {
    const g = groupScopes(
      'https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office.com/SMTP.Send offline_access openid https://graph.microsoft.com/Mail.Read User.Read',
    );
    expect(g.byResource).toEqual([
      {
        resource: 'https://outlook.office.com',
        scopes: ['https://outlook.office.com/IMAP.AccessAsUser.All', 'https://outlook.office.com/SMTP.Send'],
      },
      { resource: 'https://graph.microsoft.com', scopes: ['https://graph.microsoft.com/Mail.Read', 'User.Read'] },
    ]);
    expect(g.oidc).toEqual(['offline_access', 'openid']);
  });
  it('knows GUID resources and custom hosts', () => {
    expect(resourceOfScope('00000002-0000-0ff1-ce00-000000000000/IMAP.AccessAsUser.All')).toBe(
      '00000002-0000-0ff1-ce00-000000000000',
    );
    expect(resourceOfScope('https://localhost:8443/outlook/IMAP.AccessAsUser.All')).toBe(
      'https://localhost:8443/outlook',
    );
    expect(resourceOfScope('Mail.Send', 'https://graph.microsoft.us')).toBe('https://graph.microsoft.us');
  });
});

describe('authorityFor', () => {
  it('uses the cloud’s login host or the custom authority', () => {
    expect(authorityFor({ cloud: 'global', tenant: 'contoso.com' })).toEqual({
      authority: 'https://login.microsoftonline.com/contoso.com',
      host: 'login.microsoftonline.com',
    });
    expect(authorityFor({ cloud: 'usgov-high', tenant: 't' }).host).toBe('login.microsoftonline.us');
    expect(
      authorityFor({
        cloud: 'custom',
        tenant: 'contoso.test',
        customAuthority: {
          authorityHost: 'localhost:8443',
          graphHost: 'localhost:8443',
          outlookResourceHost: 'localhost:8443',
        },
      }).authority,
    ).toBe('https://localhost:8443/contoso.test');
  });
});

describe('TokenStore', () => {
  it('keeps sets by random id and drops the oldest beyond its cap', () => {
    const store = new TokenStore(2);
    const a = store.put({ accessTokens: [{ value: 'a' }] });
    const b = store.put({ accessTokens: [{ value: 'b' }] });
    expect(a.id).not.toBe(b.id);
    store.put({ accessTokens: [{ value: 'c' }] });
    expect(store.get(a.id)).toBeUndefined();
    expect(store.get(b.id)?.accessTokens[0]?.value).toBe('b');
    expect(store.size).toBe(2);
    store.clear();
    expect(store.size).toBe(0);
  });
});
