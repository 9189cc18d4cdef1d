// Tells whether the built app in out/ is older than the sources it is built from, so `npm run bench` rebuilds
// instead of measuring a stale build: checking only that out/ exists let a build hours older than the checkout
// run against today's services (the flow section timed out on a form the old renderer no longer matched, and the
// renderer section weighed the old bundle) (issue 22).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What out/ is built from: the app's rooms, the Vite configs and the locked dependencies. */
const SOURCES = ['renderer', 'shared', 'electron', 'build', 'package.json', 'package-lock.json'];

/** The newest modification time under `path` (a file or a folder, walked), with the file that has it. */
function newest(path: string): { mtimeMs: number; file: string } {
  const st = statSync(path);
  if (!st.isDirectory()) return { mtimeMs: st.mtimeMs, file: path };
  let best = { mtimeMs: 0, file: path };
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules') continue;
    const n = newest(join(path, entry));
    if (n.mtimeMs > best.mtimeMs) best = n;
  }
  return best;
}

/**
 * Why `built` (files under the repository) must be built again: missing, or older than a source file; undefined
 * when every built file is newer than every source.
 */
export function whyRebuild(repoRoot: string, built: readonly string[]): string | undefined {
  const missing = built.find((f) => !existsSync(join(repoRoot, f)));
  if (missing !== undefined) return `${missing} is missing`;
  const oldest = Math.min(...built.map((f) => statSync(join(repoRoot, f)).mtimeMs));
  for (const s of SOURCES) {
    const path = join(repoRoot, s);
    if (!existsSync(path)) continue;
    const n = newest(path);
    if (n.mtimeMs > oldest) return `${n.file.slice(repoRoot.length)} is newer than the build in out/`;
  }
  return undefined;
}
