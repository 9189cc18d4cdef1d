// The Test mailbox results of each authorize run, kept in main by token-set id: the latest result per protocol, so
// the renderer shows them again when the admin comes back to the run, and the field sheet can say which mail
// server values a probe actually proved (and where it ran). Bounded like the token store: the oldest runs go.
import { PROBE_PROTOCOLS, type ProbeProtocol, type ProbeResult } from '../../../shared/probes/schema';

interface RunResults {
  mailbox: string;
  readonly byProtocol: Map<ProbeProtocol, ProbeResult>;
}

export class ProbeResultsStore {
  readonly #runs = new Map<string, RunResults>();
  constructor(private readonly maxRuns = 50) {}

  /** Records results of a run's probe (a newer result for a protocol replaces the older one). */
  record(tokenSetId: string, mailbox: string, results: readonly ProbeResult[]): void {
    let run = this.#runs.get(tokenSetId);
    if (run === undefined) {
      run = { mailbox, byProtocol: new Map() };
      this.#runs.set(tokenSetId, run);
      while (this.#runs.size > this.maxRuns) {
        const oldest = this.#runs.keys().next().value;
        if (oldest === undefined) break;
        this.#runs.delete(oldest);
      }
    }
    // Results for another mailbox replace the earlier mailbox's: the run's results are about one mailbox.
    if (run.mailbox !== mailbox) {
      run.byProtocol.clear();
      run.mailbox = mailbox;
    }
    for (const r of results) {
      // A run stopped half-way (the admin left the page) does not hide what an earlier test proved.
      if (r.outcome === 'cancelled' && run.byProtocol.has(r.protocol)) continue;
      run.byProtocol.set(r.protocol, r);
    }
  }

  /** The run's latest results in protocol order (empty when none were recorded). */
  get(tokenSetId: string): { results: ProbeResult[]; mailbox?: string } {
    const run = this.#runs.get(tokenSetId);
    if (run === undefined) return { results: [] };
    const results = PROBE_PROTOCOLS.map((p) => run.byProtocol.get(p)).filter((r): r is ProbeResult => r !== undefined);
    return { results, mailbox: run.mailbox };
  }
}
