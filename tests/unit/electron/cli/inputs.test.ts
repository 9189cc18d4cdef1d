// The CLI's shared input blocks (electron/cli/inputs.ts): standard-input values refused when empty or too long in the
// option's words, a CA file read as PEM or refused with why, whole numbers within a range, and schema issues named
// by the option they came from. Pure: the CA file is a temporary file, standard input a string.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandSpec } from '../../../../electron/cli/args';
import type { CliIo } from '../../../../electron/cli/command';
import {
  checkWholeNumber,
  describeIssues,
  readCaFile,
  readStdinValue,
  usageExit,
  type StdinValueSpec,
} from '../../../../electron/cli/inputs';

function io(stdin: string) {
  let err = '';
  const value: CliIo = { stdout: () => undefined, stderr: (t) => (err += t), readStdin: async () => stdin, env: {} };
  return { io: value, err: () => err };
}

const TOKEN: StdinValueSpec = {
  option: '--token-stdin',
  what: 'token',
  kindName: 'an access token',
  maxChars: 10,
  trim: 'all',
  emptyHint: 'Pipe the access token in.',
};

describe('readStdinValue', () => {
  it('returns the value without surrounding white space when trim is all', async () => {
    expect(await readStdinValue(io('  abc \n').io, TOKEN)).toEqual({ ok: true, value: 'abc' });
  });
  it('keeps a trailing space and drops only the final line break for a secret', async () => {
    const r = await readStdinValue(io('s3cret \r\n').io, { ...TOKEN, trim: 'final-line-break' });
    expect(r).toEqual({ ok: true, value: 's3cret ' });
  });
  it('refuses empty input naming the option and the hint', async () => {
    const r = await readStdinValue(io(' \n').io, TOKEN);
    expect(r).toEqual({ ok: false, why: '--token-stdin: standard input held no token. Pipe the access token in.' });
  });
  it('refuses a value longer than the limit, saying how long it is and what it is', async () => {
    const r = await readStdinValue(io('x'.repeat(11)).io, { ...TOKEN, tooLongHint: '; pipe it alone' });
    expect(r).toEqual({
      ok: false,
      why: '--token-stdin: standard input holds 11 characters, more than an access token (at most 10); pipe it alone.',
    });
  });
});

describe('readCaFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mah-inputs-'));
  it('reads a PEM file with a certificate', async () => {
    const path = join(dir, 'ca.pem');
    writeFileSync(path, '-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n');
    const r = await readCaFile('--ca-file', path, 1000);
    expect(r.ok && r.value.startsWith('-----BEGIN CERTIFICATE-----')).toBe(true);
  });
  it('refuses a file that is not PEM, or too long', async () => {
    const path = join(dir, 'not.pem');
    writeFileSync(path, 'hello');
    expect(await readCaFile('--ca-file', path, 1000)).toEqual({
      ok: false,
      why: '--ca-file must be a PEM file with at least one certificate, at most 1,000 characters.',
    });
  });
  it('refuses a file that cannot be read, naming the option', async () => {
    const r = await readCaFile('--ca-file', join(dir, 'missing.pem'), 1000);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.why.startsWith('--ca-file cannot be read: ')).toBe(true);
  });
});

describe('checkWholeNumber', () => {
  const range = { min: 100, max: 120_000 };
  it('accepts the bounds and refuses outside them, fractions and words', () => {
    expect(checkWholeNumber('--timeout', '100', range, 'a number of milliseconds')).toBeUndefined();
    expect(checkWholeNumber('--timeout', '120000', range, 'a number of milliseconds')).toBeUndefined();
    for (const bad of ['99', '120001', '1.5', 'ten', '-5', ''])
      expect(checkWholeNumber('--timeout', bad, range, 'a number of milliseconds')).toBe(
        `--timeout "${bad}" is not a number of milliseconds from 100 to 120000.`,
      );
  });
});

describe('describeIssues', () => {
  it('names the option a field came from and says too long with the limit', () => {
    const text = describeIssues({ tenant: '--tenant', clientId: '--client-id' }, [
      { code: 'too_big', path: ['tenant'], maximum: 512 },
      { code: 'invalid_format', path: ['clientId'] },
      { code: 'custom', path: ['other'] },
    ]);
    expect(text).toBe(
      '--tenant is too long: at most 512 characters. --client-id is not a value this command can use. A value is not a value this command can use.',
    );
  });
});

describe('usageExit', () => {
  it('prints why and where the options are, and returns 2', () => {
    const spec = { name: 'probe' } as CommandSpec;
    const r = io('');
    expect(usageExit(spec, r.io)('Nope.')).toBe(2);
    expect(r.err()).toBe('Nope.\nRun "mailbox-auth-helper probe --help" for the options.\n');
  });
});
