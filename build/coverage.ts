// `npm test`'s tests with coverage, merged into one report: runs Vitest (unit + integration) with its V8 provider,
// builds the app with the renderer's source maps, runs the Playwright specs, then merges
//   coverage/raw/vitest        Vitest's V8 coverage of the test workers, remapped by Vitest (Istanbul JSON)
//   coverage/raw/node-vitest   V8 coverage of the processes the tests start (the CLI as a program; tsx's source maps)
//   coverage/raw/browser       Chromium's JS coverage of the renderer through the harness (out/renderer's source maps)
//   coverage/raw/node-e2e      V8 coverage of the Playwright processes: the services the harness runs (Playwright's
//                              TypeScript transform's source maps)
// with monocart-coverage-reports (V8 → Istanbul through the source maps, then one Istanbul merge), prints the
// per-room table of build/coverage-table.ts, writes the HTML report to coverage/html, and fails below a room's floor
// (build/coverage-floor.json). `--report-only` merges what a run left; `--uncovered` also lists the lines no run executed.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CoverageReport, type CoverageReportOptions } from 'monocart-coverage-reports';
import { formatCoverageTable, judgeCoverage, ROOMS, type FloorConfig } from './coverage-table';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const COVERAGE = join(REPO, 'coverage');
const RAW = join(COVERAGE, 'raw');
const HTML = join(COVERAGE, 'html');
const RENDERER_OUT = join(REPO, 'out', 'renderer');

const toRepoPath = (file: string): string => relative(REPO, file).split(sep).join('/');
/** Sources of the four rooms and of electron/ (whose Electron-only files are listed by name), never tests/. */
const isAppSource = (repoPath: string): boolean =>
  (ROOMS.some((room) => repoPath.startsWith(room)) || repoPath.startsWith('electron/')) &&
  /\.(ts|tsx)$/.test(repoPath) &&
  !repoPath.endsWith('.d.ts');

function step(title: string, command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): void {
  console.log(`\n== ${title}`);
  const options: SpawnSyncOptions = {
    cwd: REPO,
    stdio: 'inherit',
    env: { ...process.env, ...env },
    // npm is a .cmd on Windows, which only a shell starts.
    shell: command === 'npm' && process.platform === 'win32',
  };
  const result = spawnSync(command, args, options);
  if (result.status !== 0) {
    console.error(
      `${title} failed (exit ${result.status ?? result.signal}); no coverage report for an unfinished run.`,
    );
    process.exit(result.status ?? 1);
  }
}

/** Chromium's coverage entries, each with its asset's source map from out/renderer (built for this run). */
function browserEntries(): unknown[] {
  const dir = join(RAW, 'browser');
  if (!existsSync(dir)) return [];
  const maps = new Map<string, unknown>();
  const entries: unknown[] = [];
  for (const name of readdirSync(dir)) {
    const list = JSON.parse(readFileSync(join(dir, name), 'utf8')) as { url: string; source?: string }[];
    for (const entry of list) {
      const asset = join(RENDERER_OUT, new URL(entry.url).pathname);
      if (!maps.has(asset) && existsSync(`${asset}.map`))
        maps.set(asset, JSON.parse(readFileSync(`${asset}.map`, 'utf8')));
      entries.push({ ...entry, sourceMap: maps.get(asset) });
    }
  }
  return entries;
}

/**
 * Per file (repo-relative), the lines the V8 runs executed: Chromium's coverage of the renderer and Node's of the
 * processes, mapped through their source maps to the original lines by monocart-coverage-reports.
 */
async function v8LinesHit(): Promise<Map<string, Set<number>>> {
  const hit = new Map<string, Set<number>>();
  const nodeDirs = ['node-vitest', 'node-e2e'].map((d) => join(RAW, d)).filter((d) => existsSync(d));
  const browser = browserEntries();
  if (nodeDirs.length === 0 && browser.length === 0) return hit;
  const options: CoverageReportOptions = {
    name: 'V8 coverage of the renderer, the harness services and the CLI as a process',
    outputDir: join(RAW, 'v8'),
    logging: 'error',
    reports: ['v8-json'],
    entryFilter: (entry) =>
      entry.url.startsWith('http://renderer/') ||
      (entry.url.startsWith('file://') &&
        !entry.url.includes('/node_modules/') &&
        isAppSource(toRepoPath(fileURLToPath(entry.url)))),
    // Sources come out repo-relative: file URLs relative to baseDir, the renderer's map sources ('../../../renderer/…',
    // relative to out/renderer/assets) with their '..' steps dropped.
    baseDir: REPO,
    sourceFilter: (sourcePath) => isAppSource(sourcePath),
  };
  const mcr = new CoverageReport(options);
  if (browser.length > 0) await mcr.add(browser as Parameters<typeof mcr.add>[0]);
  for (const dir of nodeDirs) await mcr.addFromDir(dir);
  const results = await mcr.generate();
  for (const file of results?.files ?? []) {
    const lines = new Set<number>();
    // A number is the line's hit count; a string ("1/2") a line partly run, which did run.
    for (const [line, hits] of Object.entries(file.data?.lines ?? {}))
      if (typeof hits === 'string' || hits > 0) lines.add(Number(line));
    hit.set(toRepoPath(resolve(REPO, file.sourcePath)), lines);
  }
  return hit;
}

