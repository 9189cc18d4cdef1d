// Owns benchmark 8 (issue 22, point 6): the CLI's start-up, `inspect` of one token end to end (process start to
// exit), from the bundle (out/cli/cli.mjs, the package's bin) and from source (`npm run cli`: node --import tsx),
// against `node -e` decoding the same token with jose. Interleaved process by process; builds the bundle if absent.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator } from '../emulator';
import { REPO_ROOT } from '../harness';
import { row, single, type SectionResult } from './report';
import { nowMs, summarize } from './stats';

const RUNS = 15;
const BUNDLE = join(REPO_ROOT, 'out/cli/cli.mjs');

export async function benchCliStart(): Promise<SectionResult> {
  const t0 = nowMs();
  const title = '8. CLI start-up: inspect of one token, end to end';
  if (!existsSync(BUNDLE)) {
    const vite = join(REPO_ROOT, 'node_modules', '.bin', 'vite');
    const r = spawnSync(vite, ['build', '--config', 'build/vite.cli.config.ts'], { cwd: REPO_ROOT, encoding: 'utf8' });
    if (r.status !== 0) return { id: 'cli', title, skipped: `the CLI build failed: ${r.stderr.slice(-300)}`, rows: [] };
  }
  // A real token, as an admin would paste it: minted by the emulator for the service-desk account.
  const emulator = await startEmulator();
  const token = await emulator
    .mintUserAccessToken(emulator.directory.users.servicedesk.upn, { appKey: 'servicenow' })
    .finally(() => emulator.stop());
  const node = process.execPath;
  const variants = {
    jose: [node, '-e', "console.log(JSON.stringify(require('jose').decodeJwt(process.argv[1])))", token],
    bundle: [node, BUNDLE, 'inspect', token],
    source: [node, '--import', 'tsx', join(REPO_ROOT, 'electron/cli/cli.ts'), 'inspect', token],
  } as const;
  type Variant = keyof typeof variants;
  const order: Variant[] = ['jose', 'bundle', 'source'];
  const times: Record<Variant, number[]> = { jose: [], bundle: [], source: [] };
  const failures: string[] = [];
  const env = { ...process.env, NODE_OPTIONS: '' };
  for (let i = 0; i < RUNS + 1; i++) {
    for (const v of [...order.slice(i % 3), ...order.slice(0, i % 3)]) {
      const [cmd, ...args] = variants[v];
      const a = nowMs();
      const r = spawnSync(cmd, args, { cwd: REPO_ROOT, env, encoding: 'utf8' });
      const ms = nowMs() - a;
      // inspect exits 0 (nothing wrong) for this token; anything else would time an error path.
      if (r.status !== 0 || !r.stdout.includes(v === 'jose' ? '"upn"' : 'Token 1')) {
        failures.push(`${v} exited ${r.status}: ${(r.stderr || r.stdout).trim().split('\n')[0] ?? ''}`);
        continue;
      }
      if (i > 0) times[v].push(ms); // the first round warms the disk cache
    }
  }
  const j = summarize(times.jose);
  const b = summarize(times.bundle);
  const s = summarize(times.source);
  const notes = [
    `${RUNS} runs each after one unmeasured round, interleaved; each run is a new process (spawnSync), start to exit.`,
    'bundle = node out/cli/cli.mjs (the bin; loads only the inspect chunk); source = node --import tsx electron/cli/cli.ts (what npm run cli runs, compiling TypeScript on the fly).',
  ];
  if (failures.length > 0) notes.push(`FAILURES (${failures.length}): ${[...new Set(failures)].join('; ')}`);
  return {
    id: 'cli',
    title,
    rows: [
      row('node -e jose.decodeJwt of the same token', 'ms', j),
      row('CLI inspect, bundle (out/cli/cli.mjs, the bin)', 'ms', b),
      row('CLI inspect, from source (npm run cli: tsx)', 'ms', s),
      single('ratio CLI bundle / node -e jose, medians', 'x', b.median / j.median, {
        target: { max: 3, text: '≤ 3×' },
      }),
      single('ratio CLI from source / node -e jose, medians', 'x', s.median / j.median),
    ],
    notes,
    samples: { joseMs: times.jose, bundleMs: times.bundle, sourceMs: times.source },
    durationMs: nowMs() - t0,
  };
}
