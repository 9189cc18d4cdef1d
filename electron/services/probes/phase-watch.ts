// Times a probe's phases and bounds each one. A probe is written as straight async code that calls
// `begin(phase)` as it moves on; the watch measures every phase, fires a per-phase timeout, and turns an abort
// signal into a cancellation. When it stops a probe it runs the probe's `onStop` (destroy the socket), so the
// pending I/O rejects; the probe then reports `watch.stopped` instead of whatever error the teardown caused.
import type { ProbePhase, ProbeTimings } from '../../../shared/probes/schema';
import type { ProbeFailure } from './classify-answer';

export class PhaseWatch {
  private readonly t0 = performance.now();
  private readonly spent: Partial<Record<ProbePhase, number>> = {};
  private current: { phase: ProbePhase; start: number } | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopHandlers: (() => void)[] = [];
  private readonly onAbort = (): void => this.stop({ kind: 'cancelled', phase: this.current?.phase ?? 'connect' });
  /** Why the watch stopped the probe (timeout or cancel), if it did. */
  stopped: ProbeFailure | undefined;
  private rejectStopped: ((e: ProbeStopped) => void) | undefined;
  /** Rejects when the watch stops the probe, so no await can outlive a timeout whatever a library does on close. */
  private readonly stoppedPromise = new Promise<never>((_resolve, reject) => {
    this.rejectStopped = reject;
  });

  constructor(
    private readonly boundMs: number,
    private readonly signal?: AbortSignal,
  ) {
    this.stoppedPromise.catch(() => undefined);
    if (signal?.aborted) this.stop({ kind: 'cancelled', phase: 'connect' });
    else signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  /** Registers teardown for when the watch stops the probe; runs at once if it already has. */
  onStop(handler: () => void): void {
    if (this.stopped) handler();
    else this.stopHandlers.push(handler);
  }

  get phase(): ProbePhase | undefined {
    return this.current?.phase;
  }

  /** Ends the running phase (if any) and starts `phase` with a fresh bound. */
  begin(phase: ProbePhase): void {
    this.endPhase();
    if (this.stopped) throw new ProbeStopped(this.stopped);
    this.current = { phase, start: performance.now() };
    this.timer = setTimeout(() => this.stop({ kind: 'timeout', phase, boundMs: this.boundMs }), this.boundMs);
  }

  /** Ends the running phase without starting another (e.g. before the unbounded-but-short LOGOUT). */
  endPhase(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.current) {
      this.spent[this.current.phase] = round(performance.now() - this.current.start);
      this.current = undefined;
    }
  }

  /** Awaits `work`, but gives up as soon as the watch stops the probe (timeout or cancel). */
  guard<T>(work: Promise<T>): Promise<T> {
    if (this.stopped) {
      work.catch(() => undefined);
      return Promise.reject(new ProbeStopped(this.stopped));
    }
    return Promise.race([work, this.stoppedPromise]);
  }

  /** Throws if the watch stopped the probe; call after each await that teardown may have interrupted. */
  check(): void {
    if (this.stopped) throw new ProbeStopped(this.stopped);
  }

  timings(): ProbeTimings {
    return { ...this.spent, total: round(performance.now() - this.t0) };
  }

  /** Releases the timer and the abort listener. Always call when the probe ends. */
  dispose(): void {
    this.endPhase();
    this.signal?.removeEventListener('abort', this.onAbort);
    this.stopHandlers = [];
  }

  private stop(failure: ProbeFailure): void {
    if (this.stopped) return;
    this.stopped = failure;
    this.rejectStopped?.(new ProbeStopped(failure));
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const handlers = this.stopHandlers;
    this.stopHandlers = [];
    for (const h of handlers) {
      try {
        h();
      } catch {
        // Teardown of an already-broken socket may throw; the stop reason is what matters.
      }
    }
  }
}

/** Thrown inside a probe when the watch has stopped it. */
export class ProbeStopped extends Error {
  override readonly name = 'ProbeStopped';
  constructor(readonly failure: ProbeFailure) {
    super(`probe stopped: ${failure.kind}`);
  }
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

/** Resolves when `emitter` emits `event`, rejects on `error`/`close` first. Listeners are removed either way. */
export function once(emitter: NodeJS.EventEmitter, event: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      emitter.off(event, onEvent);
      emitter.off('error', onError);
      emitter.off('close', onClose);
    };
    const onEvent = (): void => {
      cleanup();
      resolve();
    };
    const onError = (e: Error): void => {
      cleanup();
      reject(e);
    };
    const onClose = (): void => {
      cleanup();
      reject(Object.assign(new Error('The server closed the connection.'), { code: 'ECONNRESET' }));
    };
    emitter.on(event, onEvent);
    emitter.on('error', onError);
    emitter.on('close', onClose);
  });
}
