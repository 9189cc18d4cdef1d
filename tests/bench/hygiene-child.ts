// Owns the measured side of benchmark 6: a process that is only the app's main-process services (the
// AuthorizeService with its MSAL client, network module, verifier and token store), running many flows
// against an emulator in ANOTHER process, so the heap measured here holds no emulator state. The sign-in is
// the browserless fetchLogin walk. Prints one JSON line (HygieneReport) on stdout. Run with --expose-gc.
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
  const cold = await sample();
  for (let i = 0; i < input.warmup; i++) await flow();
  const baseline = await sample();
  flowMs.length = 0;
  for (let i = 0; i < input.flows; i++) await flow();
  const afterFlows = await sample();
  await new Promise((r) => setTimeout(r, input.settleMs));
  const afterSettle = await sample();
  const report: HygieneReport = { cold, baseline, afterFlows, afterSettle, flowMs, failures };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
