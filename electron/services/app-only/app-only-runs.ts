// The app-only runs main keeps for the hand-over (field sheet, copy, export), by a random id the renderer holds: the
// run's non-secret config (RunConfig with `appOnly`), the client secret when one was used (so the sheet can copy the
// value that worked, as a delegated run's token set does), the probe results, findings and scope verdict. Never the
// tokens: a client-credentials token has no refresh token, lives an hour, and the product mints its own with the
// same secret or certificate (SECURITY.md). Like the token store: the newest few, each for an hour.
import { randomUUID } from 'node:crypto';
import type { RunConfig } from '../../../shared/authorize/schema';
import type { ScopeVerdict } from '../../../shared/app-only/verdict';
import type { Finding } from '../../../shared/findings';
import type { ProbeLike, VerdictLike } from '../../../shared/handover/field-sheet';

export interface AppOnlyRunRecord {
  readonly id: string;
  readonly at: number;
  readonly run: RunConfig;
  readonly clientSecret?: string;
  readonly verdict: VerdictLike;
  readonly findings: readonly Finding[];
  readonly probes: readonly ProbeLike[];
  readonly scope?: ScopeVerdict;
}

export class AppOnlyRunStore {
  readonly #runs = new Map<string, AppOnlyRunRecord>();

  constructor(
    private readonly options: { readonly max?: number; readonly ttlMs?: number; readonly now?: () => number } = {},
  ) {}

  put(record: Omit<AppOnlyRunRecord, 'id' | 'at'>): AppOnlyRunRecord {
    const stored: AppOnlyRunRecord = { ...record, id: randomUUID(), at: this.#now() };
    this.#runs.set(stored.id, stored);
    while (this.#runs.size > (this.options.max ?? 8)) {
      const oldest = this.#runs.keys().next().value;
      if (oldest === undefined) break;
      this.#runs.delete(oldest);
    }
    return stored;
  }

  get(id: string): AppOnlyRunRecord | undefined {
    const cutoff = this.#now() - (this.options.ttlMs ?? 60 * 60_000);
    for (const [k, r] of this.#runs) if (r.at <= cutoff) this.#runs.delete(k);
    return this.#runs.get(id);
  }

  #now(): number {
    return (this.options.now ?? Date.now)();
  }
}
