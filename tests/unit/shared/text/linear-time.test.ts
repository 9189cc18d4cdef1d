// Remote-content denial of service: every regex and scan that reads untrusted text (the redactor, token
// extraction's jwtInWord, the inspector, the error-text parser, and the product-session watcher that runs inside
// main's request hook) is timed on 1 MiB of adversarial input against 1 MiB of ordinary text. The measure is the
// ratio, not a time: a linear scan stays within a small factor of the benign run on any machine, while the
// quadratic patterns this replaces were thousands of times slower (80 s for a 600 KB callback URL in main).
import { describe, expect, it } from 'vitest';
import { SessionWatcher } from '../../../../electron/services/product-session/session-watcher';
import { explain } from '../../../../shared/explain';
import { parseErrorText } from '../../../../shared/explain/parse';
import { redact, redactKnown } from '../../../../shared/text/redact';
import { extractTokens, inspectInput } from '../../../../shared/tokens';

const MIB = 1024 * 1024;
/**
 * Adversarial / benign. Linear code stays under it: the worst measured was about 20 (many short JWT-like matches
 * in `redact`, each a few µs, on a 2-core machine under a load of 20); the quadratic patterns this replaces were
 * above 1,000, so 50 still tells them apart by a wide margin without failing on a busy machine.
 */
const MAX_RATIO = 50;
/** Benign runs faster than this are counted as this much, so a tiny denominator cannot make noise a failure. */
const FLOOR_MS = 10;

const fill = (unit: string, length = MIB): string => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
/** Ordinary text of the same size: log lines with words, URLs, numbers and punctuation. */
const BENIGN = fill(
  '2025-03-04T05:06:07Z INFO mail sync: fetched 12 messages for servicedesk@contoso.com from https://outlook.office365.com/ (200 OK), next run in 60 s.\n',
);

function bestOf3(f: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    f();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

function expectLinear(name: string, run: (input: string) => unknown, adversarial: string, benign = BENIGN): void {
  expect(adversarial.length).toBe(benign.length);
  run(benign.slice(0, 4096)); // warm up the code paths before timing
  const good = bestOf3(() => run(benign));
  const bad = bestOf3(() => run(adversarial));
  const ratio = bad / Math.max(good, FLOOR_MS);
  console.log(
    `${name}: 1 MiB adversarial ${bad.toFixed(0)} ms, benign ${good.toFixed(0)} ms, ratio ${ratio.toFixed(1)}`,
  );
  expect(ratio, `${name}: ${bad.toFixed(0)} ms vs ${good.toFixed(0)} ms`).toBeLessThan(MAX_RATIO);
}

describe('linear time over untrusted text (1 MiB adversarial vs 1 MiB benign)', () => {
  it('redact(): the JWT pattern (eyJ-eyJ-…, dot runs), keyed secrets, Authorization, Basic, passwords', () => {
    expectLinear('redact eyJ-', redact, fill('eyJ-'));
    expectLinear('redact eyJ dots', redact, fill('eyJaaaaa.'));
    expectLinear('redact dots', redact, fill('a.'));
    expectLinear('redact code + spaces', redact, fill(`code${' '.repeat(200)}`));
    expectLinear('redact Authorization', redact, fill('Authorization: '));
    expectLinear('redact Basic', redact, fill('Basic YWJjZGVm '));
    expectLinear('redact quoted password', redact, fill('password:"'));
    expectLinear('redact secret prefix', redact, fill('aaa1Q~'));
    expectLinear('redact base64 run', redact, fill('A'));
  }, 120_000);

  it('redactKnown(): masking pieces of a token in server words', () => {
    const token = `eyJ${'A'.repeat(1500)}.eyJ${'B'.repeat(800)}.${'C'.repeat(342)}`;
    expectLinear('redactKnown', (t) => redactKnown(t, [token]), fill(`${token.slice(0, 7)} `));
  }, 60_000);

  it('extractTokens() and inspectInput(): jwtInWord’s trailing dots and every word scan', () => {
    expectLinear('extractTokens eyJ + dots', extractTokens, `see eyJ${'.'.repeat(MIB - 9)} x`);
    expectLinear('extractTokens eyJ-', extractTokens, fill('eyJ-'));
    expectLinear('inspectInput eyJ + dots', inspectInput, `see eyJ${'.'.repeat(MIB - 9)} x`);
  }, 120_000);

  it('the product-session watcher in main’s request hook: a 1 MiB callback URL is bounded, not parsed', () => {
    const watcher = new SessionWatcher({ signInAccount: 'servicedesk@contoso.com', rewrite: true });
    watcher.onRequest({
      url: 'https://login.microsoftonline.com/contoso.com/oauth2/v2.0/authorize?client_id=x&redirect_uri=https%3A%2F%2Facme.test%2Fcb&scope=openid',
      method: 'GET',
    });
    const callback = (rest: string) => {
      const head = 'https://acme.test/cb?error=invalid_request&error_description=';
      return head + rest.slice(0, MIB - head.length);
    };
    const onRequest = (url: string) => watcher.onRequest({ url, method: 'GET' });
    expectLinear(
      'watcher callback',
      onRequest,
      callback(fill(`Trace ID:${' '.repeat(300)}`)),
      callback(encodeURIComponent(BENIGN).slice(0, MIB)),
    );
    expect(watcher.steps.at(-1)?.title).toMatch(/too long to read/);
  }, 60_000);

  // The Trace/Correlation ID patterns (issue 20's parser): one separator group between label and value.
  it('parseErrorText() and explain(): Trace and Correlation ID patterns', () => {
    expectLinear('parseErrorText trace id', parseErrorText, fill(`Trace ID:${' '.repeat(300)}"`));
    expectLinear('parseErrorText correlation', parseErrorText, fill(`correlation_id"${' '.repeat(300)}:`));
    expectLinear('explain', (t) => explain(t), fill(`AADSTS50011 Trace ID:${' '.repeat(300)}`));
  }, 120_000);
});
