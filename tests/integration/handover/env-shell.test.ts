// The .env export as a shell reads it: a secret holding `$VAR`, a backtick command, quotes and backslashes comes
// back byte for byte when bash sources the file (`set -a; . file`), and nothing is expanded or run. Integration,
// because it starts bash.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { envQuote } from '../../../shared/handover/export-format';

const dir = mkdtempSync(join(tmpdir(), 'mah-env-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('.env values under a shell', () => {
  it('survive `set -a; . file` unexpanded: $VAR, $(cmd), `cmd`, quotes, backslashes', () => {
    const marker = join(dir, 'ran');
    const values = [
      'Abc8Q~$HOME-and-${PATH}',
      `x$(touch ${marker})y`,
      `x\`touch ${marker}\`y`,
      'quote " and \\ backslash \\" end',
      'plain-value',
    ];
    const file = join(dir, 'mailbox.env');
    writeFileSync(file, `${values.map((v, i) => `V${i}=${envQuote(v)}`).join('\n')}\n`);
    const out = execFileSync(
      'bash',
      ['-c', `set -a; . "$1"; for i in 0 1 2 3 4; do n="V$i"; printf '%s\\0' "\${!n}"; done`, 'bash', file],
      { encoding: 'utf8' },
    );
    expect(out.split('\0').slice(0, values.length)).toEqual(values);
    expect(() => execFileSync('test', ['-e', marker])).toThrow();
  });
});
