// Where tokens live: in main-process memory only, keyed by a random id. The renderer gets ids and the
// public view (claims, masked previews, lengths, expiry); copy, export and the probes ask for the secret values
// by id (accessTokenFor picks a protocol's token). A set expires TTL after it was stored (a timer deletes it,
// and every read checks the age), the oldest sets are dropped beyond a small cap, and clear() wipes all: a long
// session does not pile up refresh tokens and client secrets. Each set also remembers the probe hosts the person
// confirmed for its token in main's dialog (the run's saved custom hosts), and forgets them with the set.
import { randomUUID } from 'node:crypto';
import type { AuthorizeResult } from '../../../shared/authorize/schema';
import type { ProbeProtocol } from '../../../shared/probes/schema';
import { maskPreview } from '../../../shared/text/redact';
import { resourceOfAudience } from '../../../shared/tokens/classify';

export interface StoredToken {
  readonly value: string;
  /** For access tokens: the resource (e.g. https://outlook.office.com) and the scopes granted. */
  readonly resource?: string;
  readonly scopes?: readonly string[];
  readonly expiresAt?: number;
}

export interface TokenSet {
  readonly id: string;
  readonly createdAt: number;
  readonly accessTokens: readonly StoredToken[];
  readonly idToken?: StoredToken;
  readonly refreshToken?: StoredToken;
  /** The client secret used for this run (kept so a field sheet can copy the verified value). */
  readonly clientSecret?: string;
  /** The verified result of the run (public data), for the field sheet, copy, export and report. */
  readonly result?: AuthorizeResult;
  /** The saved profile the run was started with, so Watch can note what was handed over for it. */
  readonly profileId?: string;
}

export interface TokenPreview {
  readonly preview: string;
  readonly length: number;
  readonly resource?: string;
  readonly scopes?: readonly string[];
  readonly expiresAt?: number;
}

export function previewOf(t: StoredToken): TokenPreview {
  const p: { -readonly [K in keyof TokenPreview]: TokenPreview[K] } = {
    preview: maskPreview(t.value),
    length: t.value.length,
  };
  if (t.resource !== undefined) p.resource = t.resource;
  if (t.scopes !== undefined) p.scopes = [...t.scopes];
  if (t.expiresAt !== undefined) p.expiresAt = t.expiresAt;
  return p;
}

/** How many runs the store holds at most (the newest; a person compares a few runs, not dozens). */
export const DEFAULT_MAX_SETS = 8;
/** How long a run's tokens and secret stay: an access token lives about an hour, so does the work on its sheet. */
export const DEFAULT_TTL_MS = 60 * 60_000;

export interface TokenStoreOptions {
  readonly maxSets?: number;
  readonly ttlMs?: number;
  readonly now?: () => number;
}

export class TokenStore {
  readonly #sets = new Map<string, TokenSet>();
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #confirmed = new Map<string, Set<string>>();
  readonly #maxSets: number;
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor(options: TokenStoreOptions = {}) {
    this.#maxSets = options.maxSets ?? DEFAULT_MAX_SETS;
    this.#ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.#now = options.now ?? Date.now;
  }

  get ttlMs(): number {
    return this.#ttlMs;
  }

  put(set: Omit<TokenSet, 'id' | 'createdAt'>): TokenSet {
    this.#expire();
    const stored: TokenSet = { ...set, id: randomUUID(), createdAt: this.#now() };
    this.#sets.set(stored.id, stored);
    const timer = setTimeout(() => this.delete(stored.id), this.#ttlMs);
    // The expiry must not keep a CLI or test process alive; reads check the age as well.
    (timer as { unref?: () => void }).unref?.();
    this.#timers.set(stored.id, timer);
    // Oldest first: drop beyond the cap so a long session does not accumulate credentials.
    while (this.#sets.size > this.#maxSets) {
      const oldest = this.#sets.keys().next().value;
      if (oldest === undefined) break;
      this.delete(oldest);
    }
    return stored;
  }

  get(id: string): TokenSet | undefined {
    this.#expire();
    return this.#sets.get(id);
  }

  /** Drops every set older than the TTL (the timers do it too; a paused or throttled timer must not extend a set's life). */
  #expire(): void {
    const cutoff = this.#now() - this.#ttlMs;
    for (const [id, set] of this.#sets) if (set.createdAt <= cutoff) this.delete(id);
  }

  /** Remembers that the person confirmed sending this run's token to a probe destination (a destination key). */
  confirmDestination(id: string, key: string): void {
    if (!this.#sets.has(id)) return;
    const keys = this.#confirmed.get(id) ?? new Set<string>();
    keys.add(key);
    this.#confirmed.set(id, keys);
  }

  /** The probe destinations the person already confirmed for this run's token. */
  confirmedDestinations(id: string): ReadonlySet<string> {
    return this.get(id) === undefined ? new Set() : (this.#confirmed.get(id) ?? new Set());
  }

  /** Attaches the run's verified result once verification has finished. */
  setResult(id: string, result: AuthorizeResult): void {
    const set = this.#sets.get(id);
    if (set) this.#sets.set(id, { ...set, result });
  }

  /**
   * The access token a protocol needs from a stored set: Graph's for Graph, Exchange's (Outlook) for IMAP/POP/SMTP,
   * else the first one; undefined when the set is gone. The one way a token-set id becomes a token to probe with.
   */
  accessTokenFor(id: string, protocol: ProbeProtocol): string | undefined {
    const set = this.get(id);
    if (set === undefined) return undefined;
    const wantGraph = protocol === 'graph';
    const isGraph = (t: StoredToken): boolean => resourceOfAudience(t.resource ?? '').resource === 'graph';
    return (set.accessTokens.find((t) => isGraph(t) === wantGraph) ?? set.accessTokens[0])?.value;
  }

  delete(id: string): boolean {
    const timer = this.#timers.get(id);
    if (timer !== undefined) clearTimeout(timer);
    this.#timers.delete(id);
    this.#confirmed.delete(id);
    return this.#sets.delete(id);
  }

  clear(): void {
    for (const id of [...this.#sets.keys()]) this.delete(id);
  }

  get size(): number {
    this.#expire();
    return this.#sets.size;
  }
}