interface IstanbulFile {
  path: string;
  statementMap: Record<string, { start: { line: number } }>;
  s: Record<string, number>;
  [key: string]: unknown;
}

/**
 * One Istanbul map: Vitest's, which holds every file of the rooms (untested ones at 0) and so fixes which lines
 * count, with each statement whose first line a V8 run executed counted as run. Branches and functions stay as
 * Vitest measured them: the floor is on lines.
 */
function mergeLines(vitest: Record<string, IstanbulFile>, hit: Map<string, Set<number>>): Record<string, IstanbulFile> {
  const merged: Record<string, IstanbulFile> = {};
  for (const file of Object.values(vitest)) {
    const path = resolve(REPO, file.path);
    const repoPath = toRepoPath(path);
    if (!isAppSource(repoPath)) continue;
    const lines = hit.get(repoPath);
    const s = { ...file.s };
    if (lines)
      for (const [id, loc] of Object.entries(file.statementMap))
        if (lines.has(loc.start.line)) s[id] = Math.max(s[id] ?? 0, 1);
    merged[path] = { ...file, path, s };
  }
  return merged;
}

/** `--uncovered`: per file, the lines no run executed, as ranges (what to read in the HTML report first). */
function printUncovered(merged: Record<string, IstanbulFile>): void {
  const rows: string[] = [];
  for (const file of Object.values(merged)) {
    const lines = new Map<number, boolean>();
    for (const [id, loc] of Object.entries(file.statementMap))
      lines.set(loc.start.line, (lines.get(loc.start.line) ?? false) || (file.s[id] ?? 0) > 0);
    const missed = [...lines]
      .filter(([, run]) => !run)
      .map(([line]) => line)
      .sort((a, b) => a - b);
    if (missed.length === 0) continue;
    const ranges: string[] = [];
    for (let i = 0; i < missed.length; i++) {
      const start = missed[i] ?? 0;
      let end = start;
      while (missed[i + 1] !== undefined && (missed[i + 1] ?? 0) - end <= 2) end = missed[++i] ?? end;
      ranges.push(start === end ? `${start}` : `${start}-${end}`);
    }
    rows.push(`${String(missed.length).padStart(4)}  ${toRepoPath(file.path)}: ${ranges.join(', ')}`);
  }
  console.log(`\nLines no run executed (count, file: lines):\n${rows.sort().join('\n')}`);
}

async function mergeAndReport(): Promise<boolean> {
  const vitestFile = join(RAW, 'vitest', 'coverage-final.json');
  if (!existsSync(vitestFile)) {
    console.error('No Vitest coverage under coverage/raw: run `npm test` first.');
    return false;
  }
  const vitest = JSON.parse(readFileSync(vitestFile, 'utf8')) as Record<string, IstanbulFile>;
  const merged = mergeLines(vitest, await v8LinesHit());
  const mcr = new CoverageReport({
    name: 'Mailbox Auth Helper: unit, integration and end-to-end tests',
    outputDir: HTML,
    logging: 'error',
    reports: ['html'],
    baseDir: REPO,
  });
  await mcr.add(merged as unknown as Parameters<typeof mcr.add>[0]);
  const results = await mcr.generate();
  const files = (results?.files ?? []).map((f) => ({
    path: toRepoPath(resolve(REPO, f.sourcePath)),
    covered: f.summary.lines.covered,
    total: f.summary.lines.total,
  }));
  if (process.argv.includes('--uncovered')) printUncovered(merged);
  const config = JSON.parse(readFileSync(join(REPO, 'build', 'coverage-floor.json'), 'utf8')) as FloorConfig;
  const verdict = judgeCoverage(files, config);
  console.log(`\n${formatCoverageTable(verdict, config, toRepoPath(join(HTML, 'index.html')))}`);
  return !verdict.failed;
}

const reportOnly = process.argv.includes('--report-only');
if (!reportOnly) {
  rmSync(COVERAGE, { recursive: true, force: true });
  const collect = { MAH_COVERAGE_DIR: RAW };
  step(
    'unit and integration tests (Vitest, with coverage)',
    process.execPath,
    [join(REPO, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'build/vitest.config.ts', '--coverage'],
    collect,
  );
  step('build (renderer with source maps, for the coverage of the e2e run)', 'npm', ['run', 'build'], {
    MAH_RENDERER_SOURCEMAP: '1',
  });
  step(
    'end-to-end tests (Playwright through the harness, with coverage)',
    process.execPath,
    [join(REPO, 'node_modules/@playwright/test/cli.js'), 'test', '--config', 'build/playwright.config.ts'],
    { ...collect, NODE_V8_COVERAGE: join(RAW, 'node-e2e') },
  );
}
const ok = await mergeAndReport();
process.exit(ok ? 0 : 1);
