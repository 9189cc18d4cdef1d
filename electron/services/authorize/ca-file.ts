// A custom authority's CA, chosen by the admin in main's own open dialog and kept as CONTENT: the renderer never
// names a path main would read (a renderer-supplied path was an existence oracle, /dev/zero exhausted memory, and a
// UNC path made Windows authenticate to another host). The dialog is a port (electron/platform/open-dialog.ts shows
// Electron's; the harness answers with a set path); readCaFile refuses UNC and device paths and anything but a small
// regular file of PEM certificates, and says which CA it read.
import { X509Certificate } from 'node:crypto';
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, isAbsolute, join, type PlatformPath } from 'node:path';
import { isCaPem, MAX_CA_PEM_CHARS } from '../../../shared/cloud/host-port';
import { codedError } from '../errors';

export interface OpenFileDialogOptions {
  readonly title: string;
  readonly filters: readonly { readonly name: string; readonly extensions: readonly string[] }[];
}

export interface OpenFileDialog {
  /** The chosen file's path, or undefined when the user cancelled. */
  choose(options: OpenFileDialogOptions): Promise<string | undefined>;
}

/** Always answers with the path `pick` gives (undefined = cancelled): the harness's and the tests' dialog. */
export function fixedOpenDialog(
  pick: (options: OpenFileDialogOptions) => string | undefined,
): OpenFileDialog & { readonly asked: OpenFileDialogOptions[] } {
  const asked: OpenFileDialogOptions[] = [];
  return {
    asked,
    choose: async (options) => {
      asked.push(options);
      return pick(options);
    },
  };
}

export const CA_DIALOG_OPTIONS: OpenFileDialogOptions = {
  title: 'Choose the custom authority’s CA certificate (PEM)',
  filters: [
    { name: 'PEM certificates', extensions: ['pem', 'crt', 'cer'] },
    { name: 'All files', extensions: ['*'] },
  ],
};

/** Why a path is not read at all: a network share (SMB/NTLM on Windows) or a device. Undefined when it may be read. */
export function refusedCaPath(path: string): string | undefined {
  const p = path.trim();
  if (/^[\\/]{2}[.?][\\/]/.test(p)) return 'a Windows device path (\\\\.\\ or \\\\?\\)';
  if (/^[\\/]{2}[^\\/]/.test(p)) return 'a network share (UNC path), which would make Windows sign in to that server';
  if (/^\/dev(?:\/|$)/.test(p) || /^\/proc\//.test(p) || /^\/sys\//.test(p)) return 'a device or system file';
  if (/^[a-z]:[\\/]*$/i.test(p) || p === '') return 'not a file';
  return undefined;
}

/**
 * A CA file's path made usable: surrounding quotes dropped (Windows Explorer's "Copy as path"
 * adds them), a leading ~ taken as the home folder, and only an absolute path accepted — the app's working
 * folder (C:\Windows\System32 for a Windows shortcut, / for a macOS app) is no place to resolve a relative one.
 * Undefined when the path is not absolute. The path rules are the platform's (path.win32 on Windows).
 */
export function caFilePath(
  input: string,
  rules: Pick<PlatformPath, 'isAbsolute' | 'join'> = { isAbsolute, join },
  home: () => string = homedir,
): string | undefined {
  let p = input.trim();
  if (p.length >= 2 && p.startsWith('"') && p.endsWith('"')) p = p.slice(1, -1).trim();
  if (p === '~' || p.startsWith('~/') || p.startsWith('~\\')) p = rules.join(home(), p.slice(1));
  return p !== '' && rules.isAbsolute(p) ? p : undefined;
}

export interface CaFile {
  readonly caPem: string;
  /** "ca.pem — CN=Contoso Test CA": the file's name and the first certificate's subject. */
  readonly caLabel: string;
}

/** A chosen file's text, or why it was not read (refused: a share, a device, not a regular file, too large). */
export type SmallFileRead =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'not-absolute' }
  | { readonly kind: 'unreadable'; readonly path: string; readonly cause: unknown };

/**
 * Reads a small local file the admin chose in main's dialog (the CA file, the app-only certificate): no UNC or device
 * path, only an absolute path, only a regular file of at most `maxBytes`, opened without waiting on a FIFO.
 */
export async function readSmallRegularFile(chosen: string, maxBytes: number): Promise<SmallFileRead> {
  const refused = refusedCaPath(chosen);
  if (refused !== undefined) return { kind: 'refused', reason: refused };
  const path = caFilePath(chosen);
  if (path === undefined) return { kind: 'not-absolute' };
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat below then refuses anything but a regular file.
    const flags = process.platform === 'win32' ? constants.O_RDONLY : constants.O_RDONLY | constants.O_NONBLOCK;
    const handle = await open(path, flags);
    try {
      const info = await handle.stat();
      if (!info.isFile()) return { kind: 'refused', reason: 'not a regular file' };
      if (info.size > maxBytes) return { kind: 'refused', reason: `larger than ${maxBytes / 1024} KiB` };
      const buf = Buffer.alloc(Math.min(info.size, maxBytes));
      const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
      return { kind: 'text', text: buf.subarray(0, bytesRead).toString('utf8') };
    } finally {
      await handle.close();
    }
  } catch (e) {
    return { kind: 'unreadable', path: basename(path), cause: e };
  }
}

/** Reads at most MAX_CA_PEM_CHARS bytes of a regular file and keeps it only if it is PEM certificates. */
export async function readCaFile(chosen: string): Promise<CaFile> {
  const read = await readSmallRegularFile(chosen, MAX_CA_PEM_CHARS);
  if (read.kind === 'refused') throw codedError('CA_FILE_REFUSED', { reason: read.reason });
  if (read.kind === 'not-absolute') throw codedError('CA_FILE_NOT_ABSOLUTE', { path: chosen.slice(0, 300) });
  if (read.kind === 'unreadable') throw codedError('CA_FILE_UNREADABLE', { path: read.path, cause: read.cause });
  const { text } = read;
  const path = caFilePath(chosen) ?? chosen;
  if (!isCaPem(text)) throw codedError('CA_FILE_NOT_PEM', { file: basename(path) });
  let subject: string;
  try {
    const first = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(text)?.[0] ?? '';
    subject = new X509Certificate(first).subject.replace(/\n/g, ', ');
  } catch {
    throw codedError('CA_FILE_NOT_PEM', { file: basename(path) });
  }
  return { caPem: text, caLabel: `${basename(path)} — ${subject}`.slice(0, 512) };
}
