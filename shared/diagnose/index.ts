// Offline diagnosis entry point: lint(input) runs every rule and returns findings sorted by severity, each
// attached to a field. Pure, synchronous, no I/O: the renderer calls it on every keystroke.
import { RULES, buildContext, type Hit, type LintRule } from './rules';
import type { DiagnoseInput, Finding, Severity } from './types';

export { RULES, splitScopes, type LintRule } from './rules';
export * from './types';
export { isGuid, isDomain, invisibleChars, clean, parseEndpoint } from './text-checks';

const ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

export function lint(input: DiagnoseInput, options?: { now?: Date; rules?: readonly LintRule[] }): Finding[] {
  const c = buildContext(input, options?.now ?? new Date());
  const out: Finding[] = [];
  for (const rule of options?.rules ?? RULES) {
    const r = rule.check(c);
    const hits: readonly Hit[] = r === undefined ? [] : Array.isArray(r) ? (r as readonly Hit[]) : [r as Hit];
    for (const h of hits) {
      out.push({
        code: rule.code,
        severity: h.severity ?? rule.severity,
        field: h.field ?? rule.field,
        message: h.message,
        fix: h.fix,
        source: 'offline',
        ...(h.detail === undefined ? {} : { detail: h.detail }),
      });
    }
  }
  return out.sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
}

export const countBySeverity = (fs: readonly Finding[]): Record<Severity, number> => ({
  error: fs.filter((f) => f.severity === 'error').length,
  warning: fs.filter((f) => f.severity === 'warning').length,
  info: fs.filter((f) => f.severity === 'info').length,
});
