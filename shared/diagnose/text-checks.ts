// Low-level text facts the lint rules share: tenant segments, secret shapes, URL parsing of Entra endpoints
// (identifier shapes are in shared/text/identifiers.ts). Pure and cheap: the Diagnose page lints every keystroke.
import { parseUrl, type ParsedUrl } from './url-parse';

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
