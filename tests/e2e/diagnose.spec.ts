// Diagnose and Explain end to end, through the harness with the app's services against the emulator
// (online diagnose's authority base points there). A ServiceNow config with the scopes separated by commas
// and a trailing space after the client id shows each finding under its own field (tied to the control by
// aria-describedby, as a screen reader reads it); the online checks ask the emulator and list their results.
// Explain turns a pasted AADSTS7000215 token-endpoint body into a card with the cause and the next step.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startEmulatedApp, type EmulatedApp } from '../harness/emulated-app';
import { REPO_ROOT } from '../harness/index';
import { seriousViolations } from '../support/axe';

const ARTIFACTS = join(REPO_ROOT, 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

let app: EmulatedApp;
test.beforeAll(async () => {
  app = await startEmulatedApp({ area: 'diagnose', viewport: { width: 1280, height: 1000 } });
});
test.afterAll(async () => {
  await app?.close();
});

/** The finding codes shown for one field: the messages its control names in aria-describedby. */
async function findingsAt(page: Page, field: string): Promise<string[]> {
  const control = page.locator(`[data-field="${field}"]`);
  await expect(control).toHaveCount(1);
  const ids = ((await control.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  const codes: string[] = [];
  for (const id of ids)
    codes.push(
      ...(await page
        .locator(`[id="${id}"] [data-finding-code]`)
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-finding-code') ?? ''))),
    );
  return codes;
}

test('ServiceNow: comma-separated scopes and a trailing space in the client id, each at its field; online checks run', async () => {
  const page = app.harness.page;
  await page.goto(`${app.harness.url}#/diagnose`);
  await page.reload();
  await expect(page.locator('main h1')).toHaveText(/diagnos/i);
  const v = app.demoValues();
  // ServiceNow is the default product; its own field names label the inputs.
  await expect(page.getByRole('combobox', { name: 'Product' })).toHaveText('ServiceNow');
  await page.locator('[data-field="tenant"]').fill(v.tenant);
  await page.locator('[data-field="clientId"]').fill(`${v.clientId} `);
  await page.locator('[data-field="clientSecret"]').fill(v.clientSecret);
  await page.locator('[data-field="redirectUri"]').fill(v.redirectUri);
  await page
    .locator('[data-field="scopes"]')
    .fill('https://outlook.office.com/IMAP.AccessAsUser.All,https://outlook.office.com/SMTP.Send,offline_access');
  await page.locator('[data-field="mailbox"]').fill('servicedesk@contoso.test');
  await expect(page.getByLabel('Application (client) ID', { exact: true })).toHaveAttribute('data-field', 'clientId');
  // The portal's name labels the field; ServiceNow's own name for it is in the hint.
  await expect(page.getByText('In ServiceNow: “Client ID”.')).toBeVisible();

  // Each finding sits at its own field, and nowhere else.
  await expect.poll(() => findingsAt(page, 'clientId')).toContain('FIELD_EDGE_WHITESPACE');
  await expect.poll(() => findingsAt(page, 'scopes')).toContain('SCOPE_SEPARATOR');
  expect(await findingsAt(page, 'clientId')).not.toContain('SCOPE_SEPARATOR');
  expect(await findingsAt(page, 'scopes')).not.toContain('FIELD_EDGE_WHITESPACE');
  expect(await findingsAt(page, 'tenant')).toEqual([]);
  await expect(page.locator('[data-finding-code="FIELD_EDGE_WHITESPACE"]').first()).toContainText('Next step:');
  await expect(page.locator('[data-finding-code="SCOPE_SEPARATOR"]').first()).toContainText('Next step:');
  await expect(page.getByRole('status').filter({ hasText: 'offline' })).toContainText(/\d+ error\(s\)/);

  // Online checks against the emulator: every check reports, the tenant is found there.
  await page.getByRole('button', { name: 'Run online checks' }).click();
  const checks = page.getByRole('region', { name: 'Online checks' }).locator('li[data-check]');
  await expect(checks).toHaveCount(4, { timeout: 20_000 });
  const tenant = page.locator('li[data-check="tenant"]');
  await expect(tenant).toContainText('ok');
  await expect(tenant.locator('[data-finding-code="TENANT_FOUND"]')).toContainText(app.emulator.directory.tenant.id);
  for (const id of ['credentials', 'permissions', 'redirect']) {
    await expect(page.locator(`li[data-check="${id}"]`)).toContainText(/\(\d+ ms\)/);
  }

  expect(await seriousViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 2200 });
  await page.screenshot({ path: join(ARTIFACTS, 'diagnose-servicenow.png') });
  await page.setViewportSize({ width: 1280, height: 1000 });
});

test('another product and cloud: the hints take that product’s names, and the expected scopes that cloud’s hosts', async () => {
  const page = app.harness.page;
  await page.goto(`${app.harness.url}#/diagnose`);
  await page.getByRole('combobox', { name: 'Product' }).click();
  await page.getByRole('option', { name: 'Jira Data Center / Service Management' }).click();
  await expect(page.getByText('In Jira Data Center / Service Management: “Redirect URL”.')).toBeVisible();
  // The protocols start again from the product's first one.
  await expect(page.getByRole('checkbox', { name: 'IMAP' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'POP' })).not.toBeChecked();
  const expected = page.getByText('Expected scopes:');
  await expect(expected).toContainText('https://outlook.office.com/IMAP.AccessAsUser.All offline_access');
  await page.getByRole('combobox', { name: 'Cloud' }).click();
  await page.getByRole('option', { name: 'US Government GCC High' }).click();
  await expect(expected).toContainText('https://outlook.office365.us/IMAP.AccessAsUser.All');
});

test('Explain: an AADSTS7000215 token-endpoint body becomes a card with cause and next step', async () => {
  const page = app.harness.page;
  await page.goto(`${app.harness.url}#/explain`);
  await page.reload();
  await expect(page.locator('main h1')).toHaveText(/explain/i);
  const clientId = app.demoValues().clientId;
  const body = JSON.stringify({
    error: 'invalid_client',
    error_description: `AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'. Trace ID: 0f2b1c3e-2a8d-4c1e-9b0f-5e6d7c8b9a01 Correlation ID: 7d9e8f6a-1b2c-4d3e-8f9a-0b1c2d3e4f50 Timestamp: 2025-05-14 09:31:07Z`,
    error_codes: [7000215],
    timestamp: '2025-05-14 09:31:07Z',
    trace_id: '0f2b1c3e-2a8d-4c1e-9b0f-5e6d7c8b9a01',
    correlation_id: '7d9e8f6a-1b2c-4d3e-8f9a-0b1c2d3e4f50',
    error_uri: 'https://login.microsoftonline.com/error?code=7000215',
  });
  await page.getByRole('combobox', { name: /Product/ }).click();
  await page.getByRole('option', { name: 'ServiceNow' }).click();
  await page.getByLabel('Error text').fill(body);

  const card = page.locator('[data-explain-code="AADSTS7000215"]');
  await expect(card).toHaveCount(1);
  await expect(card).toContainText('AADSTS7000215');
  await expect(card).toContainText(/Likely cause:.*Secret ID/);
  await expect(card).toContainText(/Next step:.*Value/);
  // Worded for the product picked: where ServiceNow keeps the secret.
  await expect(card).toContainText('Application Registry');
  await expect(page.getByText('Trace ID: 0f2b1c3e-2a8d-4c1e-9b0f-5e6d7c8b9a01', { exact: true })).toBeVisible();
  await expect(page.getByText('Correlation ID: 7d9e8f6a-1b2c-4d3e-8f9a-0b1c2d3e4f50', { exact: true })).toBeVisible();

  expect(await seriousViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 1400 });
  await page.screenshot({ path: join(ARTIFACTS, 'explain.png') });
  await page.setViewportSize({ width: 1280, height: 1000 });
});
