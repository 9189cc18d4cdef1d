// Owns the product session's view of a Microsoft authorize request: recognising one (any cloud's login host,
// legacy hosts, v1 and v2 paths, tenant in the path, plus custom authority hosts such as the emulator),
// reading its OAuth parameters, and rewriting it to force a fresh sign-in. The rewrite works on the raw query
// string, part by part, so every parameter it does not own (state, PKCE, nonce, scope…) keeps its exact bytes,
// order and encoding; re-serialising through URLSearchParams would re-encode them.
import { LOGIN_HOSTS, cloudForLoginHost, type CloudId } from '../cloud/clouds';

/** Login hosts of every cloud (current and legacy) and Microsoft's alias login.microsoft.com. */
export const MICROSOFT_LOGIN_HOSTS: readonly string[] = [...LOGIN_HOSTS, 'login.microsoft.com'].filter(
  (h, i, all) => all.indexOf(h) === i,
);

const AUTHORIZE_PATH_RE = /^\/([^/?#]+)\/oauth2\/(v2\.0\/)?authorize\/?$/i;
// The fragment takes anything ([\s\S], not .), so the final $ cannot fail and send the two path groups backtracking.
const URL_PARTS_RE = /^(https?):\/\/([^/?#]*)([^?#]*)(\?[^#]*)?(#[\s\S]*)?$/i;

export interface ObservedAuthorizeRequest {
  /** host[:port] as requested, lower-cased. */
  readonly host: string;
  /** The cloud of a Microsoft login host; 'custom' for a configured custom authority host. */
  readonly cloud: CloudId;
  readonly version: 'v1' | 'v2';
  /** The tenant path segment: a GUID, a domain, common, organizations or consumers. */
  readonly tenant: string;
  /** The endpoint without its query: https://host/tenant/oauth2/v2.0/authorize */
  readonly endpoint: string;
  readonly clientId?: string;
  readonly redirectUri?: string;
  /** The scope parameter decoded, separators and all (a comma-separated value stays comma-separated). */
  readonly scope?: string;
  /** v1 only: the resource parameter. */
  readonly resource?: string;
  readonly prompt?: string;
  readonly loginHint?: string;
  readonly responseType?: string;
  readonly responseMode?: string;
  /** Whether the request carries a PKCE challenge and a state (values never kept). */
  readonly hasPkce: boolean;
  readonly hasState: boolean;
}

interface RawPart {
  /** The part exactly as it appears between '&'s. */
  readonly raw: string;
  /** The decoded key ('' for an empty part). */
  readonly key: string;
  readonly value: string;
}

function decodeComponent(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

function splitQuery(query: string): RawPart[] {
  if (query === '') return [];
  return query.split('&').map((raw) => {
    const i = raw.indexOf('=');
    return {
      raw,
      key: decodeComponent(i < 0 ? raw : raw.slice(0, i)),
      value: i < 0 ? '' : decodeComponent(raw.slice(i + 1)),
    };
  });
}

interface UrlParts {
  readonly scheme: string;
  readonly authority: string;
  readonly path: string;
  /** The query without its '?', or undefined when the URL has no '?'. */
  readonly query: string | undefined;
  /** The fragment with its '#', or ''. */
  readonly fragment: string;
}

function splitUrl(url: string): UrlParts | undefined {
  const m = URL_PARTS_RE.exec(url);
  if (!m) return undefined;
  return {
    scheme: (m[1] ?? '').toLowerCase(),
    authority: m[2] ?? '',
    path: m[3] ?? '',
    query: m[4] === undefined ? undefined : m[4].slice(1),
    fragment: m[5] ?? '',
  };
}

export interface RecogniseOptions {
  /** host[:port] of custom authorities to treat like Microsoft's (the emulator, a test tenant). */
  readonly customHosts?: readonly string[];
}

/** The authorize request this URL is, or undefined for any other URL (the fast path for every request). */
export function parseAuthorizeRequest(
  url: string,
  options: RecogniseOptions = {},
): ObservedAuthorizeRequest | undefined {
  const parts = splitUrl(url);
  if (!parts || parts.scheme !== 'https') return undefined;
  if (parts.authority.includes('@')) return undefined;
  const host = parts.authority.toLowerCase();
  const hostname = host.replace(/:443$/, '');
  const known = cloudForLoginHost(hostname) ?? (MICROSOFT_LOGIN_HOSTS.includes(hostname) ? 'global' : undefined);
  const custom = (options.customHosts ?? []).some((h) => h.toLowerCase() === host || h.toLowerCase() === hostname);
  if (known === undefined && !custom) return undefined;
  const m = AUTHORIZE_PATH_RE.exec(parts.path);
  if (!m) return undefined;
  const q = new Map<string, string>();
  for (const p of splitQuery(parts.query ?? '')) if (!q.has(p.key)) q.set(p.key, p.value);
  const opt = (k: string, name: string): Record<string, string> => (q.has(k) ? { [name]: q.get(k) ?? '' } : {});
  return {
    host,
    cloud: known ?? 'custom',
    version: m[2] ? 'v2' : 'v1',
    tenant: decodeComponent(m[1] ?? ''),
    endpoint: `https://${parts.authority}${parts.path}`,
    ...opt('client_id', 'clientId'),
    ...opt('redirect_uri', 'redirectUri'),
    ...opt('scope', 'scope'),
    ...opt('resource', 'resource'),
    ...opt('prompt', 'prompt'),
    ...opt('login_hint', 'loginHint'),
    ...opt('response_type', 'responseType'),
    ...opt('response_mode', 'responseMode'),
    hasPkce: q.has('code_challenge'),
    hasState: q.has('state'),
  } as ObservedAuthorizeRequest;
}

export interface RewriteChange {
  readonly param: 'prompt' | 'login_hint';
  /** The decoded value before (undefined when the parameter was absent). */
  readonly before: string | undefined;
  readonly after: string;
}

export interface RewriteResult {
  /** The rewritten URL; equal to the input when nothing had to change. */
  readonly url: string;
  readonly changed: boolean;
  readonly changes: readonly RewriteChange[];
}

/** Form encoding of a value as Entra reads it (encodeURIComponent; '@' becomes %40). */
const encodeValue = (v: string): string => encodeURIComponent(v);

/**
 * Sets prompt=login and login_hint=<mailbox> on an authorize URL. The first occurrence of each is replaced in
 * place (later duplicates are dropped, so the value Entra reads is ours); a missing one is appended at the end.
 * Every other part of the query, and the fragment, is copied byte for byte. A part already carrying the wanted
 * value is left untouched, so rewriting twice changes nothing the second time.
 */
export function rewriteAuthorizeUrl(url: string, mailbox: string): RewriteResult {
  const parts = splitUrl(url);
  if (!parts) return { url, changed: false, changes: [] };
  const wanted: readonly (readonly ['prompt' | 'login_hint', string])[] = [
    ['prompt', 'login'],
    ['login_hint', mailbox],
  ];
  const query = splitQuery(parts.query ?? '');
  const out: string[] = [];
  const seen = new Set<string>();
  const changes: RewriteChange[] = [];
  for (const p of query) {
    const w = wanted.find(([k]) => k === p.key);
    if (!w) {
      out.push(p.raw);
      continue;
    }
    if (seen.has(w[0])) {
      // A duplicate after the one we set: Entra might read it instead, so it goes.
      changes.push({ param: w[0], before: p.value, after: w[1] });
      continue;
    }
    seen.add(w[0]);
    if (p.value === w[1]) out.push(p.raw);
    else {
      out.push(`${w[0]}=${encodeValue(w[1])}`);
      changes.push({ param: w[0], before: p.value, after: w[1] });
    }
  }
  for (const [k, v] of wanted) {
    if (seen.has(k)) continue;
    out.push(`${k}=${encodeValue(v)}`);
    changes.push({ param: k, before: undefined, after: v });
  }
  if (changes.length === 0) return { url, changed: false, changes: [] };
  const rewritten = `${parts.scheme === 'https' ? url.slice(0, 5) : url.slice(0, 4)}://${parts.authority}${parts.path}?${out.join('&')}${parts.fragment}`;
  return { url: rewritten, changed: true, changes };
}

/** The raw query parts of a URL in order (for tests and the timeline's parameter list). */
export function rawQueryParts(url: string): readonly string[] {
  const q = splitUrl(url)?.query;
  return q === undefined || q === '' ? [] : q.split('&');
}
