// Certificate credentials at the emulator's token endpoint: a client_assertion (RFC 7523 jwt-bearer) signed with the
// private key of a certificate registered on the app, checked as "Microsoft identity platform application
// authentication certificate credentials" describes it — header x5t#S256 (SHA-256 thumbprint of the certificate's
// DER, with PS256) or the older x5t (SHA-1, with RS256) naming a certificate on the app; aud the token endpoint;
// iss and sub the client id; a jti; exp not passed (nbf not ahead). The signature is verified with jose against the
// registered certificate's public key, so a key the app does not own, or a thumbprint of another certificate, fails.
import { createHash, X509Certificate } from 'node:crypto';
import { decodeProtectedHeader, errors as joseErrors, jwtVerify } from 'jose';
import type { AppRegistration } from './directory';
import { aadsts, type AadstsError } from './errors';

export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

type Registered = NonNullable<AppRegistration['certificates']>[number];

function thumbprints(pem: string): { sha256: string; sha1: string; cert: X509Certificate } | undefined {
  try {
    const cert = new X509Certificate(pem);
    return {
      sha256: createHash('sha256').update(cert.raw).digest('base64url'),
      sha1: createHash('sha1').update(cert.raw).digest('base64url'),
      cert,
    };
  } catch {
    return undefined;
  }
}

/** The certificate the header's thumbprint names among the app's uploaded ones (its `pem` present). */
function registeredFor(app: AppRegistration, header: Record<string, unknown>): Registered | undefined {
  const s256 = header['x5t#S256'];
  const s1 = header.x5t;
  return (app.certificates ?? []).find((c) => {
    const t = c.pem === undefined ? undefined : thumbprints(c.pem);
    return (
      t !== undefined && ((typeof s256 === 'string' && t.sha256 === s256) || (typeof s1 === 'string' && t.sha1 === s1))
    );
  });
}

/** The thumbprint the client used, as Entra prints it in AADSTS700027 (upper-case hex). */
function usedThumbprint(header: Record<string, unknown>): string {
  const t = typeof header['x5t#S256'] === 'string' ? header['x5t#S256'] : header.x5t;
  return typeof t === 'string' ? Buffer.from(t, 'base64url').toString('hex').toUpperCase() : '';
}

/**
 * Verifies `assertion` for `app`. `audiences` are the token endpoint URLs this request could name (the tenant by id
 * or as the request's path segment; v2.0 and v1); `nowSec` is the emulator's clock. Undefined when the assertion
 * authenticates the app.
 */
export async function verifyClientAssertion(
  app: AppRegistration,
  assertion: string,
  opts: { readonly audiences: readonly string[]; readonly nowSec: number },
): Promise<AadstsError | undefined> {
  let header: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(assertion) as Record<string, unknown>;
  } catch {
    return aadsts.assertionMalformed('The client assertion is not a JWT.');
  }
  const alg = header.alg;
  if (alg !== 'PS256' && alg !== 'RS256') return aadsts.assertionMalformed(`Unsupported algorithm '${String(alg)}'.`);
  const registered = registeredFor(app, header);
  if (registered?.pem === undefined) return aadsts.certificateNotRegistered(usedThumbprint(header), app.clientId);
  if (Date.parse(registered.expires) <= opts.nowSec * 1000)
    return aadsts.certificateNotRegistered(usedThumbprint(header), app.clientId);
  const cert = thumbprints(registered.pem)?.cert;
  if (cert === undefined) return aadsts.certificateNotRegistered(usedThumbprint(header), app.clientId);
  try {
    const { payload } = await jwtVerify(assertion, cert.publicKey, {
      algorithms: [alg],
      currentDate: new Date(opts.nowSec * 1000),
      clockTolerance: 300,
      requiredClaims: ['aud', 'iss', 'sub', 'exp', 'jti'],
    });
    if (payload.iss !== app.clientId || payload.sub !== app.clientId) return aadsts.assertionOtherApp();
    const aud = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (!aud.some((a) => typeof a === 'string' && opts.audiences.includes(a.replace(/\/$/, ''))))
      return aadsts.assertionMalformed(`The audience '${aud.join(', ')}' is not this token endpoint.`);
    return undefined;
  } catch (e) {
    if (e instanceof joseErrors.JWTExpired) return aadsts.assertionTime();
    if (e instanceof joseErrors.JWTClaimValidationFailed && e.claim === 'nbf') return aadsts.assertionTime();
    if (e instanceof joseErrors.JWSSignatureVerificationFailed) return aadsts.assertionSignature();
    if (e instanceof joseErrors.JWTClaimValidationFailed)
      return aadsts.assertionMalformed(`Claim '${e.claim}' is missing.`);
    return aadsts.assertionMalformed('The client assertion could not be read.');
  }
}

/** The registry entry for an uploaded public certificate (Certificates & secrets → Upload certificate). */
export function uploadedCertificate(pem: string, id: string, description?: string): Registered {
  const cert = new X509Certificate(pem);
  const cn = /CN=([^\n,]+)/.exec(cert.subject)?.[1] ?? cert.subject;
  return { id, displayName: description ?? cn, expires: new Date(cert.validTo).toISOString(), pem: cert.toString() };
}
