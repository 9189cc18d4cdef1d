// Lint rules on the redirect URI: missing, not absolute, http, localhost for a server-side product, fragment
// or query, and the host, trailing slash, letter case, path and port against the product's callback template.
import { parseUrl, type ParsedUrl } from '../url-parse';
import { fieldLabel, type LintContext, type LintRule } from './context';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The redirect URI when it is an absolute http(s) URL. */
function redirectUrl(c: LintContext): ParsedUrl | undefined {
  if (c.redirect === '') return undefined;
  const u = parseUrl(c.redirect);
  return u && (u.protocol === 'https:' || u.protocol === 'http:') ? u : undefined;
}

/** The product template split into the fixed host suffix (".servicely.ai" or "") and the exact path. */
function templateParts(c: LintContext): { hostSuffix: string; path: string } | undefined {
  const t = c.preset.redirect.template;
  if (t === undefined) return undefined;
  const m = /^https:\/\/\{instance\}([^/]*)(\/.*)$/.exec(t);
  return m ? { hostSuffix: m[1] ?? '', path: m[2] ?? '/' } : undefined;
}

/**
 * How to get the product's redirect URI, with the pattern the instructions refer to ("Replace {instance} …" is only
 * clear next to https://{instance}/oauth_redirect.do) and a filled-in example where the preset has one.
 */
function fillHint(c: LintContext): string {
  const r = c.preset.redirect;
  if (r.template === undefined) return r.howToFill;
  const example =
    r.instanceExample === undefined ? '' : ` (e.g. ${r.template.replace('{instance}', r.instanceExample)})`;
  return `The pattern is ${r.template}${example}. ${r.howToFill}`;
}

