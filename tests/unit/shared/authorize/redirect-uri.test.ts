// The redirect catch must match the registered redirect URI exactly: a lookalike host, another port or
// path, or a prefix trick must never be mistaken for the product's redirect.
import { describe, expect, it } from 'vitest';
import {
  matchesRedirectUri,
  parseRedirectUri,
  readAuthorizationResponse,
} from '../../../../shared/authorize/redirect-uri';

const registered = new URL('https://acme.service-now.example/oauth_redirect.do');

describe('matchesRedirectUri', () => {
  it.each([
    'https://acme.service-now.example/oauth_redirect.do?code=abc&state=xyz',
    'https://acme.service-now.example:443/oauth_redirect.do?code=abc',
    'https://ACME.Service-Now.example/oauth_redirect.do?error=access_denied',
  ])('catches %s', (url) => expect(matchesRedirectUri(url, registered)).toBe(true));

  it.each([
    ['lookalike host (prefix trick)', 'https://acme.service-now.example.evil.test/oauth_redirect.do?code=abc'],
    ['suffix host', 'https://evilacme.service-now.example/oauth_redirect.do?code=abc'],
    ['subdomain', 'https://x.acme.service-now.example/oauth_redirect.do?code=abc'],
    ['userinfo host trick', 'https://acme.service-now.example@evil.test/oauth_redirect.do?code=abc'],
    ['userinfo on the real host', 'https://user@acme.service-now.example/oauth_redirect.do?code=abc'],
    ['http instead of https', 'http://acme.service-now.example/oauth_redirect.do?code=abc'],
    ['other port', 'https://acme.service-now.example:8443/oauth_redirect.do?code=abc'],
    ['longer path', 'https://acme.service-now.example/oauth_redirect.do/extra?code=abc'],
    ['path prefix', 'https://acme.service-now.example/oauth_redirect.doX?code=abc'],
    ['trailing slash', 'https://acme.service-now.example/oauth_redirect.do/?code=abc'],
    ['path case', 'https://acme.service-now.example/OAUTH_REDIRECT.DO?code=abc'],
    ['not a URL', 'oauth_redirect.do?code=abc'],
  ])('does not catch a %s', (_name, url) => expect(matchesRedirectUri(url, registered)).toBe(false));
});

describe('parseRedirectUri', () => {
  it('accepts an https product callback', () => {
    expect(parseRedirectUri('https://acme.service-now.example/oauth_redirect.do').ok).toBe(true);
  });
  it.each([
    ['https://user:pw@acme.service-now.example/cb', 'REDIRECT_URI_USERINFO'],
    ['https://acme.service-now.example/cb#frag', 'REDIRECT_URI_FRAGMENT'],
    ['https://acme.service-now.example/cb#', 'REDIRECT_URI_FRAGMENT'],
    ['javascript:alert(1)', 'REDIRECT_URI_SCHEME'],
    ['/oauth_redirect.do', 'REDIRECT_URI_INVALID'],
  ])('refuses %s with %s', (uri, code) => {
    const r = parseRedirectUri(uri);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe(code);
      expect(r.nextStep.length).toBeGreaterThan(10);
    }
  });
});

describe('readAuthorizationResponse', () => {
  it('reads query parameters (response_mode=query)', () => {
    expect(readAuthorizationResponse('https://x.example/cb?code=C&state=S')).toEqual({ code: 'C', state: 'S' });
  });
  it('prefers the form body (response_mode=form_post)', () => {
    expect(readAuthorizationResponse('https://x.example/cb', 'code=C2&state=S2&session_state=z')).toEqual({
      code: 'C2',
      state: 'S2',
    });
  });
  it('reads an error with its description', () => {
    const r = readAuthorizationResponse(
      'https://x.example/cb?error=invalid_request&error_description=AADSTS50011%3A+The+redirect+URI&state=S',
    );
    expect(r).toMatchObject({
      error: 'invalid_request',
      errorDescription: 'AADSTS50011: The redirect URI',
      state: 'S',
    });
  });
});
