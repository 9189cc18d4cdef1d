// The clipboard as the hand-over services see it: a small interface so copy and auto-clear run without
// Electron. electron/platform/clipboard.ts wraps Electron's clipboard; MemoryClipboard serves tests and the
// harness (where the test reads it back to prove what was copied).
// Async because Electron's clipboard API is (readText/writeText return promises since Electron 45).
export interface Clipboard {
  readText(): Promise<string>;
  writeText(text: string): Promise<void>;
  clear(): Promise<void>;
}

export class MemoryClipboard implements Clipboard {
  #text = '';
  /** Every write, in order (tests assert what was copied and when it was cleared). */
  readonly history: { readonly kind: 'write' | 'clear'; readonly at: number }[] = [];
  /** The current text, synchronously (tests). */
  peek(): string {
    return this.#text;
  }
  async readText(): Promise<string> {
    return this.#text;
  }
  async writeText(text: string): Promise<void> {
    this.#text = text;
    this.history.push({ kind: 'write', at: Date.now() });
  }
  async clear(): Promise<void> {
    this.#text = '';
    this.history.push({ kind: 'clear', at: Date.now() });
  }
}
