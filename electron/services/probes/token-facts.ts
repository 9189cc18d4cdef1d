// What a probe can learn from the access token itself, without verifying it (Graph and Outlook access tokens
// cannot be verified by clients by design): whose token it is, when it expires, whether it is app-only and
// which resource it was issued for. Pure; used to explain a refusal before blaming the server.
import type { ProbeTokenFacts } from '../../../shared/probes/schema';
import { audiences, resourceOfAudience } from '../../../shared/tokens/classify';
import { decodeToken } from '../../../shared/tokens/decode';
import { guestUniqueName } from '../../../shared/tokens/identity-verdict';

/** Accepts a raw JWT or "Bearer <jwt>", the forms people paste. */
export function normaliseAccessToken(raw: string): string {
  return raw.trim().replace(/^Bearer\s+/i, '');
}

export function tokenFacts(rawToken: string, now: Date = new Date()): ProbeTokenFacts {
  const decoded = decodeToken(normaliseAccessToken(rawToken));
  // An opaque token (MSA, some on-premises issuers) still gets probed; we just cannot cross-check it.
  if (!decoded.ok) return { expired: false, appOnly: false, decodable: false };
  const { claims } = decoded;
  const str = (k: string): string | undefined =>
    typeof claims[k] === 'string' && (claims[k] as string).length > 0 ? (claims[k] as string) : undefined;
  // v1 Outlook tokens carry upn/unique_name, v2 tokens preferred_username; upn is the sign-in name Exchange checks.
  // Never email: it is not who signed in.
  const unique = str('unique_name');
  const identity = (str('upn') ?? str('preferred_username') ?? (unique && guestUniqueName(unique)))?.toLowerCase();
  const exp = typeof claims.exp === 'number' ? claims.exp : undefined;
  const aud = Array.isArray(claims.aud) ? audiences(claims).join(' ') : str('aud');
  const appOnly = str('scp') === undefined && Array.isArray(claims.roles);
  return {
    ...(identity === undefined ? {} : { identity }),
    expired: exp !== undefined && exp * 1000 <= now.getTime(),
    ...(exp === undefined ? {} : { expiresAt: new Date(exp * 1000).toISOString() }),
    appOnly,
    ...(aud === undefined ? {} : { audience: aud }),
    decodable: true,
  };
}

/** Which resource the token was issued for, as far as the probes care: the first audience that is Graph or Outlook. */
export function audienceKind(audience: string | undefined): 'graph' | 'outlook' | 'unknown' {
  for (const a of (audience ?? '').split(/\s+/)) {
    if (a === '') continue;
    const r = resourceOfAudience(a).resource;
    if (r === 'graph' || r === 'outlook') return r;
  }
  return 'unknown';
}
