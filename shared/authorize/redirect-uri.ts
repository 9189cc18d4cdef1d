// The product's redirect URI: parsing with the refusals Entra ID and our interception need, and the exact
// match used to catch the redirect (scheme, host, port, path — no prefix tricks, no lookalike hosts).
export type RedirectParse =
  | { ok: true; url: URL }
  | {
      ok: false;
      code: 'REDIRECT_URI_INVALID' | 'REDIRECT_URI_USERINFO' | 'REDIRECT_URI_FRAGMENT' | 'REDIRECT_URI_SCHEME';
      message: string;
      nextStep: string;
    };

export function parseRedirectUri(value: string): RedirectParse {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return {
      ok: false,
      code: 'REDIRECT_URI_INVALID',
      message: 'The redirect URI is not an absolute URL.',
      nextStep: 'Copy the Redirect URI exactly as registered on the app registration (Authentication → Web).',
    };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return {
      ok: false,
      code: 'REDIRECT_URI_SCHEME',
      message: `The redirect URI uses ${url.protocol}, which a Web platform redirect cannot use.`,
      nextStep: 'Use the product’s https callback URL.',
    };
  }
  // WHATWG drops an empty userinfo ("https://@host", "https://:@host"): look at the raw authority too.
  const rawAuthority = /^[A-Za-z][A-Za-z0-9+.-]*:[\\/]{2}([^\\/?#]*)/.exec(value.trim())?.[1] ?? '';
  if (url.username !== '' || url.password !== '' || rawAuthority.includes('@')) {
    return {
      ok: false,
      code: 'REDIRECT_URI_USERINFO',
      message: 'The redirect URI contains a user name or password before the host.',
      nextStep: 'Remove the "user@" part; Entra ID refuses such redirect URIs.',
    };
  }
  if (value.includes('#')) {
    return {
      ok: false,
      code: 'REDIRECT_URI_FRAGMENT',
      message: 'The redirect URI contains a fragment (#…).',
      nextStep: 'Remove everything from "#"; redirect URIs cannot carry fragments.',
    };
  }
  return { ok: true, url };
}

const defaultPort = (protocol: string): string => (protocol === 'https:' ? '443' : protocol === 'http:' ? '80' : '');

/**
 * True when `candidate` is a request to the registered redirect URI: same scheme, host, port and path
 * (query ignored — the response parameters live there). Host compare is case-insensitive (URL lowercases
 * it), path is case-sensitive as Entra ID's match is.
 */
export function matchesRedirectUri(candidate: string, registered: URL): boolean {
  let u: URL;
  try {
    u = new URL(candidate);
  } catch {
    return false;
  }
  if (u.username !== '' || u.password !== '') return false;
  return (
    u.protocol === registered.protocol &&
    u.hostname === registered.hostname &&
    (u.port || defaultPort(u.protocol)) === (registered.port || defaultPort(registered.protocol)) &&
    u.pathname === registered.pathname
  );
}

/** The OAuth response carried by a redirect: query (response_mode=query) or form body (form_post). */
export interface AuthorizationResponse {
  readonly code?: string;
  readonly state?: string;
  readonly error?: string;
  readonly errorDescription?: string;
  readonly errorUri?: string;
}

export function readAuthorizationResponse(callbackUrl: string, formBody?: string): AuthorizationResponse {
  const params = new URL(callbackUrl).searchParams;
  const form = formBody === undefined ? undefined : new URLSearchParams(formBody);
  const get = (k: string): string | undefined => form?.get(k) ?? params.get(k) ?? undefined;
  const out: Record<string, string> = {};
  const code = get('code');
  const state = get('state');
  const error = get('error');
  const errorDescription = get('error_description');
  const errorUri = get('error_uri');
  if (code !== undefined) out.code = code;
  if (state !== undefined) out.state = state;
  if (error !== undefined) out.error = error;
  if (errorDescription !== undefined) out.errorDescription = errorDescription;
  if (errorUri !== undefined) out.errorUri = errorUri;
  return out;
}
