// The dependency audit gate that .ci/run applies and SECURITY.md describes: reads `npm audit --omit=dev --json` on
// standard input and exits 1 on any high or critical advisory in a production dependency that
// build/audit-exceptions.json does not list with a reason and an expiry date still in the future. When the input is
// not an audit report at all (the advisory endpoint could not be reached, as on the project's own CI machine, whose
// registry answers 405), it fails only where the audit is required (MAH_AUDIT_REQUIRED=1, set by the code host's
// workflow) and otherwise passes with a loud one-line warning, so an offline build stays green without pretending
// it was audited. auditVerdict is the pure part, tested in tests/unit/build/audit-policy.test.ts.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export interface AuditException {
  /** The package the advisory is about. */
  readonly package: string;
  /** The advisory's URL (https://github.com/advisories/GHSA-…), as npm audit reports it. */
  readonly advisory: string;
  readonly reason: string;
  /** YYYY-MM-DD; from that day the exception no longer applies. */
  readonly expires: string;
}

export interface AuditVerdict {
  readonly ok: boolean;
  /** False when the input was no audit report: nothing was checked, whatever ok says. */
  readonly audited: boolean;
  readonly lines: readonly string[];
}

export interface AuditOptions {
  /** An audit that could not run fails (MAH_AUDIT_REQUIRED=1); otherwise it warns and passes. */
  readonly required?: boolean;
}

interface Via {
  readonly url?: unknown;
  readonly title?: unknown;
  readonly severity?: unknown;
}

const BLOCKING = new Set(['high', 'critical']);

/** Why npm audit gave no report, from the error JSON it prints instead (`{ message, statusCode, error }`). */
function whyNoReport(report: unknown): string {
  if (report === undefined || report === null || typeof report !== 'object') return 'its output was not JSON';
  const r = report as { message?: unknown; error?: { summary?: unknown; code?: unknown } };
  const said = [r.message, r.error?.summary, r.error?.code].find((x) => typeof x === 'string' && x.trim() !== '');
  return typeof said === 'string' ? said.replace(/\s+/g, ' ').slice(0, 200) : 'its output was not an audit report';
}

export function auditVerdict(
  report: unknown,
  exceptions: readonly AuditException[],
  today: string,
  options: AuditOptions = {},
): AuditVerdict {
  const vulns = (report as { vulnerabilities?: unknown } | null)?.vulnerabilities;
  const version = (report as { auditReportVersion?: unknown } | null)?.auditReportVersion;
  if (version !== 2 || vulns === null || typeof vulns !== 'object') {
    const why = whyNoReport(report);
    return options.required === true
      ? {
          ok: false,
          audited: false,
          lines: [`FAIL: npm audit did not run (${why}) and MAH_AUDIT_REQUIRED=1: failing the build.`],
        }
      : {
          ok: true,
          audited: false,
          lines: [
            `WARNING: DEPENDENCY AUDIT NOT DONE: npm audit did not run (${why}); passing because MAH_AUDIT_REQUIRED is not 1.`,
          ],
        };
  }
  const lines: string[] = [];
  let ok = true;
  for (const [name, v] of Object.entries(vulns as Record<string, { severity?: unknown; via?: unknown }>)) {
    const advisories = (Array.isArray(v.via) ? v.via : []).filter(
      (x): x is Via => typeof x === 'object' && x !== null && BLOCKING.has(String((x as Via).severity)),
    );
    for (const a of advisories) {
      const url = String(a.url ?? '');
      const ex = exceptions.find((e) => e.package === name && e.advisory === url);
      if (ex !== undefined && ex.expires > today) {
        lines.push(`allowed until ${ex.expires}: ${name} ${String(a.severity)} ${url} (${ex.reason})`);
        continue;
      }
      ok = false;
      lines.push(
        `${ex === undefined ? 'FAIL' : `FAIL (exception expired ${ex.expires})`}: ${name} ${String(a.severity)} ${String(a.title ?? '')} ${url}`,
      );
    }
  }
  lines.push(ok ? 'npm audit: no high or critical advisory outside the listed exceptions.' : 'npm audit: failing.');
  return { ok, audited: true, lines };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const exceptions = JSON.parse(
    readFileSync(new URL('./audit-exceptions.json', import.meta.url), 'utf8'),
  ) as AuditException[];
  let report: unknown;
  try {
    report = JSON.parse(readFileSync(0, 'utf8'));
  } catch {
    report = undefined;
  }
  const verdict = auditVerdict(report, exceptions, new Date().toISOString().slice(0, 10), {
    required: process.env.MAH_AUDIT_REQUIRED === '1',
  });
  for (const l of verdict.lines) (verdict.audited ? console.log : console.error)(l);
  process.exit(verdict.ok ? 0 : 1);
}
