// .github/workflows/ci.yml runs only on the public code host's runners, never here. So it is checked the way
// a reviewer would: parsed, its matrix covering Windows, macOS and Linux, and every npm script, npx binary,
// config file, test path and artifact pattern it names existing in this repository, in an order that works
// (install before test, Electron downloaded and packaged before the real-Electron specs that need both).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../../support/repo-root';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Job {
  'runs-on': string;
  strategy?: { matrix?: { os?: string[] } };
  steps: Step[];
}

const workflow = parse(readFileSync(join(REPO_ROOT, '.github/workflows/ci.yml'), 'utf8')) as {
  on: unknown;
  jobs: Record<string, Job>;
};
const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  devDependencies: Record<string, string>;
  dependencies: Record<string, string>;
};
const jobs = Object.values(workflow.jobs);
const steps = jobs.flatMap((j) => j.steps);
const runs = steps.flatMap((s) => (s.run === undefined ? [] : [s.run]));
const indexOf = (pattern: RegExp): number => steps.findIndex((s) => s.run !== undefined && pattern.test(s.run));

describe('the CI workflow for the public runners', () => {
  it('runs on Ubuntu, Windows and macOS', () => {
    const oses = jobs.flatMap((j) => j.strategy?.matrix?.os ?? [j['runs-on']]);
    for (const os of ['ubuntu', 'windows', 'macos'])
      expect(
        oses.some((o) => o.startsWith(os)),
        os,
      ).toBe(true);
  });

  it('names only npm scripts that package.json has', () => {
    const named = runs.flatMap((r) => [...r.matchAll(/\bnpm run ([\w:-]+)/g)].map((m) => m[1] ?? ''));
    expect(named.length).toBeGreaterThan(0);
    for (const script of named) expect(pkg.scripts[script], `npm run ${script}`).toBeDefined();
    expect(runs.some((r) => /\bnpm ci\b/.test(r))).toBe(true);
    expect(runs.some((r) => /\bnpm test\b/.test(r))).toBe(true);
    expect(pkg.scripts.test).toBeDefined();
  });

  it('names only binaries installed by npm ci and packages the project declares', () => {
    const bins = runs.flatMap((r) => [...r.matchAll(/\bnpx((?:\s+--?[\w-]+)*)\s+([\w@/.-]+)/g)].map((m) => m[2] ?? ''));
    expect(bins).toEqual(expect.arrayContaining(['install-electron', 'electron-builder', 'playwright']));
    for (const bin of bins) expect(existsSync(join(REPO_ROOT, 'node_modules/.bin', bin)), `npx ${bin}`).toBe(true);
    for (const m of runs.flatMap((r) => [...r.matchAll(/require\('([\w@/.-]+)'\)/g)])) {
      const name = m[1] ?? '';
      expect({ ...pkg.dependencies, ...pkg.devDependencies }[name], `require('${name}')`).toBeDefined();
    }
  });

  it('names only config files and test paths that exist', () => {
    const configs = runs.flatMap((r) => [...r.matchAll(/--config\s+(\S+)/g)].map((m) => m[1] ?? ''));
    expect(configs).toEqual(expect.arrayContaining(['build/electron-builder.yml', 'build/playwright.config.ts']));
    for (const c of configs) expect(existsSync(join(REPO_ROOT, c)), c).toBe(true);
    // Playwright filters are relative to its testDir (tests/).
    const filters = runs.flatMap((r) =>
      [...r.matchAll(/playwright test --config \S+\s+([\w/.-]+)/g)].map((m) => m[1] ?? ''),
    );
    expect(filters).toContain('electron/');
    for (const f of filters) expect(existsSync(join(REPO_ROOT, 'tests', f)), `tests/${f}`).toBe(true);
  });

  it('downloads Electron and packages the app before the real-Electron specs, which must not skip', () => {
    const install = indexOf(/\bnpm ci\b/);
    const test = indexOf(/\bnpm test\b/);
    const download = indexOf(/install-electron/);
    const builder = indexOf(/electron-builder .*--publish never/);
    const specs = steps
      .map((s, i) => ({ s, i }))
      .filter(({ s }) => s.run !== undefined && /playwright test .* electron\//.test(s.run));
    expect(install).toBeGreaterThanOrEqual(0);
    expect(test).toBeGreaterThan(install);
    expect(download).toBeGreaterThan(install);
    expect(builder).toBeGreaterThan(download);
    expect(specs.length).toBeGreaterThan(0);
    for (const { s, i } of specs) {
      expect(i).toBeGreaterThan(builder);
      expect(s.env?.MAH_REQUIRE_ELECTRON).toBe('1');
    }
    // The switch is the one the specs read.
    expect(readFileSync(join(REPO_ROOT, 'tests/electron/launch.ts'), 'utf8')).toContain(
      "process.env.MAH_REQUIRE_ELECTRON === '1'",
    );
    // Linux runners have no display: the Electron specs run under Xvfb there.
    expect(specs.some(({ s }) => s.if?.includes("runner.os == 'Linux'") && s.run?.includes('xvfb-run'))).toBe(true);
    expect(specs.some(({ s }) => s.if?.includes("runner.os != 'Linux'"))).toBe(true);
  });

  it('uploads the installers electron-builder writes for each platform', () => {
    const builderConfig = readFileSync(join(REPO_ROOT, 'build/electron-builder.yml'), 'utf8');
    const output = (parse(builderConfig) as { directories: { output: string } }).directories.output;
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@') && s.if === undefined);
    const patterns = (upload?.with?.path ?? '').split('\n').filter(Boolean);
    expect(patterns.length).toBeGreaterThan(0);
    for (const p of patterns) expect(p.startsWith(`${output}/`), p).toBe(true);
    for (const [ext, target] of [
      ['exe', 'nsis'],
      ['dmg', 'dmg'],
      ['AppImage', 'AppImage'],
      ['deb', 'deb'],
    ] as const) {
      expect(patterns, ext).toContain(`${output}/*.${ext}`);
      expect(builderConfig, target).toContain(target);
    }
    expect(upload?.with?.['if-no-files-found']).toBe('error');
  });

  it('pins every action to a major version', () => {
    const uses = steps.flatMap((s) => (s.uses === undefined ? [] : [s.uses]));
    expect(uses.length).toBeGreaterThan(0);
    for (const u of uses) expect(u, u).toMatch(/^[\w-]+\/[\w-]+@v\d+$/);
  });
});
