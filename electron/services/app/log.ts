// The app's log file: one line per event, every line passed through shared/text/redact.ts (tokens, codes,
// secrets, passwords masked) and flattened (no CR/LF or control characters, so a value cannot forge a log
// line), appended synchronously so nothing is lost on a crash, rotated by size (main.log → main.log.1 → …),
// owner-only permissions. The path is injected: main.ts passes app.getPath('logs'); tests a temp dir.
import { appendFileSync, chmodSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, type PlatformPath } from 'node:path';
import { redact } from '../../../shared/text/redact';

export type LogLevel = 'info' | 'warn' | 'error';

export interface FileLoggerOptions {
  /** The current log file; rotated copies get .1, .2, … appended. */
  readonly path: string;
  /** Rotate when the file would grow beyond this (default 1 MiB). */
  readonly maxBytes?: number;
  /** Rotated files kept besides the current one (default 3). */
  readonly keep?: number;
  readonly now?: () => Date;
}

export interface Logger {
  readonly path: string;
  info(line: string): void;
  warn(line: string): void;
  error(line: string): void;
}

/** Longest line written; longer text is cut (a pasted 1 MiB token response has no place in a log). */
export const MAX_LINE_CHARS = 4000;

/** One log line's text: redacted, control characters and line breaks made visible, bounded. */
export function formatLogLine(level: LogLevel, text: string, at: Date): string {
  // Flatten before redacting so a secret split across lines is still seen whole by the redactor.
  const flat = text
    .replace(/\r\n|\r|\n/g, ' ⏎ ')
    .replace(/\p{Cc}/gu, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  const safe = redact(flat);
  const bounded =
    safe.length > MAX_LINE_CHARS
      ? `${safe.slice(0, MAX_LINE_CHARS)}… (${safe.length - MAX_LINE_CHARS} more chars cut)`
      : safe;
  return `${at.toISOString()} ${level.toUpperCase().padEnd(5)} ${bounded}\n`;
}

/** The folder created for the log file, by the path rules given (path.win32 for %APPDATA%\…\logs\main.log). */
export function logFolder(file: string, rules: Pick<PlatformPath, 'dirname'> = { dirname }): string {
  return rules.dirname(file);
}

export function createFileLogger(options: FileLoggerOptions): Logger {
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const keep = Math.max(0, options.keep ?? 3);
  const now = options.now ?? (() => new Date());
  const { path } = options;
  mkdirSync(logFolder(path), { recursive: true });

  const rotate = (): void => {
    if (keep === 0) {
      rmSync(path, { force: true });
      return;
    }
    rmSync(`${path}.${keep}`, { force: true });
    for (let i = keep - 1; i >= 1; i--) if (existsSync(`${path}.${i}`)) renameSync(`${path}.${i}`, `${path}.${i + 1}`);
    if (existsSync(path)) renameSync(path, `${path}.1`);
  };

  const write = (level: LogLevel, text: string): void => {
    const line = formatLogLine(level, text, now());
    try {
      const size = existsSync(path) ? statSync(path).size : 0;
      if (size > 0 && size + Buffer.byteLength(line) > maxBytes) rotate();
      const created = !existsSync(path);
      appendFileSync(path, line, { encoding: 'utf8', mode: 0o600 });
      if (created) chmodSync(path, 0o600);
    } catch {
      // A full disk or a locked file must never break the flow being logged.
    }
  };

  return {
    path,
    info: (line) => write('info', line),
    warn: (line) => write('warn', line),
    error: (line) => write('error', line),
  };
}
