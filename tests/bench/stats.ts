// Owns the benchmark arithmetic: order statistics over samples (median, p10/p90, p99, IQR) with linear
// interpolation, and the high-resolution clock every section times with. Nothing here knows a target.
export interface Summary {
  readonly n: number;
  readonly median: number;
  readonly p10: number;
  readonly p90: number;
  readonly p99: number;
  readonly q1: number;
  readonly q3: number;
  readonly min: number;
  readonly max: number;
}

/** Milliseconds since an arbitrary origin, sub-microsecond resolution. */
export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/** The q-quantile (0..1) of already sorted values, interpolated between neighbours (type 7, as R and NumPy). */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? Number.NaN;
  const b = sorted[hi] ?? Number.NaN;
  return a + (b - a) * (pos - lo);
}

export function summarize(samples: readonly number[]): Summary {
  const s = [...samples].sort((x, y) => x - y);
  return {
    n: s.length,
    median: quantileSorted(s, 0.5),
    p10: quantileSorted(s, 0.1),
    p90: quantileSorted(s, 0.9),
    p99: quantileSorted(s, 0.99),
    q1: quantileSorted(s, 0.25),
    q3: quantileSorted(s, 0.75),
    min: s[0] ?? Number.NaN,
    max: s.at(-1) ?? Number.NaN,
  };
}

/** Element-wise differences of paired samples (a[i] − b[i]), for interleaved A/B runs. */
export function pairedDifferences(a: readonly number[], b: readonly number[]): number[] {
  const n = Math.min(a.length, b.length);
  return Array.from({ length: n }, (_, i) => (a[i] ?? 0) - (b[i] ?? 0));
}

export interface Settling {
  /** How many batches ran, the settled ones included. */
  readonly batches: number;
  /** False when maxBatches ran out before the last `window` batches agreed. */
  readonly steady: boolean;
  /** Each batch's measured quantities, in order. */
  readonly history: readonly (readonly number[])[];
}

/**
 * Runs `batch` (one batch of timed calls, returning a figure per measured quantity, e.g. each one's median) until the
 * last `window` batches agree within `tolerance` on every quantity ((max − min) / min), or `maxBatches` ran. For
 * per-call timings of JIT-compiled code: a fixed warm-up can end while V8 is still tiering the code up, and then the
 * "warm" figure is a mix of the interpreter and the optimised code.
 */
export function runUntilSteady(
  batch: () => readonly number[],
  { window = 3, tolerance = 0.05, maxBatches = 40 }: { window?: number; tolerance?: number; maxBatches?: number } = {},
): Settling {
  const history: (readonly number[])[] = [];
  while (history.length < maxBatches) {
    history.push(batch());
    if (history.length < window) continue;
    const last = history.slice(-window);
    const width = last[0]?.length ?? 0;
    let agree = true;
    for (let q = 0; q < width && agree; q++) {
      const values = last.map((h) => h[q] ?? Number.NaN);
      const lo = Math.min(...values);
      const hi = Math.max(...values);
      agree = lo > 0 && (hi - lo) / lo <= tolerance;
    }
    if (agree) return { batches: history.length, steady: true, history };
  }
  return { batches: history.length, steady: false, history };
}
