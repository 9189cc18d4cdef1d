// Finds AADSTS codes, mail-server and Microsoft Graph answers, and support ids in anything a user pastes: product log
// lines (several codes on one line too), MSAL's "Error(s): … - Description: …" messages, a browser error page (HTML,
// entities), a redirect URL with a URL-encoded error_description, token-endpoint JSON with `error_codes`, Entra
// sign-in log exports, IMAP/POP/SMTP traces and Graph error bodies. Pure.
//
// Linear in the length of the text (checked on 1 MB and 10 MB adversarial inputs by parse-timing.test.ts): the one
// pass that could backtrack (HTML tags) is a hand-written scan, every regex has at most one unbounded quantifier per
// literal anchor, and the words after a code are read only up to the next code.
import { GUID_SOURCE } from '../text/identifiers';
import { ANSWER_RULES, type AnswerId } from './answer-rules';

export interface FoundCode {
  readonly code: number;
  /** The server's own words after "AADSTSnnnn:", trimmed before trace ids and the next code, when present. */
  readonly serverText?: string;
}

export interface FoundAnswer {
  readonly id: AnswerId;
  /** The line the answer was found on (at most MAX_LINE_CHARS), as the server wrote it. */
  readonly serverText: string;
}

export interface ParsedErrorText {
  readonly codes: readonly FoundCode[];
  /** OAuth `error` values (invalid_client, invalid_grant…). */
  readonly oauthErrors: readonly string[];
  /** Answers of Exchange Online (SMTP, IMAP, POP) and Microsoft Graph, in order of appearance, each once. */
  readonly answers: readonly FoundAnswer[];
  readonly traceIds: readonly string[];
  readonly correlationIds: readonly string[];
  readonly timestamps: readonly string[];
  /** True when the text was longer than MAX_EXPLAIN_CHARS and only its start was read. */
  readonly truncated: boolean;
  /** True when the text held more than MAX_CODES different codes; the first MAX_CODES are kept. */
  readonly tooManyCodes: boolean;
}

/** The most text one explanation reads (16 MiB of UTF-16 code units); the rest is cut and the result says so. */
export const MAX_EXPLAIN_CHARS = 16 * 1024 * 1024;
/** How much of an answer's line, or of the words after a code, is kept. */
const MAX_LINE_CHARS = 600;
/** Different AADSTS codes kept from one text: more than any real log holds, few enough to print. */
export const MAX_CODES = 1000;
/** Candidates of one answer rule looked at; enough for any real log, and a bound for a crafted one. */
const MAX_CANDIDATES_PER_RULE = 1000;

const OAUTH_ERROR_NAMES = [
  'invalid_client',
  'invalid_grant',
  'invalid_scope',
  'invalid_request',
  'invalid_resource',
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
  nbsp: ' ',
};

/** A tag: `<`, at most this many characters, `>`. */
const MAX_TAG_CHARS = 2000;

/** A tag starts `<a`, `</`, `<!` or `<?`; "a < b" in a log line is not one. */
const startsTag = (c: number): boolean =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 47 || c === 33 || c === 63;

/**
 * `<…>` of at most MAX_TAG_CHARS becomes a space; a `<` with no `>` in reach stays. One pass: the next `>` is found
 * once and reused, and the `<`s too far before it are skipped together.
 */
function stripTags(t: string): string {
  const parts: string[] = [];
  let i = 0;
  let nextGt = -1;
  while (i < t.length) {
    const lt = t.indexOf('<', i);
    if (lt < 0) break;
    if (nextGt < lt) nextGt = t.indexOf('>', lt);
    if (nextGt < 0) break;
    if (!startsTag(t.charCodeAt(lt + 1))) {
      parts.push(t.slice(i, lt + 1));
      i = lt + 1;
    } else if (nextGt - lt <= MAX_TAG_CHARS + 1) {
      parts.push(t.slice(i, lt), ' ');
      i = nextGt + 1;
    } else {
      const reach = nextGt - MAX_TAG_CHARS - 1;
      parts.push(t.slice(i, reach));
      i = reach;
    }
  }
  parts.push(t.slice(i));
  return parts.join('');
}

