// The accessibility scan the e2e specs run on a page: axe-core with the WCAG 2.1 A/AA rules and axe's best
// practices, listing the serious and critical violations with the elements they are on (an empty list passes). One
// scan, so every spec holds a page to the same rules and leaves out the same known false positive.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** Each serious or critical violation on the page, as "rule (impact): help — the elements it is on". */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Tabster's focus sentinels (<i data-tabster-dummy aria-hidden tabindex=0>, used by Fluent's arrow-key
  // navigation) are a known aria-hidden-focus false positive: they hand focus on at once and are hidden from
  // screen readers on purpose (microsoft/tabster#288). Everything else is scanned.
  const results = await new AxeBuilder({ page })
    .exclude('[data-tabster-dummy]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
