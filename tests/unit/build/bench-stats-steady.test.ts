// The bench's warm-up rule (tests/bench/stats.ts runUntilSteady): batches run until the last few agree on every
// measured quantity, so a per-call figure is taken from optimised code, not from a mix with V8's tier-up.
import { describe, expect, it } from 'vitest';
import { runUntilSteady } from '../../bench/stats';

/** A batch function that hands out the given figures in order, then repeats the last. */
const feed = (figures: number[][]): (() => number[]) => {
  let i = 0;
  return () => figures[Math.min(i++, figures.length - 1)] ?? [];
};

describe('runUntilSteady', () => {
  it('keeps running while the figures still fall, and stops once three batches in a row agree', () => {
    const s = runUntilSteady(
      feed([
        [13.5, 4.0],
        [11.0, 3.8],
        [9.1, 3.7],
        [8.8, 3.7],
        [8.7, 3.7],
        [8.8, 3.7],
      ]),
    );
    expect(s).toMatchObject({ steady: true, batches: 5 });
    expect(s.history[0]).toEqual([13.5, 4.0]);
  });

  it('waits for every quantity: one settled figure is not enough', () => {
    const s = runUntilSteady(
      feed([
        [8.7, 5.0],
        [8.7, 4.4],
        [8.7, 3.9],
        [8.7, 3.7],
        [8.7, 3.7],
      ]),
      { window: 2 },
    );
    // The first figure agrees from batch 2 on; the second (3.9 then 3.7 is 5.4% apart) only at batches 4 and 5.
    expect(s).toMatchObject({ steady: true, batches: 5 });
  });

  it('gives up after maxBatches and says it did not settle', () => {
    let n = 0;
    const s = runUntilSteady(() => [(n++ % 2) + 1], { maxBatches: 6 });
    expect(s).toMatchObject({ steady: false, batches: 6 });
  });

  it('never calls zero or NaN figures agreed', () => {
    expect(runUntilSteady(() => [0], { maxBatches: 4 }).steady).toBe(false);
    expect(runUntilSteady(() => [Number.NaN], { maxBatches: 4 }).steady).toBe(false);
  });
});
