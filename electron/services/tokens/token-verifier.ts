// Owns signature verification of pasted or received tokens: issuer discovery (iss → openid-configuration →
// jwks_uri) and jose's remote JWKS with caching and a timeout. Only issuers on Microsoft login hosts (or
// hosts the caller trusts, e.g. a custom authority / the emulator) are contacted: a token naming its own
// issuer must not get to pick the keys that "prove" it. Tokens for Microsoft's own APIs (header `nonce`,
// Graph/Outlook audiences) are not verifiable by clients by design; an unreachable JWKS is "not verified",
// never "valid".
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { compactVerify, createRemoteJWKSet, customFetch, errors, type FetchImplementation } from 'jose';
import { LOGIN_HOSTS } from '../../../shared/cloud/clouds';
import { audiences, decodeToken, resourceOfAudience } from '../../../shared/tokens';

export type VerifyStatus =
  | 'valid'
  | 'invalid-signature'
  | 'untrusted-issuer'
  | 'not-verifiable-by-design'
  | 'not-verified-offline'
  | 'not-verifiable';

export interface VerifyResult {
  readonly status: VerifyStatus;
  /** Stable UPPER_SNAKE code, e.g. SIGNATURE_VALID, SIGNATURE_INVALID, JWKS_UNAVAILABLE. */
  readonly code: string;
  /** One line: what was (or could not be) established, and why. */
  readonly reason: string;
  readonly issuer?: string;
  readonly keyId?: string;
  readonly jwksUri?: string;
}

/** The subset of fetch that discovery and jose's JWKS loader use. */
export type FetchLike = FetchImplementation;

export interface TokenVerifierOptions {
  /** Defaults to global fetch; inject one that trusts a custom CA (see createCaFetch) for a custom authority. */
  readonly fetch?: FetchLike;
  /** Per request (discovery and JWKS). */
  readonly timeoutMs?: number;
  /** Extra issuer hosts (host or host:port) to trust besides Microsoft's login hosts. */
  readonly trustedIssuerHosts?: readonly string[];
  /** How long discovery results and key sets are reused. */
  readonly cacheMaxAgeMs?: number;
  readonly now?: () => number;
}

export interface VerifyRequest {
  readonly token: string;
  /** When given, the token's iss must equal it exactly. */
  readonly expectedIssuer?: string | undefined;
}

export interface TokenVerifier {
  verify(request: VerifyRequest): Promise<VerifyResult>;
}

const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'];

/** The openid-configuration URL for an issuer. v1 issuers (sts.windows.net/<tid>/) are discovered on login.microsoftonline.com. */
export function discoveryUrlFor(issuer: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.search || url.hash) return undefined;
  if (url.hostname === 'sts.windows.net') url = new URL(`https://login.microsoftonline.com${url.pathname}`);
  const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  return new URL(`${url.origin}${path}.well-known/openid-configuration`);
}

function trustedHost(url: URL, extra: readonly string[]): boolean {
  const host = url.host.toLowerCase();
  return (
    LOGIN_HOSTS.includes(url.hostname.toLowerCase()) ||
    extra.some((h) => h.toLowerCase() === host || h.toLowerCase() === url.hostname.toLowerCase())
  );
}

const offline = (code: string, reason: string, extra: Partial<VerifyResult> = {}): VerifyResult => ({
  status: 'not-verified-offline',
  code,
  reason,
  ...extra,
});

function describeError(e: unknown): string {
  if (e instanceof Error) {
    const cause = (e as { cause?: unknown }).cause;
    const causeText = cause instanceof Error ? `: ${cause.message}` : '';
    return `${e.message}${causeText}`.slice(0, 300);
  }
  return String(e).slice(0, 300);
}

interface Discovered {
  readonly jwksUri: string;
  readonly at: number;
}

