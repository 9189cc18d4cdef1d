// Masks anything token-like in a line of text before it is logged or shown: JWTs, refresh tokens, authorization
// codes, client secrets (today's "Q~" values and the 44-character base64 values of older app registrations),
// XOAUTH2 blobs, Bearer, Basic and other Authorization credentials, passwords (spaces and all) and keyed secrets
// in query strings, JSON and URL-encoded forms. redactKnown also masks every piece of secrets the caller holds
// (a token a server echoed back cut into words). Linear in the input: every pattern starts at a fixed word or a
// run start and has no constraint after an unbounded run, except the JWT, which is found by one scan over the
// runs of token characters (jwtSpans) — a regex with unbounded parts around its dots backtracks quadratically on
// "eyJ-eyJ-eyJ-…".
import { base64url } from 'jose';

const KEYED =
  /(?<![A-Za-z])(access_token|refresh_token|id_token|code|client_secret|password|secret|assertion|code_verifier|client_assertion)((?:["']|%22)?\s*(?:[:=]|%3[AaDd])\s*(?:["']|%22)?)([^\s"'&,;]{4,})/gi;
/** A password (or secret) up to its closing quote, spaces included: `"password": "correct horse battery"`. */
const QUOTED_SECRET = /(?<![A-Za-z])(password|passwd|pwd|secret|client_secret)(["']?\s*[:=]\s*)(["'])([^"'\r\n]*)\3/gi;
/** An unquoted password runs to the end of its field: `password=correct horse battery`. */
const PLAIN_PASSWORD = /(?<![A-Za-z])(password|passwd|pwd)(\s*[:=]\s*)([^\s"'][^\r\n&;,"']*)/gi;
const BEARER = /\b(Bearer\s+)([A-Za-z0-9._~+/=-]{8,})/gi;
/** An Authorization header's credentials, whatever the scheme (Basic, Negotiate, NTLM, Digest…). */
const AUTH_HEADER = /\b(Authorization\s*[:=]\s*)([A-Za-z][A-Za-z0-9-]*\s+)?([^\s"'][^\r\n"']*)/gi;
/** `Basic <base64 of user:password>` outside a header (only when it decodes to something with a colon). */
const BASIC = /\b(Basic\s+)([A-Za-z0-9+/]{4,}={0,2})(?![A-Za-z0-9+/=])/g;
/** Azure client secret values: 3 chars, a digit, "Q~", then 20+ chars of [A-Za-z0-9_.~-]; they may start with - or . */
const AZURE_SECRET = /(?<![A-Za-z0-9_.~-])[A-Za-z0-9_.~-]{3}\dQ~[A-Za-z0-9_.~-]{20,}/g;
/** Older (pre-2019) client secrets: 32 random bytes in standard base64, 43 characters and one "=". */
const BASE64_SECRET = /(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{43}=(?![A-Za-z0-9+/=])/g;
/** Entra refresh tokens and codes are long opaque strings starting with 0. or 1. (v2) or "M." (MSA). */
const OPAQUE = /\b(?:0\.|1\.|M\.)[A-Za-z0-9_.~-]{40,}/g;
/** base64 XOAUTH2 SASL blob: "user=" base64-encodes to dXNlcj0. */
const XOAUTH2 = /\bdXNlcj[A-Za-z0-9+/=]{20,}/g;
/** Runs of the characters a JWT (and its dots) is made of. One class, no alternation: linear. */
const JWT_RUN = /[A-Za-z0-9_.-]+/g;

/** A short masked preview: first 6 and last 3 characters. */
export function maskPreview(value: string): string {
  if (value.length <= 12) return '•'.repeat(Math.max(4, value.length));
  return `${value.slice(0, 6)}…${value.slice(-3)}`;
}

const isWordChar = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

/**
 * The JWTs in one run of [A-Za-z0-9_.-] (start, end offsets within the run), found exactly where the regex
 * /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*\/ would match, in one pass over the run's segments.
 */
function jwtSpansInRun(run: string): [number, number][] {
  const segs: [number, number][] = [];
  let from = 0;
  for (let i = 0; i <= run.length; i++) {
    if (i === run.length || run.charCodeAt(i) === 46) {
      segs.push([from, i]);
      from = i + 1;
    }
  }
  const spans: [number, number][] = [];
  let i = 0;
  while (i + 2 < segs.length) {
    const [start, end] = segs[i] as [number, number];
    const next = segs[i + 1] as [number, number];
    let found = -1;
    if (next[1] - next[0] >= 5) {
      // The first "eyJ" at a word boundary that leaves 5+ characters before the segment's dot.
      // Only inside this segment: an indexOf over the rest of the run would rescan it for every segment.
      for (let p = start; p + 8 <= end; p++) {
        if (run.startsWith('eyJ', p) && (p === start || !isWordChar(run.charCodeAt(p - 1)))) {
          found = p;
          break;
        }
      }
    }
    if (found >= 0) {
      spans.push([found, (segs[i + 2] as [number, number])[1]]);
      i += 3;
    } else i += 1;
  }
  return spans;
}

function redactJwts(text: string): string {
  let out = '';
  let last = 0;
  JWT_RUN.lastIndex = 0;
  for (let m = JWT_RUN.exec(text); m !== null; m = JWT_RUN.exec(text)) {
    if (m[0].length < 15 || !m[0].includes('eyJ')) continue;
    for (const [s, e] of jwtSpansInRun(m[0])) {
      const at = m.index + s;
      out += `${text.slice(last, at)}[jwt ${maskPreview(text.slice(at, m.index + e))}]`;
      last = m.index + e;
    }
  }
  return last === 0 ? text : out + text.slice(last);
}

/** True when a base64 word decodes to text with a colon, as a Basic credential's user:password does. */
function looksLikeBasicCredential(b64: string): boolean {
  const clean = b64
    .replace(/={1,2}$/, '')
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
  // A length no base64 can have is not decoded at all (a thrown error per word would cost more than the scan).
  if (clean.length % 4 === 1) return false;
  try {
    return base64url.decode(clean).includes(0x3a);
  } catch {
    return false;
  }
}

export function redact(text: string): string {
  return redactJwts(text)
    .replace(AUTH_HEADER, (_m, p: string, scheme: string | undefined) => `${p}${scheme ?? ''}[redacted]`)
    .replace(BEARER, (_m, p: string) => `${p}[redacted]`)
    .replace(BASIC, (m, p: string, value: string) => (looksLikeBasicCredential(value) ? `${p}[redacted]` : m))
    .replace(QUOTED_SECRET, (_m, k: string, sep: string, q: string) => `${k}${sep}${q}[redacted]${q}`)
    .replace(PLAIN_PASSWORD, (_m, k: string, sep: string) => `${k}${sep}[redacted]`)
    .replace(KEYED, (_m, k: string, sep: string) => `${k}${sep}[redacted]`)
    .replace(AZURE_SECRET, '[secret redacted]')
    .replace(BASE64_SECRET, '[secret redacted]')
    .replace(XOAUTH2, '[xoauth2 redacted]')
    .replace(OPAQUE, '[opaque token redacted]');
}

/** Pieces of a known secret this short or shorter are left alone (too likely to occur by chance in words). */
export const KNOWN_PIECE_CHARS = 6;

/** A piece of ASCII characters packs exactly into a number (7 bits each, 42 bits in all); others stay strings. */
const ASCII_RADIX = 128;
const TOP_DIGIT = ASCII_RADIX ** (KNOWN_PIECE_CHARS - 1);
/** The quick "might the text have this piece?" filter checked before the map: a packed piece's low 12 bits. */
const FILTER_MASK = 0xfff;

/**
 * Calls `visit` with every KNOWN_PIECE_CHARS-long piece of `text` (its start and its key): a number for an ASCII piece,
 * found by a rolling sum instead of a new string per position (tokens and SASL blobs are ASCII), else the piece itself.
 * `visit` returning false ends the walk.
 */
function forEachPiece(text: string, visit: (start: number, key: number | string) => boolean): void {
  const k = KNOWN_PIECE_CHARS;
  let packed = 0;
  let nonAscii = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= ASCII_RADIX) nonAscii++;
    if (i >= k) {
      const leaving = text.charCodeAt(i - k);
      if (leaving >= ASCII_RADIX) nonAscii--;
      packed -= (leaving % ASCII_RADIX) * TOP_DIGIT;
    }
    packed = packed * ASCII_RADIX + (unit % ASCII_RADIX);
    const start = i - k + 1;
    if (start >= 0 && !visit(start, nonAscii === 0 ? packed : text.slice(start, i + 1))) return;
  }
}

/**
 * redact(), and then every run of text made of pieces (KNOWN_PIECE_CHARS characters or more) of the given secrets
 * masked, wherever they appear: a server that echoes the token back in parts must not hand it to the window.
 * Linear: the text's few pieces in a map, then one window slid over each secret, a map lookup only where the quick
 * filter says the text may hold the piece. Not the other way round: a set of the pieces of a 1.5 KB token and its
 * SASL blob, built for every line, cost 0.2-0.3 ms per probe (issue 22, Graph probe against a bare GET).
 */
export function redactKnown(text: string, secrets: readonly string[]): string {
  const k = KNOWN_PIECE_CHARS;
  const base = redact(text);
  if (base.length < k || secrets.length === 0) return base;
  const starts = new Map<number | string, number[]>();
  const maybe = new Uint8Array(FILTER_MASK + 1);
  forEachPiece(base, (start, key) => {
    const at = starts.get(key);
    if (at === undefined) starts.set(key, [start]);
    else at.push(start);
    if (typeof key === 'number') maybe[key & FILTER_MASK] = 1;
    return true;
  });
  const covered = new Uint8Array(base.length);
  for (const secret of secrets) {
    forEachPiece(secret, (_start, key) => {
      if (typeof key === 'number' && maybe[key & FILTER_MASK] === 0) return true;
      const at = starts.get(key);
      if (at === undefined) return true;
      for (const start of at) covered.fill(1, start, start + k);
      starts.delete(key);
      // Every piece of the text is found: nothing more to look for.
      return starts.size > 0;
    });
    if (starts.size === 0) break;
  }
  let out = '';
  for (let i = 0; i < base.length;) {
    if (covered[i] === 1) {
      while (i < base.length && covered[i] === 1) i++;
      out += '[token part redacted]';
    } else {
      out += base[i];
      i++;
    }
  }
  return out;
}
