// Owns the CPU accounting of a benchmark run: the CPU time each of Chromium's processes and this Node process spent
// between two snapshots, by kind. On two cores a flow keeps both busy, so work any process adds (the app's window
// rendering, the browser compositing it, Node answering its IPC) is wall time the flow waits for; this shows where
// the app's overhead over the floor is spent rather than leaving it to a guess (issue 22). Chromium reports its
// processes' CPU itself (CDP SystemInfo.getProcessInfo, on every platform; 10 ms resolution on Linux).
import type { Browser, CDPSession } from 'playwright-core';

export interface CpuSnapshot {
  /** Chromium's processes by id: their type as Chromium names it, and their CPU time so far in ms. */
  readonly processes: ReadonlyMap<number, { readonly type: string; readonly ms: number }>;
  /** This process's CPU time so far in ms (the harness, the emulator and the app's services all run in it). */
  readonly nodeMs: number;
}

/** The kinds a run's CPU is split into, in the order the table prints them. */
export const CPU_KINDS = [
  'Node (harness, emulator, app services)',
  'Chromium browser process',
  'Chromium GPU process',
  'renderers already running (the app’s window; a sign-in window made ahead)',
  'renderers started in the run (sign-in windows opened in it)',
  'other Chromium services',
] as const;
export type CpuKind = (typeof CPU_KINDS)[number];

interface ProcessInfo {
  readonly processInfo: readonly { readonly type: string; readonly id: number; readonly cpuTime: number }[];
}

export interface CpuSampler {
  /** Chromium's processes as last seen (one that has ended keeps what it had spent when last seen), and Node's. */
  snapshot(): Promise<CpuSnapshot>;
  /** untilQuiet over Chromium's processes (all of them, as last seen). */
  quiet(options?: QuietOptions): Promise<QuietResult>;
  close(): Promise<void>;
}

/**
 * Samples Chromium's processes every `everyMs` as well as on each snapshot, so that a process that ends within a run
 * (a sign-in window's renderer, once its context is closed) still counts what it spent up to its last sample. What
 * it spends after that (its teardown, under `everyMs`) is not counted. Each sample is one CDP call, on every variant.
 */
export async function cpuSampler(browser: Browser, everyMs = 100): Promise<CpuSampler> {
  const cdp: CDPSession = await browser.newBrowserCDPSession();
  const seen = new Map<number, { type: string; ms: number }>();
  const sample = async (): Promise<void> => {
    const info = (await cdp.send('SystemInfo.getProcessInfo')) as ProcessInfo;
    for (const p of info.processInfo) seen.set(p.id, { type: p.type, ms: p.cpuTime * 1000 });
  };
  const timer = setInterval(() => void sample().catch(() => undefined), everyMs);
  const chromiumMs = async (): Promise<number> => {
    await sample();
    let sum = 0;
    for (const p of seen.values()) sum += p.ms;
    return sum;
  };
  return {
    quiet: (options) => untilQuiet(chromiumMs, options),
    snapshot: async () => {
      await sample();
      const u = process.cpuUsage();
      return { processes: new Map(seen), nodeMs: (u.user + u.system) / 1000 };
    },
    close: async () => {
      clearInterval(timer);
      await cdp.detach().catch(() => undefined);
    },
  };
}

export interface QuietOptions {
  /** The span the CPU is read over. */
  readonly windowMs?: number;
  /** At most this much CPU over one window counts as quiet (Chromium reports CPU in 10 ms steps on Linux). */
  readonly maxCpuMs?: number;
  /** Gives up after this long. */
  readonly timeoutMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

export interface QuietResult {
  readonly quiet: boolean;
  readonly waitedMs: number;
}

/**
 * Waits until the processes `cpuMs` totals have spent at most `maxCpuMs` over one `windowMs`: work a run set off
 * that outlives it. A new renderer process keeps working for a second or two after its page is up (~400 ms of CPU
 * here), and the app makes its next sign-in window after each flow; without this wait that work ran into the next
 * variant's run (most often the floor's) and was counted there, timed and in its CPU.
 */
export async function untilQuiet(cpuMs: () => Promise<number>, options: QuietOptions = {}): Promise<QuietResult> {
  const { windowMs = 250, maxCpuMs = 10, timeoutMs = 5_000 } = options;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? (() => performance.now());
  const start = now();
  let last = await cpuMs();
  for (;;) {
    await sleep(windowMs);
    const next = await cpuMs();
    if (next - last <= maxCpuMs) return { quiet: true, waitedMs: now() - start };
    if (now() - start >= timeoutMs) return { quiet: false, waitedMs: now() - start };
    last = next;
  }
}

/**
 * The CPU spent between two snapshots, by kind. A renderer seen in both is one that was running before the run (in
 * the flow bench: the app's window, and a sign-in window made ahead); one seen only after was started in it (a sign-in
 * window opened at the click, or the next one made ahead after the verdict), and all of its
 * time counts (a sampler's snapshots keep an ended process at its last sample; see cpuSampler).
 */
export function cpuByKind(before: CpuSnapshot, after: CpuSnapshot): Record<CpuKind, number> {
  const out = Object.fromEntries(CPU_KINDS.map((k) => [k, 0])) as Record<CpuKind, number>;
  out['Node (harness, emulator, app services)'] = after.nodeMs - before.nodeMs;
  for (const [id, p] of after.processes) {
    const was = before.processes.get(id);
    const spent = p.ms - (was?.ms ?? 0);
    const kind: CpuKind =
      p.type === 'browser'
        ? 'Chromium browser process'
        : p.type === 'GPU'
          ? 'Chromium GPU process'
          : p.type === 'renderer'
            ? was
              ? 'renderers already running (the app’s window; a sign-in window made ahead)'
              : 'renderers started in the run (sign-in windows opened in it)'
            : 'other Chromium services';
    out[kind] += spent;
  }
  return out;
}

/** The whole run's CPU, all kinds together. */
export const cpuTotal = (byKind: Record<CpuKind, number>): number => CPU_KINDS.reduce((sum, k) => sum + byKind[k], 0);
