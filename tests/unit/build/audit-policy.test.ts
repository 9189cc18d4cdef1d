// SECURITY.md and CI agree about the dependency audit: .ci/run and the workflow run the gate (build/audit-policy.ts)
// fatally; the gate fails on a high or critical production advisory unless an unexpired exception lists it, and on
// an audit that did not run only where it is required (MAH_AUDIT_REQUIRED=1), warning loudly everywhere else.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
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
  // What npm audit printed on this project's CI machine, whose registry has no advisory endpoint.
  const npm405 = {
    message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
    statusCode: 405,
    error: { summary: '', detail: '' },
  };
  const noReports = [undefined, null, npm405, { error: { code: 'E405' } }, { auditReportVersion: 1 }];
  it('fails when there is no audit report (the advisory endpoint could not be reached) and the audit is required', () => {
    for (const r of noReports) {
      const v = auditVerdict(r, [], '2026-01-01', { required: true });
      expect(v).toMatchObject({ ok: false, audited: false });
      expect(v.lines).toEqual([expect.stringMatching(/^FAIL: npm audit did not run \(.+\) and MAH_AUDIT_REQUIRED=1/)]);
    }
  });
  it('passes with one loud warning line saying why when there is no report and the audit is not required', () => {
    for (const r of noReports) {
      const v = auditVerdict(r, [], '2026-01-01');
      expect(v).toMatchObject({ ok: true, audited: false });
      expect(v.lines).toHaveLength(1);
      expect(v.lines[0]).toMatch(/^WARNING: DEPENDENCY AUDIT NOT DONE: npm audit did not run \(.+\)/);
    }
    expect(auditVerdict(npm405, [], '2026-01-01').lines[0]).toContain('405 Method Not Allowed');
    expect(auditVerdict({ error: { code: 'E405' } }, [], '2026-01-01').lines[0]).toContain('(E405)');
  });
  it('a high advisory fails whether or not the audit is required', () => {
    expect(auditVerdict(report('high'), [], '2026-01-01', { required: false }).ok).toBe(false);
    expect(auditVerdict(report('high'), [], '2026-01-01', { required: true }).ok).toBe(false);
  });
  it('CI runs it fatally, and SECURITY.md says what CI does', () => {
    const ci = readFileSync(join(REPO_ROOT, '.ci/run'), 'utf8');
    const line = ci.split('\n').find((l) => l.includes('build/audit-policy.ts')) ?? '';
    expect(line).toMatch(/^npm exec -- node --import tsx build\/audit-policy\.ts < audit-report\.json$/);
    expect(ci).toMatch(/set -euo pipefail/);
    const security = readFileSync(join(REPO_ROOT, 'SECURITY.md'), 'utf8');
    expect(security).toContain('build/audit-exceptions.json');
    expect(security).toMatch(/fails the build/);
    expect(security).toContain('MAH_AUDIT_REQUIRED=1');
    expect(security).toContain('WARNING: DEPENDENCY AUDIT NOT DONE');
    // The code host's workflow runs the same gate with the audit required.
    const workflow = parse(readFileSync(join(REPO_ROOT, '.github/workflows/ci.yml'), 'utf8')) as {
      jobs: Record<string, { steps: { run?: string; env?: Record<string, string> }[] }>;
    };
    const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
    const gate = steps.find((s) => s.run?.includes('build/audit-policy.ts < audit-report.json'));
    expect(gate?.env?.MAH_AUDIT_REQUIRED).toBe('1');
    expect(gate?.run).toMatch(/^npm audit --omit=dev --json > audit-report\.json \|\| true$/m);
    const listed = JSON.parse(readFileSync(join(REPO_ROOT, 'build/audit-exceptions.json'), 'utf8')) as unknown[];
    expect(Array.isArray(listed)).toBe(true);
  });
});
