// Owns decoding one token string into header + claims with jose (decodeProtectedHeader, decodeJwt), without
// verifying anything. Never throws: a JWE, an opaque string or a broken JWT comes back as a reason. Base64 `=`
// padding, line breaks and surrounding quotes are tolerated; the content is checked as strictly as ever.
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

/** Copy into a null-prototype-free plain object so a `__proto__` claim stays a claim, not a prototype. */
function plain(o: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o))
    Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
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
      header = plain(decodeProtectedHeader(value));
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
  let header: Record<string, unknown>;
  try {
    header = plain(decodeProtectedHeader(value));
  } catch (e) {
    return {
      ok: false,
      format: 'malformed',
      reason: `The header is not valid base64url JSON (${e instanceof Error ? e.message.slice(0, 120) : 'unreadable'}).`,
    };
  }
  try {
    return { ok: true, header, claims: plain(decodeJwt(value)) };
  } catch (e) {
    return {
      ok: false,
      format: 'malformed',
      header,
      reason: `The claims part is not valid base64url JSON (${e instanceof Error ? e.message.slice(0, 120) : 'unreadable'}).`,
    };
  }
}