export const REDIRECT_RULES: readonly LintRule[] = [
  {
    code: 'REDIRECT_MISSING',
    severity: 'error',
    field: 'redirectUri',
    summary: 'No redirect URI.',
    check: (c) =>
      c.redirect === '' ? { message: `${fieldLabel(c, 'redirectUri')} is empty.`, nextStep: fillHint(c) } : undefined,
  },
  {
    code: 'REDIRECT_INVALID',
    severity: 'error',
    field: 'redirectUri',
    summary: 'Redirect URI is not an absolute URL.',
    check: (c) =>
      c.redirect !== '' && redirectUrl(c) === undefined
        ? {
            message: `${fieldLabel(c, 'redirectUri')} is not an absolute URL (https://host/path).`,
            nextStep: fillHint(c),
          }
        : undefined,
  },
  {
    code: 'REDIRECT_NOT_HTTPS',
    severity: 'error',
    field: 'redirectUri',
    summary: 'Redirect URI uses http (not localhost).',
    check: (c) => {
      const u = redirectUrl(c);
      return u && u.protocol === 'http:' && !LOCAL_HOSTS.has(u.hostname)
        ? {
            message: `${fieldLabel(c, 'redirectUri')} uses http; Entra accepts http only for localhost, and the product's callback must be the exact https URL.`,
            nextStep: `Use https://${u.host}${u.pathname} here and in the app registration.`,
          }
        : undefined;
    },
  },
  {
    code: 'REDIRECT_LOCALHOST',
    severity: 'error',
    field: 'redirectUri',
    summary: 'http://localhost redirect for a server-side (Web platform) product.',
    check: (c) => {
      const u = redirectUrl(c);
      if (!u || !LOCAL_HOSTS.has(u.hostname)) return undefined;
      const generic = c.preset.id === 'generic';
      return {
        severity: generic ? 'warning' : 'error',
        message: `${fieldLabel(c, 'redirectUri')} points at ${u.hostname}: the browser would hand the code to the admin's own machine, not to ${generic ? 'a server-side product' : c.preset.label}.`,
        nextStep: generic
          ? 'Use localhost only for a script that listens on that port on the same machine; otherwise use the product URL.'
          : fillHint(c),
      };
    },
  },
  {
    code: 'REDIRECT_FRAGMENT_OR_QUERY',
    severity: 'warning',
    field: 'redirectUri',
    summary: 'Redirect URI with a #fragment or ?query.',
    check: (c) => {
      const u = redirectUrl(c);
      if (!u) return undefined;
      if (u.hash)
        return {
          severity: 'error',
          message: `${fieldLabel(c, 'redirectUri')} contains a #fragment, which Entra does not allow in redirect URIs.`,
          nextStep: 'Remove everything from # on.',
        };
      if (u.search)
        return {
          message: `${fieldLabel(c, 'redirectUri')} has a query string; it must match the registered URI exactly, query included.`,
          nextStep:
            'Register exactly this URI including the query, or remove the query if the product does not send it.',
        };
      return undefined;
    },
  },
  {
    code: 'REDIRECT_HOST_MISMATCH',
    severity: 'warning',
    field: 'redirectUri',
    summary: 'Redirect host does not fit the product template.',
    check: (c) => {
      const t = templateParts(c);
      const u = redirectUrl(c);
      if (!t || !u || t.hostSuffix === '' || LOCAL_HOSTS.has(u.hostname) || u.hostname.endsWith(t.hostSuffix))
        return undefined;
      return {
        message: `${c.preset.label} callbacks are on *${t.hostSuffix}, but ${fieldLabel(c, 'redirectUri')} is on ${u.hostname}.`,
        nextStep: fillHint(c),
      };
    },
  },
  {
    code: 'REDIRECT_TRAILING_SLASH',
    severity: 'error',
    field: 'redirectUri',
    summary: 'Trailing slash where the product template has none.',
    check: (c) => {
      const t = templateParts(c);
      const u = redirectUrl(c);
      return t && u && u.pathname === `${t.path}/`
        ? {
            message: `${fieldLabel(c, 'redirectUri')} ends with a slash; ${c.preset.label} sends ${t.path} without one, and Entra compares redirect URIs character for character.`,
            nextStep: `Use ${u.origin}${t.path} (without the trailing slash) in the product, and make sure exactly that URI is listed under Authentication > Web > Redirect URIs.`,
          }
        : undefined;
    },
  },
  {
    code: 'REDIRECT_PATH_CASE',
    severity: 'error',
    field: 'redirectUri',
    summary: 'Redirect path differs only in letter case from the template.',
    check: (c) => {
      const t = templateParts(c);
      const u = redirectUrl(c);
      return t && u && u.pathname !== t.path && u.pathname.toLowerCase() === t.path.toLowerCase()
        ? {
            message: `The path ${u.pathname} differs in letter case from ${t.path}; redirect URI paths are case-sensitive (AADSTS50011).`,
            nextStep: `Use ${u.origin}${t.path}`,
          }
        : undefined;
    },
  },
  {
    code: 'REDIRECT_PATH_MISMATCH',
    severity: 'error',
    field: 'redirectUri',
    summary: 'Redirect path is not the product callback path.',
    check: (c) => {
      const t = templateParts(c);
      const u = redirectUrl(c);
      if (!t || !u || LOCAL_HOSTS.has(u.hostname)) return undefined;
      const p = u.pathname;
      if (p === t.path || p === `${t.path}/` || p.toLowerCase() === t.path.toLowerCase()) return undefined;
      return {
        severity: c.preset.redirect.templateVerified ? 'error' : 'warning',
        message: `${c.preset.label} receives the code at ${t.path}, but ${fieldLabel(c, 'redirectUri')} has the path ${p}.`,
        nextStep: `Use ${u.origin}${t.path} (${c.preset.redirect.howToFill})`,
      };
    },
  },
  {
    code: 'REDIRECT_PORT',
    severity: 'warning',
    field: 'redirectUri',
    summary: 'Explicit port where the product template has none.',
    check: (c) => {
      const t = templateParts(c);
      const u = redirectUrl(c);
      if (!t || !u || LOCAL_HOSTS.has(u.hostname)) return undefined;
      return u.port !== ''
        ? {
            message: `${fieldLabel(c, 'redirectUri')} names a port (${u.port}); the product's callback has none, and Entra compares the port as written.`,
            nextStep: `Use ${u.protocol}//${u.hostname}${u.pathname} unless the product really shows that port.`,
          }
        : undefined;
    },
  },
];
