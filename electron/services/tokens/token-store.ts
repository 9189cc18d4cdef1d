// Where tokens live: in main-process memory only, keyed by a random id. The renderer gets ids and the
// public view (claims, masked previews, lengths, expiry); copy, export and the probes ask for the secret values
// by id (accessTokenFor picks a protocol's token). The oldest sets are dropped beyond a cap; clear() wipes all.
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

export class TokenStore {
  readonly #sets = new Map<string, TokenSet>();
  constructor(
    private readonly maxSets = 50,
    private readonly now: () => number = Date.now,
  ) {}

  put(set: Omit<TokenSet, 'id' | 'createdAt'>): TokenSet {
    const stored: TokenSet = { ...set, id: randomUUID(), createdAt: this.now() };
    this.#sets.set(stored.id, stored);
    // Oldest first: drop beyond the cap so a long session does not accumulate credentials.
    while (this.#sets.size > this.maxSets) {
      const oldest = this.#sets.keys().next().value;
      if (oldest === undefined) break;
      this.#sets.delete(oldest);
    }
    return stored;
  }

  get(id: string): TokenSet | undefined {
    return this.#sets.get(id);
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
    return this.#sets.delete(id);
  }

  clear(): void {
    this.#sets.clear();
  }

  get size(): number {
    return this.#sets.size;
  }
}
