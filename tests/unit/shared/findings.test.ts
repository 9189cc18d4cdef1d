// The one findings vocabulary: the factory's output fits FindingSchema (long echoed values are clipped, not
// rejected), an error becomes a finding with the same words, and the severity helpers order and count.
import { describe, expect, it } from 'vitest';
import {
  bySeverity,
  countBySeverity,
  finding,
  findingFromError,
  hasErrorFinding,
  worstSeverity,
} from '../../../shared/findings';
import { FindingSchema } from '../../../shared/findings-schema';

describe('findings', () => {
  it('finding() gives the shared shape, with field and detail only when given', () => {
    expect(finding('warning', 'SCOPE_MISSING', 'No IMAP scope.', 'Add it.')).toEqual({
      code: 'SCOPE_MISSING',
      severity: 'warning',
      message: 'No IMAP scope.',
      nextStep: 'Add it.',
    });
    expect(finding('info', 'X_Y', 'm', 'n', { field: 'aud', detail: 'd' })).toMatchObject({
      field: 'aud',
      detail: 'd',
    });
    expect(Object.keys(finding('info', 'X_Y', 'm', 'n', { field: undefined }))).not.toContain('field');
  });

  it('clips an echoed claim so the finding still fits its schema', () => {
    const long = finding('error', 'TENANT_MISMATCH', `tenant ${'x'.repeat(5000)}`, 'n', { detail: 'd'.repeat(9000) });
    expect(FindingSchema.safeParse(long).success).toBe(true);
    expect(long.message.length).toBe(2000);
    expect(long.message.endsWith('…')).toBe(true);
    // The unclipped value is what the schema refuses.
    expect(FindingSchema.safeParse({ ...long, message: 'x'.repeat(2001) }).success).toBe(false);
  });

  it('an AppError becomes a finding with the same code, words and detail', () => {
    const f = findingFromError(
      { code: 'AADSTS50011', message: 'm', nextStep: 'n', detail: 'd' },
      'warning',
      'redirectUri',
    );
    expect(f).toEqual({
      code: 'AADSTS50011',
      severity: 'warning',
      message: 'm',
      nextStep: 'n',
      field: 'redirectUri',
      detail: 'd',
    });
  });

  it('orders, counts and finds the worst severity', () => {
    const list = [
      finding('info', 'A_A', 'm', 'n'),
      finding('error', 'B_B', 'm', 'n'),
      finding('warning', 'C_C', 'm', 'n'),
    ];
    expect([...list].sort(bySeverity).map((f) => f.severity)).toEqual(['error', 'warning', 'info']);
    expect(countBySeverity(list)).toEqual({ error: 1, warning: 1, info: 1 });
    expect(worstSeverity(list)).toBe('error');
    expect(worstSeverity(list.filter((f) => f.severity === 'info'))).toBe('info');
    expect(worstSeverity([])).toBeUndefined();
    expect(hasErrorFinding(list)).toBe(true);
    expect(hasErrorFinding(list.slice(0, 1))).toBe(false);
  });
});
