// The package's bin (electron/cli/bin.ts, bundled as out/cli/cli.mjs) run as a program, as an admin runs it: a named
// command is loaded on its own and its exit code becomes the process's; no command prints the command list and
// exits 2; an unknown one is named, with the list, and exits 2. A child process, so it lives with the integration
// tests (and counts in the coverage report through NODE_V8_COVERAGE).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/repo-root';

const bin = (args: readonly string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/bin.ts', ...args], {
    cwd: REPO_ROOT,
    input: '',
    encoding: 'utf8',
  });

describe('the CLI bin as a program', () => {
  it('runs the named command and exits with its code: a known AADSTS code is explained (exit 0), an unknown one exits 1', () => {
    const r = bin(['explain', 'AADSTS50011']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('AADSTS50011 · InvalidReplyTo');
    expect(r.stdout).toContain('The redirect URI in the request is not registered on the app.');
    expect(r.status).toBe(0);
    const unknown = bin(['explain', 'AADSTS99999999']);
    expect(unknown.status).toBe(1);
  }, 120_000);

  it('without a command prints the command list and exits 2; an unknown command is named and exits 2', () => {
    const none = bin([]);
    expect(none.stdout).toContain('Usage: mailbox-auth-helper <command> [options]');
    expect(none.stdout).toMatch(/^ {2}explain\s/m);
    expect(none.status).toBe(2);
    const unknown = bin(['authorise']);
    expect(unknown.stderr).toContain('Unknown command "authorise".');
    expect(unknown.stderr).toMatch(/^ {2}inspect\s/m);
    expect(unknown.status).toBe(2);
  }, 120_000);
});
