// The pure parts of the authorize flow: state comparison, OAuth/MSAL error mapping, the refresh token
// from MSAL's cache, scope grouping, authority resolution, the token store.
import { describe, expect, it } from 'vitest';
import { ServerError } from '@azure/msal-node';
import {
  authorityFor,
  fromMsalError,
  oauthError,
  readEntraError,
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

describe('MSAL’s token-endpoint error: one headline, the description once', () => {
  // What Entra answers at the token endpoint (entra-docs v2-oauth2-auth-code-flow.md, "Error response") and what
  // MSAL makes of it: ResponseHandler.validateTokenResponse builds "Error(s): <codes> - Timestamp: … - Description:
  // <error_description> - Correlation ID: … - Trace ID: …" and ServerError prefixes the code to `message`.
  const description =
    "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '9247ff64-4fa2-4b31-9d1d-d624d2ea2cda'.\r\nTrace ID: 0000aaaa-11bb-cccc-dd22-eeeeee333333\r\nCorrelation ID: aaaa0000-bb11-2222-33cc-444444dddddd\r\nTimestamp: 2026-01-09 02:02:12Z";
  const msalError = new ServerError(
    'invalid_client',
    'aaaa0000-bb11-2222-33cc-444444dddddd',
    `Error(s): 7000215 - Timestamp: 2026-01-09 02:02:12Z - Description: ${description} - Correlation ID: aaaa0000-bb11-2222-33cc-444444dddddd - Trace ID: 0000aaaa-11bb-cccc-dd22-eeeeee333333`,
    '',
    '7000215',
    401,
  );

  it('the headline is Entra’s sentence, not "Error(s): 7000215 -"', () => {
    const e = fromMsalError(msalError);
    expect(e.code).toBe('AADSTS7000215');
    expect(e.message).toMatch(/^Invalid client secret provided\. Ensure the secret being sent/);
    expect(e.message).not.toMatch(/Error\(s\)|Timestamp|Trace ID|Correlation ID/);
  });

  it('the detail carries the AADSTS text once, with the support ids once each', () => {
    const detail = fromMsalError(msalError).toAppError().detail ?? '';
    expect(detail.match(/AADSTS7000215/g)?.length).toBe(1);
    expect(detail.match(/Invalid client secret provided/g)?.length).toBe(1);
    expect(detail.match(/0000aaaa-11bb-cccc-dd22-eeeeee333333/g)?.length).toBe(1);
    expect(detail.match(/aaaa0000-bb11-2222-33cc-444444dddddd/g)?.length).toBe(1);
    expect(detail).not.toContain('Error(s)');
  });

  it('an error_description without an AADSTS code keeps the OAuth error and its words', () => {
    const e = fromMsalError(
      new ServerError(
        'invalid_grant',
        '',
        'Error(s): N/A - Timestamp: N/A - Description: grant expired - Correlation ID: N/A - Trace ID: N/A',
      ),
    );
    expect(e.code).toBe('OAUTH_INVALID_GRANT');
    expect(e.message).toBe('grant expired');
  });
});

describe('readEntraError', () => {
  it('stops the sentence at the sign-in page’s "Request Id" / "Correlation Id" as at the token endpoint’s spellings', () => {
    // Entra's sign-in error page lists its troubleshooting details as "Request Id:", "Correlation Id:", "Timestamp:".
    const page =
      "AADSTS50011: The redirect URI 'https://x.example/cb/' specified in the request does not match the redirect URIs configured for the application. Request Id: 0000aaaa-11bb Correlation Id: aaaa0000-bb11 Timestamp: 2026-01-09 02:02:12Z";
    const r = readEntraError(page);
    expect(r.aadsts).toBe(50011);
    expect(r.sentence).toMatch(/^The redirect URI .* configured for the application\.$/);
    expect(readEntraError('AADSTS50011: Wrong. correlation id: x').sentence).toBe('Wrong.');
    // The earliest label wins, whichever comes first.
    expect(readEntraError('AADSTS7000215: Bad. Correlation ID: a Trace ID: b').sentence).toBe('Bad.');
    expect(readEntraError('AADSTS7000215: Bad. Timestamp: t Request Id: r').sentence).toBe('Bad.');
    // The description keeps them, once.
    expect(r.description).toContain('Request Id: 0000aaaa-11bb');
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
    const store = new TokenStore({ maxSets: 2 });
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
