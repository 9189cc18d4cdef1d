// Owns the measured side of benchmark 6 (and issue 22's memory curve with the warm-up's allocation profile): a process that is only the app's main-process services (the
// AuthorizeService with its MSAL client, network module, verifier and token store), running many flows
// against an emulator in ANOTHER process, so the heap measured here holds no emulator state. The sign-in is
// the browserless fetchLogin walk. Prints one JSON line (HygieneReport) on stdout. Run with --expose-gc.
import { Session } from 'node:inspector/promises';
import { getHeapSpaceStatistics } from 'node:v8';
import type { AuthBrowserFactory } from '../../electron/services/authorize/auth-browser';
import { AuthorizeService } from '../../electron/services/authorize/authorize-service';
import { TokenStore } from '../../electron/services/tokens/token-store';
import type { AuthorizeConfig } from '../../shared/authorize/schema';
import { matchesRedirectUri } from '../../shared/authorize/redirect-uri';
import { fetchLogin } from '../emulator/fetch-login';

export interface HygieneChildInput {
  readonly cfg: AuthorizeConfig;
  readonly password: string;
  readonly warmup: number;
  readonly flows: number;
  readonly settleMs: number;
  /** Issue 22: the memory curve's points, after GC every `curveEvery` flows (warm-up and steady state). */
  readonly curveEvery: number;
}

/** One point of the memory curve: after `flow` flows (0 = cold), after GC. */
export interface CurvePoint {
  readonly flow: number;
  readonly rss: number;
  readonly heapUsed: number;
  readonly heapTotal: number;
  readonly external: number;
  readonly arrayBuffers: number;
  /** V8's code space (compiled and optimised functions) in use. */
  readonly codeSpace: number;
}

/** What the sampling heap profiler saw allocated during warm-up and still alive at its end, by where. */
export interface AllocationSite {
  readonly where: string;
  readonly bytes: number;
}

export interface MemorySample {
  readonly heapUsed: number;
  readonly rss: number;
  readonly external: number;
  readonly resources: Record<string, number>;
}

export interface HygieneReport {
  readonly cold: MemorySample;
  readonly baseline: MemorySample;
  readonly afterFlows: MemorySample;
  readonly afterSettle: MemorySample;
  readonly flowMs: number[];
  readonly failures: string[];
  readonly curve: CurvePoint[];
  readonly warmupAllocations: AllocationSite[];
}

const gc = (globalThis as { gc?: () => void }).gc;

async function sample(): Promise<MemorySample> {
  if (!gc) throw new Error('run with --expose-gc');
  // Two passes with a turn in between: finalizers queued by the first pass run before the second.
  gc();
  await new Promise((r) => setImmediate(r));
  gc();
  const m = process.memoryUsage();
  const resources: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) resources[r] = (resources[r] ?? 0) + 1;
  return { heapUsed: m.heapUsed, rss: m.rss, external: m.external, resources };
}

function browsers(upn: string, password: string): AuthBrowserFactory {
  return async () => ({
    authorize: async (url, redirectUri) => {
      const r = await fetchLogin(url, { upn, password });
      if (!r.callbackUrl || !matchesRedirectUri(r.callbackUrl, redirectUri)) return { kind: 'cancelled' };
      return { kind: 'callback', callbackUrl: r.callbackUrl };
    },
    dispose: async () => undefined,
  });
}

async function point(flow: number): Promise<CurvePoint> {
  await sample(); // GC twice
  const m = process.memoryUsage();
  const code = getHeapSpaceStatistics().find((x) => x.space_name === 'code_space')?.space_used_size ?? 0;
  return {
    flow,
    rss: m.rss,
    heapUsed: m.heapUsed,
    heapTotal: m.heapTotal,
    external: m.external,
    arrayBuffers: m.arrayBuffers,
    codeSpace: code,
  };
}

interface SamplingNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: SamplingNode[];
}

/** Groups a sampling heap profile's live bytes by package (node_modules/<name>), app folder or V8/Node internals. */
function sitesOf(head: SamplingNode): AllocationSite[] {
  const by = new Map<string, number>();
  const where = (url: string, fn: string): string => {
    if (url === '') return `(V8/Node internals${fn ? `: ${fn}` : ''})`;
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
    if (pkg) return pkg;
    if (url.startsWith('node:')) return url;
    const app = /\/(electron|shared|tests)\/(.+)$/.exec(url);
    return app ? `${app[1]}/${app[2]}` : url;
  };
  const walk = (n: SamplingNode, owner: string | undefined): void => {
    const w = where(n.callFrame.url, n.callFrame.functionName);
    // Attribute bytes to the nearest frame that is not a V8/Node internal (JSON.parse, Buffer…): who asked for it.
    const o = w.startsWith('(') || w.startsWith('node:') ? (owner ?? w) : w;
    if (n.selfSize > 0) by.set(o, (by.get(o) ?? 0) + n.selfSize);
    for (const c of n.children) walk(c, o);
  };
  walk(head, undefined);
  return [...by].map(([w, bytes]) => ({ where: w, bytes })).sort((a, b) => b.bytes - a.bytes);
}

async function main(): Promise<void> {
  const input = JSON.parse(process.env.BENCH_HYGIENE ?? '') as HygieneChildInput;
  const service = new AuthorizeService({
    browsers: browsers(input.cfg.signInAccount, input.password),
    store: new TokenStore(),
  });
  const failures: string[] = [];
  const flowMs: number[] = [];
  const flow = async (): Promise<void> => {
    const a = performance.now();
    service.start(input.cfg);
    const s = await service.settled();
    flowMs.push(performance.now() - a);
    if (s.kind !== 'done' || !s.result.verdict.ok)
      failures.push(s.kind === 'failed' ? s.error.code : s.kind === 'done' ? s.result.verdict.code : s.kind);
  };
  const curve: CurvePoint[] = [await point(0)];
  const cold = await sample();
  // The warm-up under the sampling heap profiler: what it allocated and still holds at its end is the explanation
  // of the warm-up's growth (measured, not asserted).
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', { samplingInterval: 4096 });
  for (let i = 1; i <= input.warmup; i++) {
    await flow();
    if (i % input.curveEvery === 0 && i < input.warmup) curve.push(await point(i));
  }
  const { profile } = (await session.post('HeapProfiler.stopSampling')) as { profile: { head: SamplingNode } };
  session.disconnect();
  const warmupAllocations = sitesOf(profile.head).slice(0, 12);
  const baseline = await sample();
  curve.push(await point(input.warmup));
  flowMs.length = 0;
  // The steady state: a point after GC every curveEvery flows; the slope of these points is the per-flow growth.
  for (let i = 1; i <= input.flows; i++) {
    await flow();
    if (i % input.curveEvery === 0) curve.push(await point(input.warmup + i));
  }
  const afterFlows = await sample();
  await new Promise((r) => setTimeout(r, input.settleMs));
  const afterSettle = await sample();
  const report: HygieneReport = { cold, baseline, afterFlows, afterSettle, flowMs, failures, curve, warmupAllocations };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
