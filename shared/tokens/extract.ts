// Owns input extraction: turns whatever an admin pasted (a raw JWT, `Bearer …`, an `Authorization:` header
// line, a token-endpoint JSON response, a base64 XOAUTH2 SASL blob, a log line or script output) into a list
// of candidate tokens with where they came from. Pure and linear-time: every scan is a single pass over
// "words" (runs of token characters) so a 1 MiB paste of adversarial text cannot make a regex backtrack.
import { base64url } from 'jose';
import type { InputKind, TokenFormat, TokenResponseInfo, TokenRole } from './schema';

/** The most tokens we inspect from one paste; the rest are counted, not decoded. */
export const MAX_TOKENS = 20;
/** Inputs longer than this are cut before scanning (the IPC contract caps input at 1 MiB anyway). */
export const MAX_SCAN_CHARS = 2 * 1024 * 1024;

export interface ExtractedToken {
  readonly value: string;
  readonly role: TokenRole;
  readonly format: TokenFormat;
  readonly origin: string;
}

export interface Extraction {
  readonly kind: InputKind;
  readonly length: number;
  readonly tokens: readonly ExtractedToken[];
  /** How many tokens were found beyond MAX_TOKENS. */
  readonly dropped: number;
  /** True when the input was longer than MAX_SCAN_CHARS and only its start was read. */
  readonly cut?: boolean;
  readonly xoauth2User?: string;
  readonly tokenResponse?: TokenResponseInfo;
}

const B64URL_PART = /^[A-Za-z0-9_-]*$/;
/** Characters that can belong to a token, a base64 blob or a base64url JWT. Single class + `+`: linear. */
const WORD = /[A-Za-z0-9._~+/=-]+/g;
const OPAQUE_CHARS = /^[A-Za-z0-9._~+/=!*$-]+$/;
/** Entra refresh tokens / codes: "0.A…", "1.A…"; Microsoft accounts: "M.C…". Anchored on one word. */
const ENTRA_OPAQUE = /^(?:0\.|1\.|M\.)[A-Za-z0-9_.~*!$-]{40,}$/;
const MIN_OPAQUE_LENGTH = 16;

/** A compact JWS: three base64url parts, the payload not empty. `[\w-]` is ASCII base64url; no part can hold a dot,
 * so each class stops at the next literal dot and the patterns cannot backtrack (linear). */
const JWS_SHAPE = /^eyJ[\w-]*\.[\w-]+\.[\w-]*$/;
/** A compact JWE: five base64url parts (any may be empty). */
const JWE_SHAPE = /^eyJ[\w-]*(?:\.[\w-]*){4}$/;
/** Only base64url characters and dots, starting like a JWT: a bare compact token, nothing to normalise. */
const BARE_COMPACT = /^eyJ[\w.-]*$/;

/** Shape of a compact JWS (3 parts) or JWE (5 parts) whose header is base64url JSON ("eyJ" = `{"`). */
export function tokenShape(value: string): TokenFormat {
  if (!value.startsWith('eyJ')) return 'opaque';
  // One native pattern per shape: the split-and-test-each-part version allocated every part of every token.
  if (JWS_SHAPE.test(value)) return 'jwt';
  if (JWE_SHAPE.test(value)) return 'jwe';
  return 'malformed';
}

/** Characters a compact token is made of, plus the `=` padding some tools and docs add to each part. */
const PADDED_TOKEN = /^eyJ[A-Za-z0-9_\-.=]*$/;

/**
 * A compact JWT/JWE as copied from documentation, a JSON value or a wrapped log: surrounding quotes dropped, line
 * breaks (with the indentation around them) removed, and base64 `=` padding taken off each part. Only correct
 * padding goes (one or two `=` that complete a part to a multiple of four); anything else is left for tokenShape to
 * call malformed, so the content stays checked as strictly as before. Values that do not start like a JWT come back
 * unchanged. Linear: one pass per step, no backtracking pattern.
 */