export function createTokenVerifier(options: TokenVerifierOptions = {}): TokenVerifier {
  const fetchImpl: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));
  const timeoutMs = options.timeoutMs ?? 5000;
  const maxAge = options.cacheMaxAgeMs ?? 10 * 60_000;
  const extraHosts = options.trustedIssuerHosts ?? [];
  const now = options.now ?? Date.now;
  const discovered = new Map<string, Discovered>();
  const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

  async function discover(issuer: string, url: URL): Promise<VerifyResult | Discovered> {
    const cached = discovered.get(issuer);
    if (cached && now() - cached.at < maxAge) return cached;
    let body: unknown;
    try {
      const res = await fetchImpl(url.href, {
        method: 'GET',
        headers: new Headers({ accept: 'application/json' }),
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (res.status !== 200)
        return offline(
          'DISCOVERY_UNAVAILABLE',
          `The issuer's OpenID configuration answered HTTP ${res.status}, so its signing keys could not be fetched; the signature was not verified.`,
          { issuer },
        );
      body = await res.json();
    } catch (e) {
      const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
      return offline(
        timedOut ? 'DISCOVERY_TIMEOUT' : 'DISCOVERY_UNAVAILABLE',
        `${timedOut ? `No answer from ${url.host} within ${timeoutMs} ms` : `Could not reach ${url.host} (${describeError(e)})`}; the signature was not verified.`,
        { issuer },
      );
    }
    const doc = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
    const jwksUri = typeof doc['jwks_uri'] === 'string' ? doc['jwks_uri'] : undefined;
    const docIssuer = typeof doc['issuer'] === 'string' ? doc['issuer'] : undefined;
    if (!jwksUri)
      return offline(
        'DISCOVERY_INVALID',
        'The issuer’s OpenID configuration has no jwks_uri; the signature was not verified.',
        { issuer },
      );
    // Entra's v1 documents name sts.windows.net; multi-tenant documents use a {tenantid} template.
    const expectedIssuer = docIssuer?.replace('{tenantid}', issuer.split('/')[3] ?? '');
    if (expectedIssuer !== undefined && expectedIssuer !== issuer) {
      return {
        status: 'untrusted-issuer',
        code: 'DISCOVERY_ISSUER_MISMATCH',
        reason: `The issuer’s configuration names ${expectedIssuer}, not the token’s iss ${issuer}.`,
        issuer,
      };
    }
    let jwksUrl: URL;
    try {
      jwksUrl = new URL(jwksUri);
    } catch {
      return offline(
        'DISCOVERY_INVALID',
        'The jwks_uri in the issuer’s configuration is not a URL; the signature was not verified.',
        { issuer },
      );
    }
    if (jwksUrl.protocol !== 'https:' || !trustedHost(jwksUrl, extraHosts)) {
      return {
        status: 'untrusted-issuer',
        code: 'JWKS_HOST_NOT_TRUSTED',
        reason: `The keys are published on ${jwksUrl.host}, which is not a Microsoft login host or a trusted authority.`,
        issuer,
        jwksUri,
      };
    }
    const d = { jwksUri: jwksUrl.href, at: now() };
    discovered.set(issuer, d);
    return d;
  }

  function keySet(jwksUri: string): ReturnType<typeof createRemoteJWKSet> {
    let set = keySets.get(jwksUri);
    if (!set) {
      set = createRemoteJWKSet(new URL(jwksUri), {
        timeoutDuration: timeoutMs,
        cacheMaxAge: maxAge,
        cooldownDuration: 30_000,
        [customFetch]: fetchImpl,
      });
      keySets.set(jwksUri, set);
    }
    return set;
  }

  return {
    async verify({ token, expectedIssuer }) {
      const compact = typeof token === 'string' ? token.trim() : '';
      const decoded = decodeToken(compact);
      if (!decoded.ok) {
        return {
          status: 'not-verifiable',
          code:
            decoded.format === 'jwe'
              ? 'TOKEN_ENCRYPTED'
              : decoded.format === 'opaque'
                ? 'TOKEN_OPAQUE'
                : 'TOKEN_MALFORMED',
          reason: decoded.reason,
        };
      }
      const { header, claims } = decoded;
      const keyId = typeof header['kid'] === 'string' ? header['kid'] : undefined;
      const issuer = typeof claims['iss'] === 'string' ? claims['iss'] : undefined;
      const base = { ...(issuer ? { issuer } : {}), ...(keyId ? { keyId } : {}) };
      if (header['nonce'] !== undefined) {
        return {
          status: 'not-verifiable-by-design',
          code: 'SIGNATURE_NOT_VERIFIABLE_BY_DESIGN',
          reason:
            'Not verifiable by clients by design: the header nonce means only Microsoft Graph can check the signature. Claims checked, signature not.',
          ...base,
        };
      }
      const microsoftApi = audiences(claims)
        .map(resourceOfAudience)
        .find((r) => r.resource !== 'other');
      if (microsoftApi) {
        return {
          status: 'not-verifiable-by-design',
          code: 'SIGNATURE_NOT_VERIFIABLE_BY_DESIGN',
          reason: `Not verifiable by clients by design: tokens for ${microsoftApi.label} are checked by that service only. Claims checked, signature not.`,
          ...base,
        };
      }
      const alg = typeof header['alg'] === 'string' ? header['alg'] : 'none';
      if (!ALGORITHMS.includes(alg)) {
        return {
          status: 'invalid-signature',
          code: alg.toLowerCase() === 'none' ? 'TOKEN_UNSIGNED' : 'ALG_NOT_ALLOWED',
          reason: `The token uses alg "${alg.slice(0, 20)}", which an Entra ID token never uses; it is not accepted.`,
          ...base,
        };
      }
      if (!issuer)
        return {
          status: 'not-verifiable',
          code: 'ISSUER_MISSING',
          reason: 'The token has no iss claim, so there is no issuer whose keys could verify it.',
          ...base,
        };
      if (expectedIssuer !== undefined && expectedIssuer !== issuer) {
        return {
          status: 'untrusted-issuer',
          code: 'ISSUER_UNEXPECTED',
          reason: `The token was issued by ${issuer}, not the expected ${expectedIssuer}.`,
          ...base,
        };
      }
      const url = discoveryUrlFor(issuer);
      if (!url)
        return {
          status: 'untrusted-issuer',
          code: 'ISSUER_NOT_TRUSTED',
          reason: `The issuer ${issuer.slice(0, 200)} is not an https authority URL.`,
          ...base,
        };
      if (!trustedHost(url, extraHosts)) {
        return {
          status: 'untrusted-issuer',
          code: 'ISSUER_NOT_TRUSTED',
          reason: `The issuer host ${url.host} is not a Microsoft login host or a configured authority, so its keys would prove nothing.`,
          ...base,
        };
      }
      const d = await discover(issuer, url);
      if ('status' in d) return { ...d, ...base };
      const withUri = { ...base, jwksUri: d.jwksUri };
      try {
        await compactVerify(compact, keySet(d.jwksUri), { algorithms: ALGORITHMS });
        return {
          status: 'valid',
          code: 'SIGNATURE_VALID',
          reason: `Signed by ${issuer} with key ${keyId ?? '(no kid)'} from its published key set.`,
          ...withUri,
        };
      } catch (e) {
        if (e instanceof errors.JWSSignatureVerificationFailed) {
          return {
            status: 'invalid-signature',
            code: 'SIGNATURE_INVALID',
            reason: `The signature does not match key ${keyId ?? '(no kid)'} of ${issuer}: the token was altered or signed by someone else.`,
            ...withUri,
          };
        }
        if (e instanceof errors.JWKSNoMatchingKey || e instanceof errors.JWKSMultipleMatchingKeys) {
          return {
            status: 'invalid-signature',
            code: 'SIGNING_KEY_NOT_FOUND',
            reason: `${issuer} publishes no key ${keyId ?? '(no kid)'}: the token was signed by a key this issuer does not use.`,
            ...withUri,
          };
        }
        if (e instanceof errors.JWKSTimeout)
          return offline(
            'JWKS_TIMEOUT',
            `The key set at ${new URL(d.jwksUri).host} did not answer within ${timeoutMs} ms; the signature was not verified.`,
            withUri,
          );
        if (e instanceof errors.JWKSInvalid)
          return offline(
            'JWKS_INVALID',
            'The issuer’s key set is not a valid JWKS; the signature was not verified.',
            withUri,
          );
        if (e instanceof errors.JOSEAlgNotAllowed || e instanceof errors.JOSENotSupported) {
          return {
            status: 'invalid-signature',
            code: 'ALG_NOT_ALLOWED',
            reason: `The token’s algorithm does not match the issuer’s keys (${describeError(e)}).`,
            ...withUri,
          };
        }
        if (e instanceof errors.JWSInvalid)
          return { status: 'not-verifiable', code: 'TOKEN_MALFORMED', reason: describeError(e), ...withUri };
        // Network failures, non-200 answers: we simply do not know.
        return offline(
          'JWKS_UNAVAILABLE',
          `The issuer’s key set could not be fetched (${describeError(e)}); the signature was not verified.`,
          withUri,
        );
      }
    },
  };
}

/** A fetch for the JWKS loader and discovery that trusts an extra CA (a custom authority, the emulator). */
export function createCaFetch(caPem: string): FetchLike {
  // One agent (one TLS context) for this CA, not one per request: contexts are costly in native memory.
  const agent = new HttpsAgent({ ca: caPem, keepAlive: false });
  return (url, init) =>
    new Promise<Response>((resolve, reject) => {
      const headers: Record<string, string> = {};
      init.headers.forEach((value, name) => {
        headers[name] = value;
      });
      const req = httpsRequest(url, { method: 'GET', headers, agent, signal: init.signal }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > 1024 * 1024) req.destroy(new Error('response larger than 1 MiB'));
          else chunks.push(c);
        });
        res.on('end', () =>
          resolve(
            new Response(Buffer.concat(chunks), {
              status: res.statusCode ?? 502,
              headers: { 'content-type': String(res.headers['content-type'] ?? 'application/json') },
            }),
          ),
        );
        res.on('error', reject);
      });
      // Report an abort as the signal's reason (a TimeoutError), the way fetch does, so jose says "timeout".
      req.on('error', (e) => reject(init.signal.aborted ? (init.signal.reason as unknown) : e));
      req.end();
    });
}
