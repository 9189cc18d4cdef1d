// Offline diagnosis entry point: lint(input) runs every rule and returns findings sorted by severity, each
// attached to a field. Pure, synchronous, no I/O: the renderer calls it on every keystroke.
import { bySeverity, finding } from '../findings';
import { RULES, buildContext, type Hit, type LintRule } from './rules';
import { diagnoseFinding, type DiagnoseFinding, type DiagnoseInput } from './types';

export { FIELD_NAMES, FIELD_VALUE, RULES, type LintRule } from './rules';
export * from './types';
export { parseEndpoint } from './text-checks';

export function lint(input: DiagnoseInput, options?: { now?: Date; rules?: readonly LintRule[] }): DiagnoseFinding[] {
  const c = buildContext(input, options?.now ?? new Date());
  const out: DiagnoseFinding[] = [];
  for (const rule of options?.rules ?? RULES) {
    const r = rule.check(c);
    const hits: readonly Hit[] = r === undefined ? [] : Array.isArray(r) ? (r as readonly Hit[]) : [r as Hit];
    for (const h of hits) {
      const base = finding(h.severity ?? rule.severity, rule.code, h.message, h.nextStep, { detail: h.detail });
      out.push(diagnoseFinding(base, h.field ?? rule.field, { source: 'offline' }));
    }
  }
  return out.sort(bySeverity);
}
