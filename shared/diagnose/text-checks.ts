// Low-level text facts the lint rules share: GUID and domain shapes, secret shapes, URL parsing of Entra
// endpoints. Pure and cheap: the Diagnose page runs the rules on every keystroke.
import { parseUrl, type ParsedUrl } from './url-parse';

export const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isGuid = (s: string): boolean => GUID_RE.test(s);

/** A verified-domain shape: contoso.com, contoso.onmicrosoft.com, contoso.test. */
export const DOMAIN_RE = /^(?=.{3,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
export const isDomain = (s: string): boolean => DOMAIN_RE.test(s);

export const EMAIL_RE = /^[^\s@]+@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

export const MULTI_TENANT_SEGMENTS = new Set(['common', 'organizations', 'consumers']);

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
