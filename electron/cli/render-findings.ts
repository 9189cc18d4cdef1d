// How the audit and watch commands print findings for a person: severity, code and field, the message, the next
// step, each on one line through oneLine as diagnose prints them (a message quotes directory text such as an app's
// name). (--json prints the findings as they are.)
import type { Finding } from '../../shared/findings';
import { oneLine } from './terminal-safe';

export function renderFindings(findings: readonly Finding[]): string {
  if (findings.length === 0) return '  No problems found.\n';
  return findings
    .map(
      (f) =>
        `${f.severity.toUpperCase().padEnd(7)} ${f.code}${f.field === undefined ? '' : `  [${f.field}]`}\n        ${oneLine(f.message)}\n        Next: ${oneLine(f.nextStep)}\n`,
    )
    .join('');
}
