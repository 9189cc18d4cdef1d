// The main process's error table (electron/services/errors.ts): every code well-formed with one message and one
// next step, the values filled in, and the table the only place codes are worded — no CodedError built from a
// literal code anywhere in electron/, and no entry that nothing raises.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appError, codedError, ERRORS, type ErrorCode } from '../../../../electron/services/errors';
import { AppErrorSchema, CodedError } from '../../../../shared/result';
import { REPO_ROOT } from '../../../support/repo-root';

const CODES = Object.keys(ERRORS) as ErrorCode[];

function sources(dir: string): { path: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name))
    .map((path) => ({ path: relative(REPO_ROOT, path), text: readFileSync(path, 'utf8') }));
}
const ELECTRON = sources(join(REPO_ROOT, 'electron'));

describe('the error table', () => {
  it.each(CODES)('%s: a stable code, a one-line message and a one-line next step', (code) => {
    const { message, nextStep } = ERRORS[code];
    expect(AppErrorSchema.shape.code.safeParse(code).success).toBe(true);
    for (const text of [message, nextStep]) {
      expect(text.length).toBeGreaterThan(10);
      expect(text).not.toMatch(/[\r\n]/);
    }
  });

  it('a next step that sends the user to Settings names something the Settings page has', () => {
    // AUTH_TIMEOUT once said "raise the time limit in Settings"; there is no such setting.
    // The Settings page is drawn by every file of its feature folder (settings-page.tsx and its sections).
    const folder = join(REPO_ROOT, 'renderer/src/features/settings');
    const settingsPage = readdirSync(folder)
      .map((f) => readFileSync(join(folder, f), 'utf8'))
      .join('\n')
      .toLowerCase();
    for (const code of CODES) {
      const m = /(\w+ \w+) in Settings/.exec(ERRORS[code].nextStep);
      if (m?.[1] !== undefined) expect(settingsPage, `${code}: "${m[0]}"`).toContain(m[1].toLowerCase());
    }
  });

  it('fills every placeholder and keeps the detail and the cause', () => {
    const cause = new Error('EACCES');
    const e = codedError('FILE_WRITE_FAILED', { file: 'x.env', reason: 'EACCES', detail: 'd', cause });
    expect(e).toBeInstanceOf(CodedError);
    expect(e.toAppError()).toEqual({
      code: 'FILE_WRITE_FAILED',
      message: 'Writing x.env failed, so nothing was changed: EACCES',
      nextStep: ERRORS.FILE_WRITE_FAILED.nextStep,
      detail: 'd',
    });
    expect(e.cause).toBe(cause);
    expect(appError('PROBE_HOST_REQUIRED', { protocol: 'IMAP' })).toEqual({
      code: 'PROBE_HOST_REQUIRED',
      message: 'A custom cloud has no IMAP host of its own.',
      nextStep: 'Enter the IMAP host (and port) to probe.',
    });
    for (const code of CODES) {
      const values = new Proxy({}, { get: (_t, name) => `<${String(name)}>`, has: () => true });
      const { message, nextStep } = appError(code, values as never);
      expect(`${message} ${nextStep}`, code).not.toMatch(/\{\w+\}/);
    }
  });

  it('every code in the table is raised somewhere in electron/', () => {
    const elsewhere = ELECTRON.filter((f) => f.path !== join('electron', 'services', 'errors.ts'));
    const unused = CODES.filter((code) => !elsewhere.some((f) => f.text.includes(`'${code}'`)));
    expect(unused).toEqual([]);
  });

  it('no CodedError is built from a literal code: the table words them', () => {
    const literal = /new CodedError\(\s*['"`]/;
    expect(ELECTRON.filter((f) => literal.test(f.text)).map((f) => f.path)).toEqual([]);
  });
});