export function normaliseCompactToken(value: string): string {
  // The common case, a bare compact token, needs nothing: one pass tells it, before any copy is made.
  if (BARE_COMPACT.test(value)) return value;
  let t = value.trim();
  const q = t.charAt(0);
  if (t.length >= 2 && (q === '"' || q === "'" || q === '`') && t.endsWith(q)) t = t.slice(1, -1).trim();
  if (!t.startsWith('eyJ')) return value;
  if (/\s/.test(t)) {
    // Only whitespace that carries a line break is wrapping; a space inside one line means two words, and a line
    // that starts a new "eyJ" after two dots is the next token of a list, not the rest of this one.
    // Split on the line breaks alone and trim each line: a pattern with \s* around the break backtracks over every
    // run of spaces, quadratic on a paste of "eyJ" and a million spaces.
    let dots = 0;
    for (const raw of t.split(/\r\n?|\n/)) {
      const line = raw.trim();
      if (/\s/.test(line) || (dots >= 2 && line.startsWith('eyJ'))) return value;
      for (let i = 0; i < line.length; i++) if (line.charCodeAt(i) === 46) dots++;
    }
    t = t.replace(/\s+/g, '');
  }
  if (!PADDED_TOKEN.test(t)) return value;
  if (!t.includes('=')) return t;
  const parts = t.split('.');
  const unpadded: string[] = [];
  for (const part of parts) {
    let end = part.length;
    while (end > 0 && part.charCodeAt(end - 1) === 61) end--;
    const pad = part.length - end;
    const body = part.slice(0, end);
    if (pad > 2 || body.includes('=') || (pad > 0 && (body.length + pad) % 4 !== 0)) return t;
    unpadded.push(body);
  }
  return unpadded.join('.');
}

/** A word of free text with JWT padding taken off (`eyJ…=.eyJ…==.sig=`), so jwtInWord sees base64url only. */
function unpadWord(word: string): string {
  if (!word.includes('=') || !word.includes('eyJ')) return word;
  const at = word.indexOf('eyJ');
  return word.slice(0, at) + normaliseCompactToken(word.slice(at));
}

