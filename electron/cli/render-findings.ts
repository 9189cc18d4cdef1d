// How the audit and watch commands print findings for a person: severity, code and field, the message, the next
// step. (--json prints the findings as they are.)
import type { Finding } from '../../shared/findings';

export function renderFindings(findings: readonly Finding[]): string {
  if (findings.length === 0) return '  No problems found.\n';
  return findings
    .map(
      (f) =>
        `${f.severity.toUpperCase().padEnd(7)} ${f.code}${f.field === undefined ? '' : `  [${f.field}]`}\n        ${f.message}\n        Next: ${f.nextStep}\n`,
    )
    .join('');
}
