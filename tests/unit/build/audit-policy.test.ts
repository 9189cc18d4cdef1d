// SECURITY.md and CI agree about the dependency audit: .ci/run runs the gate (build/audit-policy.ts) fatally, and
// the gate fails on a high or critical production advisory unless an unexpired exception lists it, and on an audit
// that did not run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditVerdict, type AuditException } from '../../../build/audit-policy';
import { REPO_ROOT } from '../../support/repo-root';

const report = (severity: string, url = 'https://github.com/advisories/GHSA-aaaa-bbbb-cccc') => ({
  auditReportVersion: 2,
  vulnerabilities: {
    imapflow: { name: 'imapflow', severity, via: [{ title: 'Something bad', url, severity }] },
    nodemailer: { name: 'nodemailer', severity: 'high', via: ['imapflow'] },
  },
});
const exception = (expires: string): AuditException => ({
  package: 'imapflow',
  advisory: 'https://github.com/advisories/GHSA-aaaa-bbbb-cccc',
  reason: 'not reachable from our code path',
  expires,
});

describe('the npm audit gate', () => {
  it('passes a clean report and low or moderate advisories', () => {
    expect(auditVerdict({ auditReportVersion: 2, vulnerabilities: {} }, [], '2026-01-01').ok).toBe(true);
    expect(auditVerdict(report('moderate'), [], '2026-01-01').ok).toBe(true);
  });
  it('fails on a high or critical advisory, unless an unexpired exception lists it', () => {
    expect(auditVerdict(report('high'), [], '2026-01-01').ok).toBe(false);
    expect(auditVerdict(report('critical'), [], '2026-01-01').ok).toBe(false);
    expect(auditVerdict(report('high'), [exception('2026-02-01')], '2026-01-01').ok).toBe(true);
    const expired = auditVerdict(report('high'), [exception('2026-01-01')], '2026-01-01');
    expect(expired.ok).toBe(false);
    expect(expired.lines.join('\n')).toMatch(/exception expired 2026-01-01/);
  });
  it('fails when there is no audit report (the advisory endpoint could not be reached)', () => {
    for (const r of [undefined, null, { error: { code: 'E405' } }, { auditReportVersion: 1 }])
      expect(auditVerdict(r, [], '2026-01-01').ok).toBe(false);
  });
  it('CI runs it fatally, and SECURITY.md says what CI does', () => {
    const ci = readFileSync(join(REPO_ROOT, '.ci/run'), 'utf8');
    const line = ci.split('\n').find((l) => l.includes('build/audit-policy.ts')) ?? '';
    expect(line).toMatch(/^npm exec -- node --import tsx build\/audit-policy\.ts < audit-report\.json$/);
    expect(ci).toMatch(/set -euo pipefail/);
    const security = readFileSync(join(REPO_ROOT, 'SECURITY.md'), 'utf8');
    expect(security).toContain('build/audit-exceptions.json');
    expect(security).toMatch(/fails the build/);
    const listed = JSON.parse(readFileSync(join(REPO_ROOT, 'build/audit-exceptions.json'), 'utf8')) as unknown[];
    expect(Array.isArray(listed)).toBe(true);
  });
});
