// Owns what a benchmark section hands back (rows of medians/spread, targets, notes, skips) and how the
// runner prints them as one table and stores them in bench/results.json. A target is judged here, once,
// from the measured value; sections never decide "met" themselves.
import type { Summary } from './stats';

export type Unit = 'ms' | 'µs' | 'KB' | 'MB' | 'x' | 'count';

export interface Target {
  /** The value must be ≤ this (every target in issue 10 is an upper bound). */
  readonly max: number;
  /** As the issue words it, e.g. "≤ 1.15×". */
  readonly text: string;
}

export interface Row {
  readonly metric: string;
  readonly unit: Unit;
  /** The median when `spread` is given, else the single measured value. */
  readonly value: number;
  readonly spread?: Pick<Summary, 'p10' | 'p90' | 'p99' | 'q1' | 'q3' | 'n'>;
  /** Show p99 instead of p10/p90 (per-call costs, where the tail is the question). */
  readonly showP99?: boolean;
  readonly target?: Target;
  /** Which value the target was applied to, when the row's value is not obviously it. */
  readonly note?: string;
}

export interface SectionResult {
  readonly id: string;
  readonly title: string;
  /** Set when the section did not run; the reason is printed instead of rows. */
  readonly skipped?: string;
  readonly rows: readonly Row[];
  /** Lines printed under the section (definitions, what was measured, why a number is what it is). */
  readonly notes?: readonly string[];
  /** Raw samples kept in results.json only. */
  readonly samples?: Readonly<Record<string, readonly number[]>>;
  readonly durationMs?: number;
}

export const row = (metric: string, unit: Unit, s: Summary, extra: Partial<Row> = {}): Row => ({
  metric,
  unit,
  value: s.median,
  spread: { p10: s.p10, p90: s.p90, p99: s.p99, q1: s.q1, q3: s.q3, n: s.n },
  ...extra,
});

export const single = (metric: string, unit: Unit, value: number, extra: Partial<Row> = {}): Row => ({
  metric,
  unit,
  value,
  ...extra,
});

export function verdictOf(r: Row): 'met' | 'MISSED' | '' {
  if (!r.target) return '';
  return Number.isFinite(r.value) && r.value <= r.target.max ? 'met' : 'MISSED';
}

function fmt(v: number | undefined, unit: Unit): string {
  if (v === undefined || !Number.isFinite(v)) return '–';
  const abs = Math.abs(v);
  const digits = unit === 'count' ? 0 : unit === 'x' ? 2 : abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  const u = unit === 'count' ? '' : unit === 'x' ? '×' : ` ${unit}`;
  return `${v.toFixed(digits)}${u}`;
}

const pad = (s: string, n: number): string => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const padL = (s: string, n: number): string => (s.length >= n ? s : ' '.repeat(n - s.length) + s);

export function formatTable(sections: readonly SectionResult[]): string {
  const out: string[] = [];
  const width = Math.min(90, Math.max(40, ...sections.flatMap((s) => s.rows.map((r) => r.metric.length + 2))));
  const header = [
    pad('metric', width),
    padL('median', 11),
    padL('p10', 10),
    padL('p90/p99', 12),
    padL('n', 6),
    '  ',
    pad('target', 14),
    'result',
  ];
  for (const s of sections) {
    out.push('');
    out.push(`== ${s.title}${s.durationMs !== undefined ? `  (${(s.durationMs / 1000).toFixed(1)} s)` : ''}`);
    if (s.skipped) {
      out.push(`   SKIPPED: ${s.skipped}`);
      continue;
    }
    out.push(`   ${header.join('')}`);
    for (const r of s.rows) {
      const sp = r.spread;
      const upper = sp ? (r.showP99 ? `p99 ${fmt(sp.p99, r.unit)}` : fmt(sp.p90, r.unit)) : '';
      out.push(
        `   ${[
          pad(r.metric, width),
          padL(fmt(r.value, r.unit), 11),
          padL(sp && !r.showP99 ? fmt(sp.p10, r.unit) : '', 10),
          padL(upper, 12),
          padL(sp ? String(sp.n) : '', 6),
          '  ',
          pad(r.target?.text ?? '', 14),
          verdictOf(r),
        ].join('')}`,
      );
      if (r.note) out.push(`      ↳ ${r.note}`);
    }
    for (const n of s.notes ?? []) out.push(`   · ${n}`);
  }
  return out.join('\n');
}

export const HOW_TO_READ = [
  'How to read: every timing is wall-clock on this machine (loopback emulator, Dovecot, headless Chromium),',
  'measured while other work may share the CPUs. "median" is the 50th percentile of n runs; p10/p90 show the',
  'spread (per-call costs show p99 instead). Ratios compare medians measured in the same run, interleaved.',
  '"target" is the bound from issue 10 and "result" says met or MISSED against the median (or the stated value).',
  'A MISSED target is reported as measured: nothing is tuned to pass. Raw samples are in bench/results.json.',
].join('\n');
