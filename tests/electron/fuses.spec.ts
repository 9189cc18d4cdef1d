// The fuses of the packaged app, read back from the binary electron-builder produced (dist/, after
// `npm run dist` or the CI workflow's electron-builder step) with @electron/fuses, and compared with what
// build/electron-builder.yml asks for: no run-as-node, no NODE_OPTIONS or --inspect, cookie encryption, asar
// integrity, app only from the asar. Skipped, printing why, where nothing has been packaged; a failure instead
// under MAH_REQUIRE_ELECTRON=1.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { expect, test } from '@playwright/test';
import { parse } from 'yaml';
import { REPO_ROOT } from '../support/repo-root';
import { REQUIRE_ELECTRON } from './launch';

const DIST = join(REPO_ROOT, 'dist');

/** The packaged executables under dist/: each *-unpacked folder's app binary and each mac*\/*.app bundle. */
function packagedApps(distDir: string): string[] {
  if (!existsSync(distDir)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(distDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = join(distDir, entry.name);
    if (entry.name.startsWith('mac')) {
      for (const f of readdirSync(dir)) if (f.endsWith('.app')) found.push(join(dir, f));
      continue;
    }
    if (!entry.name.endsWith('-unpacked')) continue;
    const windows = entry.name.startsWith('win');
    // The Electron binary renamed after the product: the largest top-level executable (not a helper or library).
    const candidates = readdirSync(dir, { withFileTypes: true })
      .filter((f) => f.isFile())
      .map((f) => join(dir, f.name))
      .filter((f) =>
        windows
          ? f.endsWith('.exe')
          : !/\.(so(\.\d+)*|pak|bin|dat|json|dll|html)$/.test(f) && !/^chrome[-_]/.test(basename(f)),
      )
      .sort((a, b) => statSync(b).size - statSync(a).size);
    if (candidates[0] !== undefined) found.push(candidates[0]);
  }
  return found;
}

const apps = packagedApps(DIST);
const SKIP = apps.length === 0 && !REQUIRE_ELECTRON ? `no packaged app in ${DIST} (run npm run dist first)` : undefined;
if (SKIP !== undefined) console.log(`[tests/electron/fuses.spec.ts] skipped: ${SKIP}`);

test.describe('fuses of the packaged app', () => {
  test.skip(SKIP !== undefined, SKIP ?? '');

  test('match build/electron-builder.yml, read back from the binary', async () => {
    expect(apps, `no packaged app in ${DIST}: run electron-builder first`).not.toEqual([]);
    const { FuseState, FuseV1Options, getCurrentFuseWire } = await import('@electron/fuses');
    const config = parse(readFileSync(join(REPO_ROOT, 'build/electron-builder.yml'), 'utf8')) as {
      electronFuses: Record<string, boolean>;
    };
    const wanted = Object.entries(config.electronFuses).map(([key, on]) => {
      // electron-builder's camelCase keys are @electron/fuses' option names with a lower-case first letter.
      const option = FuseV1Options[(key.charAt(0).toUpperCase() + key.slice(1)) as keyof typeof FuseV1Options];
      if (option === undefined) throw new Error(`electronFuses.${key} names no fuse @electron/fuses knows`);
      return { key, option, state: on ? FuseState.ENABLE : FuseState.DISABLE };
    });
    expect(wanted.length).toBeGreaterThanOrEqual(6);
    for (const app of apps) {
      const wire = (await getCurrentFuseWire(app)) as unknown as Record<number, number>;
      const actual = Object.fromEntries(wanted.map((w) => [w.key, wire[w.option]]));
      expect(actual, app).toEqual(Object.fromEntries(wanted.map((w) => [w.key, w.state])));
    }
  });
});
