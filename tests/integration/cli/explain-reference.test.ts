// Issue 20's "done when", literally: every code of Microsoft's reference, one per line, through the CLI as a process
// (`npm run cli -- explain --json -` runs `node --import tsx electron/cli/cli.ts`) gives a known card and exit 0;
// and an unknown option, as a process, exits 2. A child process, so it lives with the integration tests.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/repo-root';

const cli = (args: readonly string[], input = '') =>
  spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/cli.ts', ...args], {
    cwd: REPO_ROOT,
    input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });

describe('the CLI as a process', () => {
  it('explains every code of the reference, one per line on standard input, as known cards', () => {
    const codes = readFileSync(join(REPO_ROOT, 'build/reference/entra-error-codes.txt'), 'utf8')
      .split('\n')
      .filter((l) => /^\d/.test(l))
      .map((l) => `AADSTS${l.split('\t')[0] ?? ''}`);
    const r = cli(['explain', '--json', '-'], `${codes.join('\n')}\n`);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { cards: { code: string; known: boolean }[] };
    expect(out.cards.map((c) => c.code)).toEqual(codes);
    expect(out.cards.every((c) => c.known)).toBe(true);
  }, 60_000);

  it('exits 2 on an unknown option, naming the valid ones', () => {
    const r = cli(['explain', '--bogus', 'AADSTS50011']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Unknown option --bogus for "explain". Valid options: --preset, --json, --help.');
  }, 60_000);
});
