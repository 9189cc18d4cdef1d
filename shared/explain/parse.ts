// Finds AADSTS codes and support ids in anything a user pastes: product log lines, a browser error page (HTML,
// URL-encoded query strings), token-endpoint JSON with `error_codes`, Entra sign-in log exports. Pure.
import { GUID_SOURCE } from '../text/identifiers';

export interface FoundCode {
  readonly code: number;
  /** The server's own words after "AADSTSnnnn:", trimmed before trace ids, when present. */
  readonly serverText?: string;
}

export interface ParsedErrorText {
  readonly codes: readonly FoundCode[];
  /** OAuth `error` values (invalid_client, invalid_grant…). */
  readonly oauthErrors: readonly string[];
  readonly traceIds: readonly string[];
  readonly correlationIds: readonly string[];
  readonly timestamps: readonly string[];
}

const OAUTH_ERROR_NAMES = [
  'invalid_client',
  'invalid_grant',
  'invalid_scope',
  'invalid_request',
  'unauthorized_client',
  'access_denied',
  'consent_required',
  'interaction_required',
  'login_required',
  'temporarily_unavailable',
  'server_error',
  'unsupported_grant_type',
  'unsupported_response_type',
];

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  '#39': "'",
  nbsp: ' ',
};

/** The text plus decoded variants (URL-encoding, HTML entities, JSON escapes) so one scan finds everything. */
function normalise(raw: string): string {
  let t = raw.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (m, n: string) => {
    const k = n.toLowerCase();
    if (k.startsWith('#x')) return String.fromCharCode(parseInt(k.slice(2), 16));
    if (k.startsWith('#') && k !== '#39') return String.fromCharCode(parseInt(k.slice(1), 10));
    return HTML_ENTITIES[k] ?? m;
  });
  t = t.replace(/<[^>]{0,2000}>/g, ' ');
  t = t
    .replace(/\\r\\n|\\n|\\r/g, '\n')
    .replace(/\\"/g, '"')
    .replace(/\\u([0-9a-f]{4})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  if (/%[0-9a-f]{2}/i.test(t)) {
    try {
      t = `${t}\n${decodeURIComponent(t.replace(/\+/g, ' '))}`;
    } catch {
      t = `${t}\n${t.replace(/%([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))).replace(/\+/g, ' ')}`;
    }
  }
  return t;
}

const uniq = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

/** An AADSTS code as Entra writes it: AADSTS and 4 to 8 digits (the one pattern every reader of codes uses). */
const AADSTS_CODE = 'AADSTS(\\d{4,8})\\b';

/** Every AADSTS code written in a text, in order of appearance, each once. */
export function aadstsCodes(text: string): number[] {
  return uniq([...text.matchAll(new RegExp(AADSTS_CODE, 'g'))].map((m) => Number(m[1])));
}

/** The first AADSTS code written in a text (e.g. in an error_description), or undefined. */
export function firstAadstsCode(text: string): number | undefined {
  const m = new RegExp(AADSTS_CODE).exec(text);
  return m === null ? undefined : Number(m[1]);
}

export function parseErrorText(raw: string): ParsedErrorText {
  const text = normalise(raw.slice(0, 1_000_000));
  const byCode = new Map<number, FoundCode>();
  const add = (code: number, serverText?: string) => {
    if (!Number.isFinite(code) || code < 1000 || code > 99_999_999) return;
    const prev = byCode.get(code);
    if (!prev || (prev.serverText === undefined && serverText !== undefined))
      byCode.set(code, serverText === undefined ? { code } : { code, serverText });
  };

  for (const m of text.matchAll(new RegExp(`${AADSTS_CODE}(?::\\s*([^\\n"]{0,600}))?`, 'g'))) {
    const words = m[2]?.replace(/\s*(?:Trace ID|Correlation ID|Timestamp)\s*:.*$/i, '').trim();
    add(Number(m[1]), words === undefined || words === '' ? undefined : words);
  }
  // Token endpoint JSON: "error_codes":[7000215] and sign-in log exports: "errorCode": 50126 / Error code 50126.
  for (const m of text.matchAll(/"?error_?codes"?\s*[:=]\s*\[([\d,\s]{1,200})\]/gi)) {
    for (const n of (m[1] ?? '').split(/[,\s]+/)) if (n !== '') add(Number(n));
  }
  for (const m of text.matchAll(
    /(?:"?errorCode"?\s*[:=]\s*"?|Error code\s*:?\s*|Sign-in error code\s*:?\s*)(\d{4,8})\b/gi,
  ))
    add(Number(m[1]));

  const oauthErrors = uniq(
    [...text.matchAll(new RegExp(`\\b(${OAUTH_ERROR_NAMES.join('|')})\\b`, 'g'))].map((m) => m[1] ?? ''),
  );
  const ids = (label: string) =>
    uniq(
      [...text.matchAll(new RegExp(`${label}\\s*(?:"\\s*:\\s*"|[:=]\\s*"?)\\s*(${GUID_SOURCE})`, 'gi'))].map((m) =>
        (m[1] ?? '').toLowerCase(),
      ),
    );
  const timestamps = uniq([
    ...[...text.matchAll(/Timestamp\s*(?:"\s*:\s*"|[:=]\s*"?)\s*(\d{4}-[\dx]{2}-[\dx]{2}[ T][\d:.]+Z?)/gi)].map(
      (m) => m[1] ?? '',
    ),
  ]);
  return {
    codes: [...byCode.values()],
    oauthErrors,
    traceIds: ids('trace[ _-]?id'),
    correlationIds: ids('correlation[ _-]?id'),
    timestamps,
  };
}
