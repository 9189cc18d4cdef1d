// Explain error end to end: the built renderer in Chromium through the harness. An admin pastes a product log whose
// one line holds two AADSTS codes, followed by the SMTP server's and Microsoft Graph's answers, picks the product,
// and sees a card for each (four), in the product's words, with who answered and the Microsoft docs; nothing of
// the pasted text reaches main (the page explains locally). A screenshot goes to artifacts/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { REPO_ROOT, startHarness, type Harness } from '../harness';

const ARTIFACTS = join(REPO_ROOT, 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

const LOG = [
  '2026-11-30 08:15:02 ERROR [mail-poller] AADSTS700082: The refresh token has expired due to inactivity. | earlier: AADSTS65001: The user or administrator has not consented to use the application.',
  'S: 535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.',
  '{"error":{"code":"ErrorAccessDenied","message":"Access to OData is disabled: Blocked by tenant configured AppOnly AccessPolicy settings."}}',
].join('\n');

let harness: Harness;
test.beforeAll(async () => {
  harness = await startHarness({ area: 'explain', recordPayloads: true, viewport: { width: 1280, height: 1400 } });
});
test.afterAll(async () => {
  await harness?.close();
});

test('a multi-code log line, an SMTP answer and a Graph answer: one card each, in the product’s words', async () => {
  const page = harness.page;
  await expect(page.locator('main h1')).toHaveText(/explain/i);
  await page.getByRole('combobox', { name: /Product/ }).click();
  await page.getByRole('option', { name: 'Jira Data Center / Service Management' }).click();
  await page.getByRole('textbox', { name: /Error text/ }).fill(LOG);

  const cards = page.locator('[data-explain-code]');
  await expect(cards).toHaveCount(4);
  await expect(cards.nth(0)).toHaveAttribute('data-explain-code', 'AADSTS700082');
  await expect(cards.nth(1)).toHaveAttribute('data-explain-code', 'AADSTS65001');
  await expect(page.getByText('4 errors found.')).toBeVisible();

  const smtp = page.locator('[data-explain-code="SMTP 5.7.139 tenant"]');
  await expect(smtp).toContainText('SMTP AUTH is turned off for the organisation');
  await expect(smtp).toContainText('Exchange Online said:');
  await expect(smtp).toContainText('Jira Data Center / Service Management');
  await expect(smtp.locator('[data-explain-docs]')).toContainText('authenticated-client-smtp-submission');

  const graph = page.locator('[data-explain-code="Graph application access policy"]');
  await expect(graph).toContainText('Microsoft Graph said:');
  await expect(graph).toContainText('RBAC for Applications');

  await page.screenshot({ path: join(ARTIFACTS, 'explain-multi.png'), fullPage: true });
  // The page scrolls inside main, so the answers' cards get pictures of their own.
  await smtp.screenshot({ path: join(ARTIFACTS, 'explain-smtp-card.png') });
  await graph.screenshot({ path: join(ARTIFACTS, 'explain-graph-card.png') });
  // The page explains locally: the pasted text never crosses to main.
  expect(harness.payloadLog.some((p) => p.request.includes('AADSTS700082'))).toBe(false);

  const results = await new AxeBuilder({ page })
    .exclude('[data-tabster-dummy]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual(
    [],
  );
});
