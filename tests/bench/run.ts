// Owns `npm run bench`: runs the issue-10 benchmarks in one process (re-executed with --expose-gc), prints
// a "how to read" note and one table (medians, spread, ratios, targets met or MISSED), and writes
// bench/results.json, building the app first when out/ lacks it. `npm run bench -- --only flow,renderer`
// runs a subset (ids below). Missed targets do not fail the run; a section that crashes does (exit 1), after
// everything else has been reported.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator, type Emulator } from '../emulator';
import { REPO_ROOT } from '../harness';
import { whyRebuild } from './build-freshness';
import { benchCliStart } from './cli-start';
import { benchElectronStart } from './electron-start';
import { benchFlowOverhead } from './flow-overhead';
import { benchHygiene } from './hygiene';
import { benchOnlineDiagnose } from './online-diagnose';
import { benchProbes } from './probes';
import { HOW_TO_READ, formatTable, verdictOf, type SectionResult } from './report';
import { benchRenderer } from './renderer-weight';
import { nowMs } from './stats';
import { benchVerificationCost } from './verification-cost';

// The flow, renderer and Electron sections measure the built app: build it once, here, when out/ lacks it or is
// older than its sources (a stale build measures yesterday's app against today's services).
const BUILT = ['out/renderer/index.html', 'out/main/main.cjs'];
const rebuild = process.env.BENCH_REEXEC === '1' ? undefined : whyRebuild(REPO_ROOT, BUILT);
if (rebuild !== undefined) {
  process.stderr.write(`bench: the built app is not current (${rebuild}); running npm run build first.\n`);
  const npmCli = process.env.npm_execpath;
  const build =
    npmCli !== undefined && /\.c?js$/.test(npmCli)
      ? spawnSync(process.execPath, [npmCli, 'run', 'build'], { stdio: 'inherit', cwd: REPO_ROOT })
      : spawnSync('npm', ['run', 'build'], { stdio: 'inherit', cwd: REPO_ROOT, shell: process.platform === 'win32' });
  if (build.status !== 0) {
    process.stderr.write('bench: npm run build failed (see above); fix the build, then run npm run bench again.\n');
    process.exit(1);
  }
}

// The hygiene section reads heap after GC; the brief's runner owns that flag rather than relying on the caller.
if (typeof (globalThis as { gc?: unknown }).gc !== 'function' && process.env.BENCH_REEXEC !== '1') {
  const script = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', script, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_REEXEC: '1' },
  });
  process.exit(r.status ?? 1);
}

interface SectionSpec {
  readonly id: string;
  readonly title: string;
  readonly run: (emulator: Emulator) => Promise<SectionResult>;
}

const SECTIONS: readonly SectionSpec[] = [
  { id: 'verify', title: '2. Verification cost', run: benchVerificationCost },
  { id: 'flow', title: '1. Flow overhead', run: () => benchFlowOverhead() },
  { id: 'renderer', title: '5. Renderer weight and start', run: () => benchRenderer() },
  { id: 'diagnose', title: '3. Online diagnose', run: benchOnlineDiagnose },
  { id: 'probes', title: '4. Probes', run: benchProbes },
  { id: 'hygiene', title: '6. Hygiene', run: benchHygiene },
  { id: 'electron', title: '7. Electron start', run: () => benchElectronStart() },
  { id: 'cli', title: '8. CLI start-up', run: () => benchCliStart() },
];

function selected(): readonly SectionSpec[] {
  const i = process.argv.indexOf('--only');
  const only = i >= 0 ? (process.argv[i + 1] ?? '').split(',').filter(Boolean) : [];
  if (only.length === 0) return SECTIONS;
  const unknown = only.filter((o) => !SECTIONS.some((s) => s.id === o));
  if (unknown.length > 0) {
    process.stderr.write(`unknown section(s) ${unknown.join(', ')}; known: ${SECTIONS.map((s) => s.id).join(', ')}\n`);
    process.exit(2);
  }
  return SECTIONS.filter((s) => only.includes(s.id));
}

async function main(): Promise<void> {
  const started = nowMs();
  const startedAt = new Date().toISOString();
  const loadBefore = loadavg();
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  const emulator = await startEmulator();
  emulator.trustInProcess();
  const results: SectionResult[] = [];
  let crashed = 0;
  try {
    for (const s of selected()) {
      process.stderr.write(`bench: running ${s.title}…\n`);
      const a = nowMs();
      try {
        results.push(await s.run(emulator));
      } catch (e) {
        crashed++;
        const msg = e instanceof Error ? e.message : String(e);
        results.push({
          id: s.id,
          title: s.title,
          skipped: `FAILED to run: ${msg.split('\n')[0] ?? msg}`,
          rows: [],
          durationMs: nowMs() - a,
        });
        process.stderr.write(`bench: ${s.title} failed: ${e instanceof Error ? (e.stack ?? msg) : msg}\n`);
      }
    }
  } finally {
    await emulator.stop();
  }
  const totalMs = nowMs() - started;
  const rows = results.flatMap((s) => s.rows);
  const judged = rows.filter((r) => r.target);
  const missed = judged.filter((r) => verdictOf(r) === 'MISSED');

  const cpu = cpus();
  const lines = [
    HOW_TO_READ,
    '',
    `Mailbox Auth Helper ${pkg.version} · ${startedAt} · Node ${process.versions.node} · ${cpu.length} × ${cpu[0]?.model ?? 'cpu'} · load avg at start ${loadBefore.map((x) => x.toFixed(2)).join(' ')}`,
    formatTable(results),
    '',
    `Targets: ${judged.length - missed.length} met, ${missed.length} MISSED${missed.length > 0 ? ` (${missed.map((r) => r.metric.trim()).join('; ')})` : ''}.`,
    `Skipped: ${
      results
        .filter((s) => s.skipped)
        .map((s) => `${s.title} (${s.skipped})`)
        .join('; ') || 'none'
    }.`,
    `Total bench time ${(totalMs / 1000).toFixed(1)} s; results in bench/results.json.`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  const outDir = join(REPO_ROOT, 'bench');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(
    join(outDir, 'results.json'),
    `${JSON.stringify({ startedAt, version: pkg.version, node: process.versions.node, cpus: cpu.length, cpuModel: cpu[0]?.model, loadAvgAtStart: loadBefore, totalMs, targets: { met: judged.length - missed.length, missed: missed.map((r) => r.metric.trim()) }, sections: results.map((s) => ({ ...s, rows: s.rows.map((r) => ({ ...r, result: verdictOf(r) || undefined })) })) }, null, 2)}\n`,
  );
  if (crashed > 0) process.exitCode = 1;
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
