// Writes values to the clipboard and clears secrets and tokens again after a while — but only when the
// clipboard still holds that value, so whatever the user copied since is left alone. Secrets and tokens are
// written with the OS's transient marks; flush() (main.ts calls it on quit) clears one still on the clipboard.
import type { Clipboard } from './clipboard';

export const DEFAULT_CLEAR_AFTER_MS = 30_000;

export class ClipboardGuard {
  /** Each pending clear's timer, with the value it clears (kept only until then, for flush). */
  readonly #pending = new Map<ReturnType<typeof setTimeout>, string>();
  /** Settles when the last scheduled clear has run (tests await it after advancing fake timers). */
  lastClear: Promise<void> = Promise.resolve();

  constructor(
    private readonly clipboard: Clipboard,
    private readonly clearAfterMs: () => number = () => DEFAULT_CLEAR_AFTER_MS,
    private readonly onError: (e: unknown) => void = () => undefined,
  ) {}

  /** Writes the value; for sensitive values marks it transient, schedules the clear and returns its delay. */
  async write(value: string, sensitive: boolean): Promise<{ clearsInMs?: number }> {
    await this.clipboard.writeText(value, sensitive ? { transient: true } : {});
    if (!sensitive) return {};
    const ms = Math.max(1, Math.round(this.clearAfterMs()));
    const timer = setTimeout(() => {
      this.#pending.delete(timer);
      this.lastClear = this.#clearIfStill([value]);
    }, ms);
    // A pending clear must not keep a CLI or test process alive; Electron's main loop runs anyway.
    (timer as { unref?: () => void }).unref?.();
    this.#pending.set(timer, value);
    return { clearsInMs: ms };
  }

  async #clearIfStill(values: readonly string[]): Promise<void> {
    try {
      // Compare, then clear: never wipe something else the user copied in the meantime.
      if (values.includes(await this.clipboard.readText())) await this.clipboard.clear();
    } catch (e) {
      this.onError(e);
    }
  }

  /** App quit: cancels the timers and clears now if the clipboard still holds a secret or token copied here. */
  async flush(): Promise<void> {
    const values = [...this.#pending.values()];
    for (const t of this.#pending.keys()) clearTimeout(t);
    this.#pending.clear();
    if (values.length > 0) await this.#clearIfStill(values);
  }

  get pending(): number {
    return this.#pending.size;
  }
}
