// The two build scripts end to end, as child processes (no sockets): build/platform-check.ts runs the real npm
// with faked platforms against small lockfiles — one clean, one with a Linux-x64-only package, one with a
// package that needs a newer Node — and must pass, fail on the other platforms, and fail on every platform
// respectively, offline; build/start.ts pointed at an empty ELECTRON_OVERRIDE_DIST_PATH must print its one
// paragraph and exit 1 without building or printing a stack trace.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPlatforms, findNpmCli } from '../../../build/platform-check';
import { REPO_ROOT } from '../../support/repo-root';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function project(
  dep: { os?: string[]; cpu?: string[]; engines?: { node: string } } | undefined,
  node = '>=22.19.0',
): string {
  const dir = mkdtempSync(join(tmpdir(), 'mah-platform-fixture-'));
  dirs.push(dir);
  const engines = { node };
  const devDependencies = dep === undefined ? {} : { 'some-tool': '1.0.0' };
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'fixture', version: '1.0.0', private: true, engines, devDependencies }),
  );
  writeFileSync(
    join(dir, 'package-lock.json'),
    JSON.stringify({
      name: 'fixture',
      version: '1.0.0',
      lockfileVersion: 3,
      requires: true,
      packages: {
        '': { name: 'fixture', version: '1.0.0', devDependencies, engines },
        ...(dep === undefined ? {} : { 'node_modules/some-tool': { version: '1.0.0', dev: true, ...dep } }),
      },
    }),
  );
  return dir;
}

const npmCli = findNpmCli();
// One npm dry run per platform and Node version: about a second each, several on a loaded machine.
const NPM_RUNS_TIMEOUT = 240_000;

describe('npm run check:platforms', () => {
  it('finds npm’s CLI to run', () => {
    expect(npmCli).toMatch(/npm-cli\.js$/);
  });

  it(
    'passes a project without platform-bound packages on every platform and lowest Node',
    () => {
      const { problems, results } = checkPlatforms(project({}), npmCli ?? '');
      expect(problems).toEqual([]);
      expect(results.map((r) => `${r.target.os}/${r.target.cpu}@${r.nodeVersion}`)).toHaveLength(5);
      for (const r of results) expect(r.ok, r.lines.join(' ')).toBe(true);
    },
    NPM_RUNS_TIMEOUT,
  );

  it(
    'fails a Linux-x64-only devDependency everywhere but linux/x64, with npm’s EBADPLATFORM',
    () => {
      const { problems, results } = checkPlatforms(project({ os: ['linux'], cpu: ['x64'] }), npmCli ?? '');
      expect(problems).toEqual(['platform-bound package among dependencies: some-tool@1.0.0 (only linux / x64)']);
      for (const r of results) {
        const linuxX64 = r.target.os === 'linux' && r.target.cpu === 'x64';
        expect(r.ok, `${r.target.os}/${r.target.cpu}`).toBe(linuxX64);
        if (!linuxX64) expect(r.lines[0]).toMatch(/^EBADPLATFORM — Unsupported platform for some-tool@1\.0\.0/);
      }
    },
    NPM_RUNS_TIMEOUT,
  );

  it(
    'fails a dependency that needs a newer Node than engines.node admits, with npm’s EBADENGINE',
    () => {
      const { results } = checkPlatforms(
        project({ engines: { node: '>=24.5.0' } }, '^22.19.0 || >=24.5.0'),
        npmCli ?? '',
      );
      const failed = results.filter((r) => !r.ok);
      expect(failed.map((r) => r.nodeVersion)).toEqual(Array(5).fill('22.19.0'));
      expect(failed[0]?.lines[0]).toMatch(/^EBADENGINE — .*some-tool@1\.0\.0/);
      expect(results.filter((r) => r.ok).map((r) => r.nodeVersion)).toEqual(Array(5).fill('24.5.0'));
    },
    NPM_RUNS_TIMEOUT,
  );
});

describe('npm start without an Electron binary', () => {
  it('prints one paragraph naming npm run demo and ELECTRON_OVERRIDE_DIST_PATH, exits 1, builds nothing', () => {
    const empty = mkdtempSync(join(tmpdir(), 'mah-no-electron-'));
    dirs.push(empty);
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'build/start.ts')], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: empty, npm_execpath: '' },
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    const text = `${r.stdout}${r.stderr}`;
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('npm start could not start the desktop app');
    expect(flat).toContain(`ELECTRON_OVERRIDE_DIST_PATH is set, but there is no Electron binary at ${empty}`);
    expect(flat).toContain('`npm run demo` runs the same app');
    expect(text).not.toMatch(/^\s+at\s/m);
    expect(text).not.toContain('vite');
    expect(text.trim().split(/\n\s*\n/)).toHaveLength(1);
  });
});
