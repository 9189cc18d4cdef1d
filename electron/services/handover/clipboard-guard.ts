// Writes values to the clipboard and clears secrets and tokens again after a while — but only when the
// clipboard still holds that value, so whatever the user copied since is left alone.
import type { Clipboard } from './clipboard';

export const DEFAULT_CLEAR_AFTER_MS = 30_000;

export class ClipboardGuard {
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  /** Settles when the last scheduled clear has run (tests await it after advancing fake timers). */
  lastClear: Promise<void> = Promise.resolve();

  constructor(
    private readonly clipboard: Clipboard,
    private readonly clearAfterMs: () => number = () => DEFAULT_CLEAR_AFTER_MS,
    private readonly onError: (e: unknown) => void = () => undefined,
  ) {}

  /** Writes the value; for sensitive values schedules the clear and returns its delay. */
  async write(value: string, sensitive: boolean): Promise<{ clearsInMs?: number }> {
    await this.clipboard.writeText(value);
    if (!sensitive) return {};
    const ms = Math.max(1, Math.round(this.clearAfterMs()));
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.lastClear = this.#clearIfStill(value);
    }, ms);
    // A pending clear must not keep a CLI or test process alive; Electron's main loop runs anyway.
    (timer as { unref?: () => void }).unref?.();
    this.#timers.add(timer);
    return { clearsInMs: ms };
  }

  async #clearIfStill(value: string): Promise<void> {
    try {
      // Compare, then clear: never wipe something else the user copied in the meantime.
      if ((await this.clipboard.readText()) === value) await this.clipboard.clear();
    } catch (e) {
      this.onError(e);
    }
  }

  /** Cancels the timers and clears now if the clipboard holds one of the given values (app quit). */
  async flush(sensitiveValues: readonly string[] = []): Promise<void> {
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    if (sensitiveValues.includes(await this.clipboard.readText())) await this.clipboard.clear();
  }

  get pending(): number {
    return this.#timers.size;
  }
}
