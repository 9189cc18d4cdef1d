// Keeps an authority's endpoint metadata (its OpenID configuration, as MSAL-node validated and stored it) for a few
// minutes, so the next flow against the same authority hands it to MSAL (auth.authorityMetadata) instead of MSAL
// discovering it again on every flow (issue 22: one HTTPS round trip with a new TLS connection before each sign-in
// window). A miss behaves exactly as before: MSAL discovers, validates the issuer, and we learn what it stored.
// Bounded: a short time to live, a few authorities, and an authority whose flow failed is forgotten, so a stale
// endpoint costs at most one failed flow.

/** The fields MSAL reads from an authorityMetadata string (msal-common OpenIdConfigResponse). */
const ENDPOINT_FIELDS = ['authorization_endpoint', 'token_endpoint', 'end_session_endpoint', 'issuer', 'jwks_uri'];

/** What MSAL keeps per authority in its cache (msal-common AuthorityMetadataEntity), as far as we read it. */
interface StoredAuthorityMetadata {
  readonly canonical_authority?: unknown;
  readonly endpointsFromNetwork?: unknown;
  readonly expiresAt?: unknown;
  readonly [field: string]: unknown;
}

/**
 * The part of a ConfidentialClientApplication we read: its (protected) NodeStorage's authority-metadata entries.
 * Not part of MSAL's typed API, so every step is checked; if MSAL ever changes it, nothing is learnt and every flow
 * discovers as before (tests/unit/electron/services/authorize/authority-metadata.test.ts fails against the real MSAL).
 */
interface MsalWithStorage {
  readonly storage?: {
    readonly getAuthorityMetadataKeys?: () => string[];
    readonly getAuthorityMetadata?: (key: string) => StoredAuthorityMetadata | null;
  };
}

export interface AuthorityMetadataCacheOptions {
  /** How long a learnt configuration is used (default 10 minutes, as the ID-token verifier keeps discovery). */
  readonly ttlMs?: number;
  /** How many authorities are kept (default 8); the oldest goes first. */
  readonly maxEntries?: number;
  readonly now?: () => number;
}

/** The cache key: the authority URL and everything its requests were trusted or routed with. */
export function authorityMetadataKey(authority: string, ca: string | undefined, proxyUrl: string): string {
  return `${authority.toLowerCase().replace(/\/+$/, '')}\n${proxyUrl}\n${ca ?? ''}`;
}

export class AuthorityMetadataCache {
  readonly #entries = new Map<string, { readonly metadata: string; readonly until: number }>();
  readonly #ttlMs: number;
  readonly #max: number;
  readonly #now: () => number;

  constructor(options: AuthorityMetadataCacheOptions = {}) {
    this.#ttlMs = options.ttlMs ?? 10 * 60_000;
    this.#max = Math.max(1, options.maxEntries ?? 8);
    this.#now = options.now ?? Date.now;
  }

  /** The authorityMetadata string for MSAL's auth config, while it is fresh; undefined means "let MSAL discover". */
  get(key: string): string | undefined {
    const e = this.#entries.get(key);
    if (e === undefined) return undefined;
    if (this.#now() >= e.until) {
      this.#entries.delete(key);
      return undefined;
    }
    return e.metadata;
  }

  /**
   * After MSAL discovered `authority` itself (getAuthCodeUrl succeeded without authorityMetadata): keep the endpoints
   * it stored, only when they came from the network (so MSAL validated the issuer) and are complete. Returns whether
   * something was learnt.
   */
  learn(key: string, authority: string, msal: unknown): boolean {
    const storage = (msal as MsalWithStorage).storage;
    if (typeof storage?.getAuthorityMetadataKeys !== 'function' || typeof storage.getAuthorityMetadata !== 'function')
      return false;
    const wanted = authority.toLowerCase().replace(/\/+$/, '');
    for (const k of storage.getAuthorityMetadataKeys()) {
      const m = storage.getAuthorityMetadata(k);
      if (m === null || m.endpointsFromNetwork !== true) continue;
      if (
        typeof m.canonical_authority !== 'string' ||
        m.canonical_authority.toLowerCase().replace(/\/+$/, '') !== wanted
      )
        continue;
      const metadata: Record<string, string> = {};
      for (const f of ENDPOINT_FIELDS) {
        const v = m[f];
        if (typeof v === 'string') metadata[f] = v;
      }
      // end_session_endpoint is optional in a discovery document; the others MSAL needs.
      if (['authorization_endpoint', 'token_endpoint', 'issuer', 'jwks_uri'].some((f) => !metadata[f])) return false;
      // Never longer than MSAL itself would have kept it.
      const msalUntil = typeof m.expiresAt === 'number' ? m.expiresAt * 1000 : Number.POSITIVE_INFINITY;
      const until = Math.min(this.#now() + this.#ttlMs, msalUntil);
      this.#entries.delete(key);
      while (this.#entries.size >= this.#max) {
        const oldest = this.#entries.keys().next().value;
        if (oldest === undefined) break;
        this.#entries.delete(oldest);
      }
      this.#entries.set(key, { metadata: JSON.stringify(metadata), until });
      return true;
    }
    return false;
  }

  /** A flow against this authority failed: the next one discovers again. */
  forget(key: string): void {
    this.#entries.delete(key);
  }
}