/** The JWT (or JWE) starting inside a word, e.g. `token=eyJ…` or `eyJ….` at the end of a sentence. */
function jwtInWord(word: string): string | undefined {
  const at = word.indexOf('eyJ');
  if (at < 0) return undefined;
  let end = at;
  while (end < word.length) {
    const c = word.charCodeAt(end);
    const ok =
      (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 95 || c === 46;
    if (!ok) break;
    end++;
  }
  const candidate = word.slice(at, end);
  // Trailing dots (a sentence's full stop, or 100,000 of them): keep just enough to make three parts when the
  // rest allows it, else none. Computed from the dot count in one pass; trimming one dot at a time and
  // re-checking the shape each time was quadratic.
  let base = candidate.length;
  while (base > 0 && candidate.charCodeAt(base - 1) === 46) base--;
  if (base === candidate.length) {
    const shape = tokenShape(candidate);
    return shape === 'jwt' || shape === 'jwe' ? candidate : undefined;
  }
  const stem = candidate.slice(0, base);
  let dots = 0;
  for (let i = 0; i < stem.length; i++) if (stem.charCodeAt(i) === 46) dots++;
  if (dots <= 2 && dots + (candidate.length - base) >= 2) {
    const withDots = stem + '.'.repeat(2 - dots);
    if (tokenShape(withDots) === 'jwt') return withDots;
  }
  const shape = tokenShape(stem);
  return shape === 'jwt' || shape === 'jwe' ? stem : undefined;
}

const textDecoder: { decode(b: Uint8Array): string } | undefined = (() => {
  const TD = (globalThis as { TextDecoder?: new (label?: string) => { decode(b: Uint8Array): string } }).TextDecoder;
  return TD ? new TD('utf-8') : undefined;
})();

/** Standard or url-safe base64 to text; undefined when it is not base64. */
export function decodeBase64Text(value: string): string | undefined {
  // Trim padding by hand: /=+$/ backtracks quadratically on a long run of '=' followed by anything else.
  let end = value.length;
  while (end > 0 && value.charCodeAt(end - 1) === 61) end--;
  const clean = value.slice(0, end).replace(/\+/g, '-').replace(/\//g, '_');
  if (!B64URL_PART.test(clean) || clean.length % 4 === 1) return undefined;
  try {
    const bytes = base64url.decode(clean);
    if (textDecoder) return textDecoder.decode(bytes);
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return s;
  } catch {
    return undefined;
  }
}

interface SaslParts {
  readonly user: string;
  readonly token: string;
}

/** `user=<mailbox>^Aauth=Bearer <token>^A^A` (also accepts a literal "^A" as typed in docs and tickets). */
export function parseXoauth2(decoded: string): SaslParts | undefined {
  const text = decoded.includes('\u0001') ? decoded : decoded.split('^A').join('\u0001');
  const fields = text.split('\u0001');
  let user: string | undefined;
  let auth: string | undefined;
  for (const f of fields) {
    if (f.startsWith('user=')) user = f.slice(5).trim();
    else if (f.toLowerCase().startsWith('auth=')) auth = f.slice(5).trim();
  }
  if (user === undefined || auth === undefined) return undefined;
  const token = auth.replace(/^bearer\s+/i, '').trim();
  return { user, token };
}

// base64 of "user=" + a character: the 7th base64 digit depends on the mailbox's first letter, so match 6.
const XOAUTH2_B64_PREFIX = 'dXNlcj';

function single(
  value: string,
  kind: InputKind,
  origin: string,
  role: TokenRole,
  length: number,
  format: TokenFormat = tokenShape(value),
): Extraction {
  return { kind, length, tokens: [{ value, role, format, origin }], dropped: 0 };
}

function asString(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

function fromTokenResponse(json: Record<string, unknown>, length: number): Extraction | undefined {
  const access = asString(json['access_token']);
  const id = asString(json['id_token']);
  const refresh = asString(json['refresh_token']);
  const error = asString(json['error']);
  if (!access && !id && !refresh && !error) return undefined;
  const tokens: ExtractedToken[] = [];
  if (access)
    tokens.push({
      value: normaliseCompactToken(access).trim(),
      role: 'access_token',
      format: tokenShape(normaliseCompactToken(access).trim()),
      origin: 'access_token in the token response',
    });
  if (id)
    tokens.push({
      value: normaliseCompactToken(id).trim(),
      role: 'id_token',
      format: tokenShape(normaliseCompactToken(id).trim()),
      origin: 'id_token in the token response',
    });
  if (refresh) {
    const f = tokenShape(refresh.trim());
    tokens.push({
      value: refresh.trim(),
      role: 'refresh_token',
      format: f === 'jwt' || f === 'jwe' ? f : 'opaque',
      origin: 'refresh_token in the token response',
    });
  }
  const scopeRaw = json['scope'];
  const expiresRaw = json['expires_in'];
  const expiresIn =
    typeof expiresRaw === 'number'
      ? expiresRaw
      : typeof expiresRaw === 'string' && /^\d{1,10}$/.test(expiresRaw)
        ? Number(expiresRaw)
        : undefined;
  const info: TokenResponseInfo = {
    hasAccessToken: Boolean(access),
    hasIdToken: Boolean(id),
    hasRefreshToken: Boolean(refresh),
    ...(typeof json['token_type'] === 'string' ? { tokenType: json['token_type'].slice(0, 100) } : {}),
    ...(typeof scopeRaw === 'string' ? { scope: scopeRaw.split(/\s+/).filter(Boolean).slice(0, 200) } : {}),
    ...(expiresIn === undefined ? {} : { expiresIn }),
    ...(error ? { error: error.slice(0, 200) } : {}),
    ...(typeof json['error_description'] === 'string'
      ? { errorDescription: json['error_description'].slice(0, 2000) }
      : {}),
  };
  return { kind: 'token-response', length, tokens, dropped: 0, tokenResponse: info };
}

function tryJson(text: string): Record<string, unknown> | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Scan free text (log lines, script output, an IMAP trace) for every token-like word. */
function scanText(text: string, length: number): Extraction {
  const tokens: ExtractedToken[] = [];
  const seen = new Set<string>();
  let dropped = 0;
  let xoauth2User: string | undefined;
  let jwtCount = 0;
  const add = (t: ExtractedToken): void => {
    if (seen.has(t.value)) return;
    seen.add(t.value);
    if (tokens.length >= MAX_TOKENS) {
      dropped++;
      return;
    }
    tokens.push(t);
  };
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const word = m[0];
    if (word.length < MIN_OPAQUE_LENGTH) continue;
    if (word.startsWith(XOAUTH2_B64_PREFIX)) {
      const decoded = decodeBase64Text(word);
      const sasl = decoded === undefined ? undefined : parseXoauth2(decoded);
      if (sasl) {
        xoauth2User ??= sasl.user;
        const f = tokenShape(sasl.token);
        add({
          value: sasl.token,
          role: 'access_token',
          format: f,
          origin: `token inside the XOAUTH2 blob for user=${sasl.user.slice(0, 100)}`,
        });
        continue;
      }
    }
    const jwt = jwtInWord(unpadWord(word));
    if (jwt) {
      jwtCount++;
      add({ value: jwt, role: 'unknown', format: tokenShape(jwt), origin: `token #${jwtCount} in the pasted text` });
      continue;
    }
    if (ENTRA_OPAQUE.test(word))
      add({
        value: word,
        role: 'unknown',
        format: 'opaque',
        origin: 'opaque token (refresh token or code) in the pasted text',
      });
  }
  const kind: InputKind = tokens.length === 0 ? 'unrecognised' : xoauth2User !== undefined ? 'xoauth2' : 'text';
  return { kind, length, tokens, dropped, ...(xoauth2User === undefined ? {} : { xoauth2User }) };
}

/** Extract every token from one paste. Never throws; unknown input gives kind 'unrecognised' and no tokens. */
export function extractTokens(input: unknown): Extraction {
  const raw = typeof input === 'string' ? input : '';
  const length = raw.length;
  const cut = raw.length > MAX_SCAN_CHARS;
  if (cut) {
    // Say so, and do not read the word the cut falls in as a token: it is only the start of one.
    const head = raw.slice(0, MAX_SCAN_CHARS);
    const inWord = /\S$/.test(head) && /^\S/.test(raw.slice(MAX_SCAN_CHARS, MAX_SCAN_CHARS + 1));
    const lastSpace = Math.max(head.lastIndexOf(' '), head.lastIndexOf('\n'), head.lastIndexOf('\t'));
    const kept = (inWord ? head.slice(0, lastSpace + 1) : head).trim();
    const ex = kept === '' ? undefined : extractFrom(kept, length);
    return { ...(ex ?? { kind: 'unrecognised', length, tokens: [], dropped: 0 }), cut: true };
  }
  const text = raw.trim();
  if (text.length === 0) return { kind: 'empty', length, tokens: [], dropped: 0 };
  return extractFrom(text, length);
}

/** Extraction from the (trimmed, within-limit) text. */
function extractFrom(pasted: string, length: number): Extraction {
  // The most common paste, one bare compact JWS, is told by one pattern; everything below is for the rest (and
  // would end in the same answer for it, after three more passes over the token).
  if (JWS_SHAPE.test(pasted)) return single(pasted, 'jwt', 'the pasted token', 'unknown', length, 'jwt');
  // A token wrapped over several lines or quoted ("eyJ…" copied from JSON) is one token, padded or not.
  const normalised = normaliseCompactToken(pasted);
  const text = normalised === pasted ? pasted : normalised;

  const json = tryJson(text);
  if (json) {
    const fromResponse = fromTokenResponse(json, length);
    if (fromResponse) return fromResponse;
  }

  // One line, possibly with a prefix: "Authorization: Bearer x", "Bearer x", a raw token, a SASL blob.
  const isOneWord = !/\s/.test(text.replace(/^authorization\s*:\s*/i, '').replace(/^bearer\s+/i, ''));
  if (isOneWord) {
    let rest = text;
    let kind: InputKind = 'jwt';
    if (/^authorization\s*:/i.test(rest)) {
      rest = rest.replace(/^authorization\s*:\s*/i, '');
      kind = 'authorization-header';
    }
    if (/^bearer\s+/i.test(rest)) {
      rest = rest.replace(/^bearer\s+/i, '');
      if (kind === 'jwt') kind = 'bearer';
    }
    if (rest.startsWith(XOAUTH2_B64_PREFIX)) {
      const decoded = decodeBase64Text(rest);
      const sasl = decoded === undefined ? undefined : parseXoauth2(decoded);
      if (sasl) {
        const f = tokenShape(sasl.token);
        return {
          kind: 'xoauth2',
          length,
          tokens: [
            {
              value: sasl.token,
              role: 'access_token',
              format: f,
              origin: `token inside the XOAUTH2 blob for user=${sasl.user.slice(0, 100)}`,
            },
          ],
          dropped: 0,
          xoauth2User: sasl.user,
        };
      }
    }
    const shape = tokenShape(rest);
    if (shape === 'jwt' || shape === 'jwe' || (shape === 'malformed' && rest.length >= MIN_OPAQUE_LENGTH)) {
      const origin =
        kind === 'authorization-header'
          ? 'the Authorization header'
          : kind === 'bearer'
            ? 'the Bearer value'
            : 'the pasted token';
      return single(rest, kind, origin, kind === 'jwt' ? 'unknown' : 'access_token', length);
    }
    if (rest.length >= MIN_OPAQUE_LENGTH && OPAQUE_CHARS.test(rest)) {
      const role: TokenRole = kind === 'jwt' ? (ENTRA_OPAQUE.test(rest) ? 'refresh_token' : 'unknown') : 'access_token';
      const origin =
        kind === 'jwt' ? 'the pasted token' : kind === 'bearer' ? 'the Bearer value' : 'the Authorization header';
      return {
        kind: kind === 'jwt' ? 'opaque' : kind,
        length,
        tokens: [{ value: rest, role, format: 'opaque', origin }],
        dropped: 0,
      };
    }
  }

  // The raw (not base64) SASL string, as printed by some products' debug logs.
  if (text.startsWith('user=')) {
    const sasl = parseXoauth2(text);
    if (sasl && sasl.token.length > 0) {
      return {
        kind: 'xoauth2',
        length,
        tokens: [
          {
            value: sasl.token,
            role: 'access_token',
            format: tokenShape(sasl.token),
            origin: `token inside the XOAUTH2 string for user=${sasl.user.slice(0, 100)}`,
          },
        ],
        dropped: 0,
        xoauth2User: sasl.user,
      };
    }
  }

  return scanText(text, length);
}
