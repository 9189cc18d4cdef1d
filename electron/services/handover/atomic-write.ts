// Atomic, owner-only file writes for exports, reports and the profiles file: write a temp file in the same
// folder (mode 0600), fsync it, rename it over the target, fsync the folder. A crash or failure midway leaves
// the old file as it was and removes the temp file. The fs is injectable so tests can fail a write midway.
import { randomBytes } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import { basename, dirname, join, type PlatformPath } from 'node:path';
import { codedError } from '../errors';

export interface WritableHandle {
  write(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesWritten: number }>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface AtomicFs {
  open(path: string, flags: string, mode: number): Promise<WritableHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /** fsync of the folder after the rename (POSIX); may be a no-op. */
  syncDir(path: string): Promise<void>;
}

export const nodeAtomicFs: AtomicFs = {
  open: (path, flags, mode) => fsp.open(path, flags, mode),
  rename: (from, to) => fsp.rename(from, to),
  unlink: (path) => fsp.unlink(path),
  syncDir: async (path) => {
    if (process.platform === 'win32') return; // folders cannot be opened for fsync there
    const h = await fsp.open(path, 'r');
    try {
      await h.sync();
    } finally {
      await h.close();
    }
  },
};

export const OWNER_ONLY = 0o600;

/**
 * The temp file for an atomic write of `target`: `.<name>.<random>.tmp` in the SAME folder (a rename is atomic
 * only within one volume), by the path rules given — path.win32 keeps C:\ and \\server\share targets intact.
 */
export function tempPathFor(
  target: string,
  random: string,
  rules: Pick<PlatformPath, 'basename' | 'dirname' | 'join'> = { basename, dirname, join },
): string {
  return rules.join(rules.dirname(target), `.${rules.basename(target)}.${random}.tmp`);
}

/** Writes `data` to `path` atomically with mode 0600 (where the OS has modes). Returns the bytes written. */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  fs: AtomicFs = nodeAtomicFs,
): Promise<number> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const dir = dirname(path);
  const temp = tempPathFor(path, randomBytes(6).toString('hex'));
  let handle: WritableHandle | undefined;
  try {
    // 'wx': never follow or reuse an existing file at the temp name.
    handle = await fs.open(temp, 'wx', OWNER_ONLY);
    let off = 0;
    while (off < bytes.length) {
      const { bytesWritten } = await handle.write(bytes, off, bytes.length - off, off);
      if (bytesWritten <= 0) throw new Error('the disk accepted no bytes');
      off += bytesWritten;
    }
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(temp, path);
  } catch (e) {
    if (handle) await handle.close().catch(() => undefined);
    await fs.unlink(temp).catch(() => undefined);
    const why = e instanceof Error ? e.message : String(e);
    throw codedError('FILE_WRITE_FAILED', { file: basename(path), reason: why.slice(0, 500), cause: e });
  }
  await fs.syncDir(dir).catch(() => undefined);
  return bytes.length;
}
