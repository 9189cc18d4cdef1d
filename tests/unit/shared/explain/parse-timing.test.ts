// The error-text parser is linear in the length of its input (issue 20, point 2; issue 16, point 3): on 1 MB and 10 MB
// adversarial texts (long runs after a label, tags that never close, entity-like runs, back-to-back codes, answer
// triggers by the thousand; tests/support/explain-inputs.ts) it takes at most RATIO times as long as on a benign
// product log of the same size. A ratio, not a time, so the machine's speed cancels out; the patterns this replaced
// took minutes on 1 MB of "Trace ID:" and spaces, thousands of times the benign time.
import { describe, expect, it } from 'vitest';
import { parseErrorText } from '../../../../shared/explain';
import { adversarialTexts, benignLog } from '../../../support/explain-inputs';

const RATIO = 5;
const MB = 1024 * 1024;

/** The fastest of a few runs: the least disturbed by other work on a shared machine. */
function fastest(text: string, runs: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    parseErrorText(text);
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

describe.each([
  { size: MB, label: '1 MB', runs: 3 },
  { size: 10 * MB, label: '10 MB', runs: 2 },
])('parseErrorText on $label', ({ size, runs }) => {
  const benign = benignLog(size);
  parseErrorText(benign); // warm the regex compiler and the JIT before measuring
  const benignMs = fastest(benign, runs);

  it('finds what the benign log holds (the baseline parses real content)', () => {
    const p = parseErrorText(benign);
    expect(p.codes.map((c) => c.code)).toEqual(expect.arrayContaining([7000215, 700082, 50011, 50076]));
    expect(p.answers.map((a) => a.id)).toEqual(
      expect.arrayContaining(['SMTP 5.7.139 tenant', 'IMAP AUTHENTICATE failed', 'Graph ErrorAccessDenied']),
    );
  });

  it.each(Object.entries(adversarialTexts(size)))(
    '%s: within the ratio of the benign time',
    (_name, text) => {
      expect(text.length).toBe(size);
      const ms = fastest(text, runs);
      expect(ms / benignMs, `${ms.toFixed(0)} ms vs ${benignMs.toFixed(0)} ms benign`).toBeLessThan(RATIO);
    },
    120_000,
  );
});
