// Low-level text facts the lint rules share: GUID and domain shapes, invisible characters, URL parsing of
// Entra endpoints. Pure and cheap: the Diagnose page runs the rules on every keystroke.
import { parseUrl, type ParsedUrl } from './url-parse';

export const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isGuid = (s: string): boolean => GUID_RE.test(s);

/** A verified-domain shape: contoso.com, contoso.onmicrosoft.com, contoso.test. */
export const DOMAIN_RE = /^(?=.{3,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
export const isDomain = (s: string): boolean => DOMAIN_RE.test(s);

export const EMAIL_RE = /^[^\s@]+@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

export const MULTI_TENANT_SEGMENTS = new Set(['common', 'organizations', 'consumers']);

/** Characters that look like nothing (or like a space) but break an exact match. */
const INVISIBLE: Readonly<Record<string, string>> = {
  '\u00a0': 'NO-BREAK SPACE (U+00A0)',
  '\u00ad': 'SOFT HYPHEN (U+00AD)',
  '\u180e': 'MONGOLIAN VOWEL SEPARATOR (U+180E)',
  '\u200b': 'ZERO WIDTH SPACE (U+200B)',
  '\u200c': 'ZERO WIDTH NON-JOINER (U+200C)',
  '\u200d': 'ZERO WIDTH JOINER (U+200D)',
  '\u200e': 'LEFT-TO-RIGHT MARK (U+200E)',
  '\u200f': 'RIGHT-TO-LEFT MARK (U+200F)',
  '\u2007': 'FIGURE SPACE (U+2007)',
  '\u202f': 'NARROW NO-BREAK SPACE (U+202F)',
  '\u2060': 'WORD JOINER (U+2060)',
  '\u202a': 'LEFT-TO-RIGHT EMBEDDING (U+202A)',
  '\u202c': 'POP DIRECTIONAL FORMATTING (U+202C)',
  '\ufeff': 'BYTE ORDER MARK / ZERO WIDTH NO-BREAK SPACE (U+FEFF)',
};
// Built from \u escapes so no joiner character ever sits raw inside a character class.
const INVISIBLE_RE = new RegExp(
  `[${Object.keys(INVISIBLE)
    .map((ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .join('')}]`,
  'g',
);

/** Names of the invisible characters in s, each once, in order of appearance. */
export function invisibleChars(s: string): string[] {
  const out: string[] = [];
  for (const m of s.matchAll(INVISIBLE_RE)) {
    const name = INVISIBLE[m[0]];
    if (name !== undefined && !out.includes(name)) out.push(name);
  }
  return out;
}

/** The value with invisible characters removed and ordinary whitespace trimmed: what the user meant. */
export const clean = (s: string | undefined): string => (s ?? '').replace(INVISIBLE_RE, '').trim();

export interface ParsedEndpoint {
  readonly url: ParsedUrl;
  readonly host: string;
  /** First path segment: tenant id, domain, common, organizations… */
  readonly tenantSegment: string | undefined;
  readonly version: 'v1' | 'v2' | undefined;
  readonly kind: 'authorize' | 'token' | 'devicecode' | 'other';
}

export function parseEndpoint(raw: string): ParsedEndpoint | undefined {
  const url = parseUrl(raw);
  if (!url) return undefined;
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const m = /^\/([^/]+)\/oauth2\/(v2\.0\/)?([a-z]+)\/?$/i.exec(url.pathname);
  const kindRaw = (m?.[3] ?? '').toLowerCase();
  const kind = kindRaw === 'authorize' || kindRaw === 'token' || kindRaw === 'devicecode' ? kindRaw : 'other';
  return {
    url,
    host: url.host.toLowerCase(),
    tenantSegment: m ? m[1] : undefined,
    version: m ? (m[2] ? 'v2' : 'v1') : undefined,
    kind,
  };
}

/** Secret values Entra issues today: ~40 chars of [A-Za-z0-9~._-]; older ones were base64 with +/=. */
export const SECRET_CHARS_RE = /^[A-Za-z0-9~._\-+/=[\]@:?*]+$/;
export const MASKED_RE = /^(?:\*{3,}|•{3,}|[A-Za-z0-9]{0,4}\*{3,}[A-Za-z0-9]{0,4})$/;
