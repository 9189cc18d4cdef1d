// The dependency audit gate that .ci/run applies and SECURITY.md describes: reads `npm audit --omit=dev --json` on
// standard input and exits 1 on any high or critical advisory in a production dependency that
// build/audit-exceptions.json does not list with a reason and an expiry date still in the future — and also when
// the input is not an audit report at all (the advisory endpoint could not be reached: a build whose audit did
// not run is not one we ship). auditVerdict is the pure part, tested in tests/unit/build/audit-policy.test.ts.
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
  readonly lines: readonly string[];
}

interface Via {
  readonly url?: unknown;
  readonly title?: unknown;
  readonly severity?: unknown;
}

const BLOCKING = new Set(['high', 'critical']);

export function auditVerdict(report: unknown, exceptions: readonly AuditException[], today: string): AuditVerdict {
  const vulns = (report as { vulnerabilities?: unknown } | null)?.vulnerabilities;
  const version = (report as { auditReportVersion?: unknown } | null)?.auditReportVersion;
  if (version !== 2 || vulns === null || typeof vulns !== 'object')
    return {
      ok: false,
      lines: ['npm audit gave no audit report (advisory endpoint unreachable?): failing the build.'],
    };
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
  return { ok, lines };
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
  const verdict = auditVerdict(report, exceptions, new Date().toISOString().slice(0, 10));
  for (const l of verdict.lines) console.log(l);
  process.exit(verdict.ok ? 0 : 1);
}
