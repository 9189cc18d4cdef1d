// The clipboard as the hand-over services see it: a small interface so copy and auto-clear run without
// Electron. electron/platform/clipboard.ts wraps Electron's clipboard; MemoryClipboard serves tests and the
// harness (where the test reads it back to prove what was copied). transientClipboardFormats names, per OS, the
// raw formats that keep a secret out of clipboard history, cloud clipboard and clipboard managers.
// Async because Electron's clipboard API is (readText/writeText return promises since Electron 45).
export interface ClipboardWriteOptions {
  /** A secret or token: written with the OS's "do not keep this" marks where the OS has them. */
  readonly transient?: boolean;
}

export interface Clipboard {
  readText(): Promise<string>;
  writeText(text: string, options?: ClipboardWriteOptions): Promise<void>;
  clear(): Promise<void>;
}

/** A raw platform clipboard format written beside the text of a transient entry. */
export interface TransientFormat {
  readonly format: string;
  readonly data: Uint8Array<ArrayBuffer>;
}

const DWORD_ZERO = new Uint8Array([0, 0, 0, 0]);

/**
 * The marks that tell the OS and clipboard tools not to keep an entry. Windows: ExcludeClipboardContentFromMonitorProcessing
 * (any data) and CanIncludeInClipboardHistory / CanUploadToCloudClipboard set to a DWORD 0, as Win32's "Clipboard
 * formats" page (Cloud Clipboard and Clipboard History formats) defines them. macOS: the nspasteboard.org
 * ConcealedType and TransientType markers that clipboard managers honour. Linux: KDE Klipper's password-manager hint.
 * Other platforms: none (the auto-clear and the clear on quit still apply).
 */
export function transientClipboardFormats(platform: NodeJS.Platform): readonly TransientFormat[] {
  switch (platform) {
    case 'win32':
      return [
        { format: 'ExcludeClipboardContentFromMonitorProcessing', data: new Uint8Array([1]) },
        { format: 'CanIncludeInClipboardHistory', data: DWORD_ZERO },
        { format: 'CanUploadToCloudClipboard', data: DWORD_ZERO },
      ];
    case 'darwin':
      return [
        { format: 'org.nspasteboard.ConcealedType', data: new Uint8Array() },
        { format: 'org.nspasteboard.TransientType', data: new Uint8Array() },
      ];
    case 'linux':
      return [{ format: 'x-kde-passwordManagerHint', data: new TextEncoder().encode('secret') }];
    default:
      return [];
  }
}

export class MemoryClipboard implements Clipboard {
  #text = '';
  /** Every write, in order (tests assert what was copied, whether it was marked transient, and when it was cleared). */
  readonly history: { readonly kind: 'write' | 'clear'; readonly at: number; readonly transient?: boolean }[] = [];
  /** The current text, synchronously (tests). */
  peek(): string {
    return this.#text;
  }
  async readText(): Promise<string> {
    return this.#text;
  }
  async writeText(text: string, options?: ClipboardWriteOptions): Promise<void> {
    this.#text = text;
    this.history.push({ kind: 'write', at: Date.now(), transient: options?.transient === true });
  }
  async clear(): Promise<void> {
    this.#text = '';
    this.history.push({ kind: 'clear', at: Date.now() });
  }
}
