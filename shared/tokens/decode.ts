// Owns decoding one token string into header + claims with jose (decodeProtectedHeader, decodeJwt), without
// verifying anything. Never throws: a JWE, an opaque string or a broken JWT comes back as a reason. Base64 `=`
// padding, line breaks and surrounding quotes are tolerated; the content is checked as strictly as ever. Claims
// nested deeper than MAX_CLAIM_DEPTH are cut to a note: a 5,000-deep claim would otherwise overflow every recursive
// consumer after us (structured clone across IPC, zod, React).
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { normaliseCompactToken, tokenShape } from './extract';

export type Decoded =
  | { readonly ok: true; readonly header: Record<string, unknown>; readonly claims: Record<string, unknown> }
  | {
      readonly ok: false;
      readonly format: 'jwe' | 'opaque' | 'malformed';
      readonly reason: string;
      readonly header?: Record<string, unknown>;
    };

/** Real tokens nest claims two or three levels; anything deeper than this is shown as a note, not walked. */
export const MAX_CLAIM_DEPTH = 16;

const tooDeep = (): string => `(nested deeper than ${MAX_CLAIM_DEPTH} levels: not shown)`;

/** A value copied to at most MAX_CLAIM_DEPTH levels; every object rebuilt by plain() (own keys, no prototype tricks). */
function bounded(v: unknown, depth: number): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (depth >= MAX_CLAIM_DEPTH) return tooDeep();
  if (Array.isArray(v)) return v.map((x) => bounded(x, depth + 1));
  return plain(v, depth + 1);
}

/** Copy into a plain object with defineProperty, so a `__proto__` key stays a claim, not a prototype. */
function plain(o: object, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o))
    Object.defineProperty(out, k, { value: bounded(v, depth), enumerable: true, writable: true, configurable: true });
  return out;
}

/**
 * True when an object or array nests deeper than MAX_CLAIM_DEPTH; a walk without copying, stopping at the limit.
 * Runs on every decoded token, so it only descends into objects and arrays (no call per string or number) and walks
 * arrays by index (for…in would enumerate their indices as strings): a quarter of decodeJws's time before (issue 22).
 */
function tooDeepAt(v: object, depth: number): boolean {
  if (depth >= MAX_CLAIM_DEPTH) return true;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (x !== null && typeof x === 'object' && tooDeepAt(x, depth + 1)) return true;
    }
    return false;
  }
  // for…in, not Object.values: no array per object. JSON.parse's objects inherit nothing enumerable.
  const o = v as Record<string, unknown>;
  for (const k in o) {
    const x = o[k];
    if (x !== null && typeof x === 'object' && tooDeepAt(x, depth + 1)) return true;
  }
  return false;
}

/**
 * jose hands back JSON.parse's own objects: plain, every key (`__proto__` too) an own data property, so they are
 * kept as they are. Only a value nested too deep is rebuilt (cut by plain()); copying every claim of every token
 * was most of an inspection's cost (issue 22).
 */
function asClaims(o: Record<string, unknown>): Record<string, unknown> {
  return tooDeepAt(o, -1) ? plain(o) : o;
}

export function decodeToken(raw: string): Decoded {
  // Padded parts, line breaks and quotes around the token are copying artefacts, not content (extract.ts).
  const value = typeof raw === 'string' ? normaliseCompactToken(raw) : '';
  const shape = tokenShape(value);
  if (shape === 'opaque')
    return { ok: false, format: 'opaque', reason: 'Not a JSON Web Token: an opaque string only its issuer can read.' };
  if (shape === 'jwe') {
    let header: Record<string, unknown> | undefined;
    try {
      header = asClaims(decodeProtectedHeader(value));
    } catch {
      header = undefined;
    }
    return {
      ok: false,
      format: 'jwe',
      reason: 'An encrypted token (JWE, five parts): only the resource it was issued for can read its claims.',
      ...(header ? { header } : {}),
    };
  }
  if (shape === 'malformed')
    return {
      ok: false,
      format: 'malformed',
      reason:
        'Starts like a JWT but does not have three base64url parts separated by dots (cut off or altered while copying?).',
    };
  return decodeJws(value);
}

/**
 * decodeToken's last step, for a value already known to be a bare compact JWS: what extractTokens hands over as
 * format 'jwt' (it normalised the paste and took the shape), so an inspection does not walk the token twice more.
 */
export function decodeJws(value: string): Decoded {
  let header: Record<string, unknown>;
  try {
    // Only the header part (jose takes it as a flattened JWS's `protected`): handing over the whole token had jose
    // split all of it again just to read its first part.
    const dot = value.indexOf('.');
    header = asClaims(decodeProtectedHeader(dot > 0 ? { protected: value.slice(0, dot) } : value));
  } catch (e) {
    return {
      ok: false,
      format: 'malformed',
      reason: `The header is not valid base64url JSON (${e instanceof Error ? e.message.slice(0, 120) : 'unreadable'}).`,
    };
  }
  try {
    return { ok: true, header, claims: asClaims(decodeJwt(value)) };
  } catch (e) {
    return {
      ok: false,
      format: 'malformed',
      header,
      reason: `The claims part is not valid base64url JSON (${e instanceof Error ? e.message.slice(0, 120) : 'unreadable'}).`,
    };
  }
}
