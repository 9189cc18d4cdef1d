// Runs in flight, by the caller's run id, so `probes.cancel` can stop one from another IPC call.
import { codedError } from '../errors';

export class ProbeRuns {
  private readonly running = new Map<string, AbortController>();

  /** Registers a run and returns its signal; a run id can be in use once at a time. */
  start(runId: string): AbortSignal {
    if (this.running.has(runId)) throw codedError('PROBE_RUN_ID_IN_USE', { runId });
    const controller = new AbortController();
    this.running.set(runId, controller);
    return controller.signal;
  }

  finish(runId: string): void {
    this.running.delete(runId);
  }

  /** True when a running run was cancelled; false when it had already ended or never existed. */
  cancel(runId: string): boolean {
    const c = this.running.get(runId);
    if (!c) return false;
    c.abort();
    this.running.delete(runId);
    return true;
  }

  get size(): number {
    return this.running.size;
  }
}
