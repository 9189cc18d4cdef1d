// zod stays out of what the renderer loads at start: the entry chunk, the chunks it imports statically, the
// default area's page chunk (the first route) and its static imports. Builds the renderer with Vite's API into a
// temp dir and looks for a zod marker (the `$ZodType` trait name every zod schema carries; minifiers keep string
// literals) in each of those chunks. A small probe build with zod behind a lazy page proves the walk and the marker
// find zod where it is. Lazy pages other than the default area may load zod; today none does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type InlineConfig, type Rolldown } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_AREA } from '../../../renderer/src/shell/area-ids';
import { REPO_ROOT } from '../../support/repo-root';

const ZOD_MARKER = '$ZodType';
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function chunksOf(config: InlineConfig): Promise<Rolldown.OutputChunk[]> {
  const outDir = mkdtempSync(join(tmpdir(), 'mah-renderer-bundle-'));
  dirs.push(outDir);
  const out = await build({
    ...config,
    mode: 'production',
    logLevel: 'silent',
    build: { ...config.build, outDir, emptyOutDir: true },
  });
  if (!Array.isArray(out) && !('output' in out)) throw new Error('vite build started a watcher');
  return (Array.isArray(out) ? out : [out]).flatMap((o) => o.output).filter((o) => o.type === 'chunk');
}

/** The entry chunk, the chunk whose facade `isFirstPage` picks, and every chunk they import statically. */
function loadedAtStart(chunks: readonly Rolldown.OutputChunk[], isFirstPage: (id: string) => boolean) {
  const byFile = new Map(chunks.map((c) => [c.fileName, c]));
  const entry = chunks.filter((c) => c.isEntry);
  const page = chunks.filter((c) => c.facadeModuleId !== null && isFirstPage(c.facadeModuleId));
  const seen = new Map<string, Rolldown.OutputChunk>();
  const queue = [...entry, ...page];
  for (let c = queue.shift(); c; c = queue.shift()) {
    if (seen.has(c.fileName)) continue;
    seen.set(c.fileName, c);
    for (const f of c.imports) {
      const next = byFile.get(f);
      if (next) queue.push(next);
    }
  }
  return { entry, page, chunks: [...seen.values()] };
}

const withZod = (chunks: readonly Rolldown.OutputChunk[]): string[] =>
  chunks.filter((c) => c.code.includes(ZOD_MARKER)).map((c) => c.fileName);

describe('renderer bundle', () => {
  it('loads no zod at start: entry, its static imports and the default area’s page chunk', async () => {
    const chunks = await chunksOf({ configFile: join(REPO_ROOT, 'build/vite.renderer.config.ts') });
    // The default area's page is the chunk whose facade is a page in the feature folder named like the area.
    const pageDir = join(REPO_ROOT, 'renderer/src/features', DEFAULT_AREA);
    const start = loadedAtStart(chunks, (id) => id.startsWith(`${pageDir}/`) && id.endsWith('-page.tsx'));
    expect(start.entry).toHaveLength(1);
    expect(start.page.map((c) => c.facadeModuleId)).toEqual([join(pageDir, `${DEFAULT_AREA}-page.tsx`)]);
    // The walk really follows static imports (the shell alone is several chunks), and not the lazy pages.
    expect(start.chunks.length).toBeGreaterThan(3);
    expect(start.chunks.length).toBeLessThan(chunks.length);
    expect(withZod(start.chunks)).toEqual([]);
  }, 180_000);

  it('the same check finds zod behind the first page, and not in an entry that only imports it lazily', async () => {
    const modules: Record<string, string> = {
      // Side effects on globalThis, so an app build (which drops the entry's exports) keeps both modules.
      '\0probe-entry': `globalThis.openPage = () => import('probe-page');`,
      '\0probe-page': `import { z } from 'zod'; globalThis.schema = z.object({ a: z.string() });`,
    };
    const probe: Rolldown.Plugin = {
      name: 'zod-probe',
      resolveId: (id) => (`\0${id}` in modules ? `\0${id}` : undefined),
      load: (id) => modules[id],
    };
    const chunks = await chunksOf({
      configFile: false,
      root: REPO_ROOT,
      plugins: [probe],
      build: { target: 'chrome130', rollupOptions: { input: 'probe-entry' } },
    });
    const start = loadedAtStart(chunks, (id) => id === '\0probe-page');
    expect(start.page).toHaveLength(1);
    expect(withZod(start.chunks).length).toBeGreaterThan(0);
    expect(withZod(loadedAtStart(chunks, () => false).chunks)).toEqual([]);
  }, 180_000);
});