/** The text plus decoded variants (HTML entities and tags, JSON escapes, URL-encoding) so one scan finds everything. */
function normalise(raw: string): string {
  let t = raw.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});/gi, (m, n: string) => {
    const k = n.toLowerCase();
    const cp = k.startsWith('#x') ? parseInt(k.slice(2), 16) : k.startsWith('#') ? parseInt(k.slice(1), 10) : NaN;
    if (!Number.isNaN(cp)) return cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    return HTML_ENTITIES[k] ?? m;
  });
  t = stripTags(t);
  t = t
    .replace(/\\r\\n|\\n|\\r/g, '\n')
    .replace(/\\"/g, '"')
    .replace(/\\u([0-9a-f]{4})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  if (/%[0-9a-f]{2}/i.test(t)) {
    const plus = t.replace(/\+/g, ' ');
    let decoded: string;
    try {
      decoded = decodeURIComponent(plus);
    } catch {
      decoded = plus.replace(/%([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    }
    t = `${t}\n${decoded}`;
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

/**
 * The server's words after a code: `AADSTS50011: The redirect URI …`, up to the end of the line, a quote, the next
 * code or a support id (Trace ID, Correlation ID, Timestamp), without the separator that joins it to the next code
 * ("… | earlier: AADSTS65001") or MSAL's " - " before its own ids. `after` is at most MAX_LINE_CHARS long.
 */
function serverWordsAfterCode(after: string): string | undefined {
  const m = /^[ \t]{0,3}:[ \t]{0,3}/.exec(after);
  if (!m) return undefined;
  let words = after.slice(m[0].length);
  const stop = /[\n\r"]/.exec(words);
  if (stop) words = words.slice(0, stop.index);
  // From a redirect URL: the decoded error_description ends where the next query parameter starts.
  const param = /&[A-Za-z_]{1,30}=/.exec(words);
  if (param) words = words.slice(0, param.index);
  const ids = /(?:Trace ID|Correlation ID|Timestamp)\s{0,3}:/i.exec(words);
  if (ids) words = words.slice(0, ids.index);
  // A joiner at the very end: "|", ";" or "," (with a short label and a colon: " | earlier:"), or MSAL's " -".
  words = words.replace(/(?:\s{0,3}[|;,]\s{0,3}(?:[A-Za-z ]{1,20}:)?|\s-)?\s{0,10}$/, '').trim();
  return words === '' ? undefined : words;
}

/** The line around position `at` (at most MAX_LINE_CHARS on each side): bounded, so many candidates stay linear. */
function lineAround(text: string, at: number, length: number): string {
  let start = at;
  const minStart = Math.max(0, at - MAX_LINE_CHARS);
  while (start > minStart && text.charCodeAt(start - 1) !== 10) start--;
  let end = at + length;
  const maxEnd = Math.min(text.length, end + MAX_LINE_CHARS);
  while (end < maxEnd && text.charCodeAt(end) !== 10) end++;
  return text.slice(start, end).replace(/\r$/, '').trim();
}

function findAnswers(text: string): FoundAnswer[] {
  const found: { id: AnswerId; serverText: string; at: number }[] = [];
  const seen = new Set<AnswerId>();
  for (const rule of ANSWER_RULES) {
    rule.trigger.lastIndex = 0;
    let looked = 0;
    for (let m = rule.trigger.exec(text); m !== null && looked < MAX_CANDIDATES_PER_RULE; m = rule.trigger.exec(text)) {
      looked++;
      const line = lineAround(text, m.index, m[0].length);
      const id = rule.classify(line);
      if (id !== undefined && !seen.has(id)) {
        seen.add(id);
        found.push({ id, serverText: line.slice(0, MAX_LINE_CHARS), at: m.index });
      }
    }
  }
  return found.sort((a, b) => a.at - b.at).map(({ id, serverText }) => ({ id, serverText }));
}

export function parseErrorText(raw: string): ParsedErrorText {
  const truncated = raw.length > MAX_EXPLAIN_CHARS;
  const text = normalise(truncated ? raw.slice(0, MAX_EXPLAIN_CHARS) : raw);
  const byCode = new Map<number, FoundCode>();
  let tooManyCodes = false;
  const add = (code: number, serverText?: string) => {
    if (!Number.isFinite(code) || code < 1000 || code > 99_999_999) return;
    const prev = byCode.get(code);
    if (!prev && byCode.size >= MAX_CODES) {
      tooManyCodes = true;
      return;
    }
    if (!prev || (prev.serverText === undefined && serverText !== undefined))
      byCode.set(code, serverText === undefined ? { code } : { code, serverText });
  };

  // Each code's words run to the next code at most: a line holding several codes gives each its own words.
  let prev: { code: number; end: number } | undefined;
  const settle = (limit: number) => {
    if (prev === undefined) return;
    const known = byCode.get(prev.code);
    const words =
      known?.serverText === undefined
        ? serverWordsAfterCode(text.slice(prev.end, Math.min(limit, prev.end + MAX_LINE_CHARS)))
        : undefined;
    add(prev.code, words);
  };
  for (const m of text.matchAll(new RegExp(AADSTS_CODE, 'g'))) {
    settle(m.index);
    prev = { code: Number(m[1]), end: m.index + m[0].length };
  }
  settle(text.length);

  // Token endpoint JSON: "error_codes":[7000215]; MSAL: "Error(s): 7000215 - Timestamp: …"; sign-in log exports:
  // "errorCode": 50126 / Error code 50126 / Sign-in error code: 50126.
  for (const m of text.matchAll(/"?error_?codes"?\s*[:=]\s*\[([\d,\s]{1,200})\]/gi))
    for (const n of (m[1] ?? '').split(/[,\s]+/)) if (n !== '') add(Number(n));
  for (const m of text.matchAll(/Error\(s\):\s*(\d{4,8}(?:\s{0,3},\s{0,3}\d{4,8}){0,20})/g))
    for (const n of (m[1] ?? '').split(',')) add(Number(n.trim()));
  for (const m of text.matchAll(/(?:"?errorCode"?\s*[:=]\s*"?|Error code\s*(?::\s*)?)(\d{4,8})\b/gi)) add(Number(m[1]));

  const oauthErrors = uniq(
    [...text.matchAll(new RegExp(`\\b(${OAUTH_ERROR_NAMES.join('|')})\\b`, 'g'))].map((m) => m[1] ?? ''),
  );
  // `Trace ID: x`, `"trace_id":"x"`, `Correlation ID=x`: one separator group between the label and the value.
  const ids = (label: string) =>
    uniq(
      [...text.matchAll(new RegExp(`${label}\\s*(?:"\\s*:\\s*"|[:=]\\s*"?)(${GUID_SOURCE})`, 'gi'))].map((m) =>
        (m[1] ?? '').toLowerCase(),
      ),
    );
  const timestamps = uniq(
    [...text.matchAll(/Timestamp\s*(?:"\s*:\s*"|[:=]\s*"?)(\d{4}-[\dx]{2}-[\dx]{2}[ T][\d:.]{1,30}Z?)/gi)].map(
      (m) => m[1] ?? '',
    ),
  );
  return {
    codes: [...byCode.values()],
    oauthErrors,
    answers: findAnswers(text),
    traceIds: ids('trace[ _-]?id'),
    correlationIds: ids('correlation[ _-]?id'),
    timestamps,
    truncated,
    tooManyCodes,
  };
}
