// A small absolute-URL parser for redirect URIs and endpoints as typed. WHATWG URL (available in shared/) would
// normalise them (default ports dropped, paths percent-encoded, hosts punycoded); this parser keeps the path's
// letter case and the port exactly as typed, which is what redirect-URI matching cares about.

export interface ParsedUrl {
  /** 'https:' */
  readonly protocol: string;
  /** Lower-cased host name without port; IPv6 stays in brackets. */
  readonly hostname: string;
  /** Port as typed ('' when absent). */
  readonly port: string;
  /** hostname[:port] */
  readonly host: string;
  /** '/path' exactly as typed ('/' when empty). */
  readonly pathname: string;
  /** '?a=b' or ''. */
  readonly search: string;
  /** '#x' or ''. */
  readonly hash: string;
  readonly origin: string;
  readonly query: ReadonlyMap<string, string>;
}

const URL_RE =
  /^([a-z][a-z0-9+.-]*):\/\/(?:[^@/?#\s]*@)?(\[[0-9a-f:.]+\]|[^:/?#\s]+)(?::(\d{1,5}))?([^?#\s]*)(\?[^#\s]*)?(#\S*)?$/i;

const decode = (s: string): string => {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
};

export function parseUrl(raw: string): ParsedUrl | undefined {
  const m = URL_RE.exec(raw);
  if (!m) return undefined;
  const protocol = `${(m[1] ?? '').toLowerCase()}:`;
  const hostname = (m[2] ?? '').toLowerCase();
  if (!/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)$/.test(hostname) || hostname.startsWith('.') || hostname.endsWith('..'))
    return undefined;
  const port = m[3] ?? '';
  if (port !== '' && Number(port) > 65535) return undefined;
  const host = port === '' ? hostname : `${hostname}:${port}`;
  const search = m[5] ?? '';
  const query = new Map<string, string>();
  for (const part of search.slice(1).split('&')) {
    if (part === '') continue;
    const i = part.indexOf('=');
    const k = decode(i < 0 ? part : part.slice(0, i));
    if (!query.has(k)) query.set(k, i < 0 ? '' : decode(part.slice(i + 1)));
  }
  return {
    protocol,
    hostname,
    port,
    host,
    pathname: m[4] || '/',
    search: search === '?' ? '' : search,
    hash: m[6] === '#' ? '' : (m[6] ?? ''),
    origin: `${protocol}//${host}`,
    query,
  };
}
