// Inspect end to end: the built renderer in Chromium through the harness. An admin pastes a whole token-
// endpoint response whose access token belongs to adele (the wrong user), names the expected account, and
// sees the red identity finding naming both, the claims table with meanings, and the other tokens as tabs.
// The pasted text never crosses to main while inspecting. Then a pasted Graph token is taken to "Test
// mailbox" from the Inspect page (the emulator's Graph stands in for Microsoft's).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { GRAPH, startEmulator, type Emulator } from '../emulator';
import { startEmulatedApp, type EmulatedApp } from '../harness/emulated-app';
import { REPO_ROOT } from '../harness/index';
import { seriousViolations } from '../support/axe';

const ARTIFACTS = join(REPO_ROOT, 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

const SERVICEDESK = 'servicedesk@contoso.test';
const ADELE = 'adele@contoso.test';

let emulator: Emulator;
let app: EmulatedApp;
test.beforeAll(async () => {
  emulator = await startEmulator();
  app = await startEmulatedApp({
    emulator,
    area: 'tokens',
    recordPayloads: true,
    viewport: { width: 1280, height: 1000 },
    probeDefaults: { graph: { host: 'localhost', port: emulator.port, caPem: emulator.caPem } },
  });
});
test.afterAll(async () => {
  await app?.close();
  await emulator?.stop();
});

async function openInspect(page: Page): Promise<void> {
  await page.goto(`${app.harness.url}#/tokens`);
  await page.reload();
  await expect(page.locator('main h1')).toHaveText(/inspect/i);
}

test('a token response for the wrong user: red identity finding naming both, and the claims table', async () => {
  const page = app.harness.page;
  await openInspect(page);
  // A token response as the product's log or a curl call would show it: adele's Outlook token, an opaque
  // refresh token, scopes and lifetime.
  const accessToken = await emulator.mintUserAccessToken(ADELE, {
    appKey: 'servicenow',
    scopes: ['IMAP.AccessAsUser.All', 'SMTP.Send'],
  });
  const response = JSON.stringify(
    {
      token_type: 'Bearer',
      scope: 'https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office.com/SMTP.Send',
      expires_in: 3599,
      ext_expires_in: 3599,
      access_token: accessToken,
      refresh_token:
        '0.AXkAyQpzk95n60C8lIWsDUlJp2T_R5KiTzFLnR3WJNLqLNoBAA.AgABAwEAAAApTwJmzXqdR4BN2miheQMYAgDs_wUA9P-refresh-token-opaque',
    },
    null,
    2,
  );
  await page.getByLabel('Token, Authorization header, token response, XOAUTH2 blob or log line').fill(response);
  await page.getByLabel('Expected sign-in account').fill(SERVICEDESK);

  await expect(page.getByTestId('inspect-summary')).toContainText('2 tokens found');
  await expect(page.getByRole('tab', { name: '1 · Access token' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: '2 · Refresh token' })).toBeVisible();

  // The red verdict and the identity finding name both accounts.
  await expect(page.getByTestId('verdict')).toContainText('Does not fit');
  const identity = page.locator('li[data-finding-code="IDENTITY_MISMATCH"]');
  await expect(identity).toHaveAttribute('data-severity', 'error');
  await expect(identity).toContainText(ADELE);
  await expect(identity).toContainText(SERVICEDESK);
  await expect(identity).toContainText('Next step:');

  // The claims table: adele's upn, the Outlook audience, the scopes, each with a meaning; times with relatives.
  const claims = page.getByTestId('claims-table');
  await expect(claims).toBeVisible();
  const row = (name: string) => claims.getByRole('row').filter({ has: page.getByRole('cell', { name, exact: true }) });
  await expect(row('upn')).toContainText(ADELE);
  await expect(row('aud')).toContainText('https://outlook.office.com');
  await expect(row('scp')).toContainText('IMAP.AccessAsUser.All SMTP.Send');
  await expect(row('exp')).toContainText(/ · in (\d+ h )?\d+ min/);
  for (const name of ['upn', 'aud', 'scp', 'tid', 'appid', 'exp']) {
    const meaning = row(name).getByRole('cell').nth(2);
    expect((await meaning.textContent())?.trim().length ?? 0, `meaning of ${name}`).toBeGreaterThan(10);
  }

  // The refresh token is recognised as opaque.
  await page.getByRole('tab', { name: '2 · Refresh token' }).click();
  await expect(page.getByRole('tabpanel', { name: 'Token 2' })).toContainText('opaque');
  await page.getByRole('tab', { name: '1 · Access token' }).click();

  // Nothing was sent to main while inspecting: no call carried the token.
  for (const p of app.harness.payloadLog)
    expect(p.request.includes(accessToken), `${p.method} carried the pasted token`).toBe(false);

  expect(await seriousViolations(page)).toEqual([]);
  // The app scrolls inside its main area: a tall window shows the verdict, findings and claims at once.
  await page.setViewportSize({ width: 1280, height: 2400 });
  await page.screenshot({ path: join(ARTIFACTS, 'inspect-wrong-user.png') });
  await page.setViewportSize({ width: 1280, height: 1000 });
});

test('no expected account: the admin’s own clean token gets a neutral “what it found”, not a green “looks right”', async () => {
  const page = app.harness.page;
  await openInspect(page);
  const token = await emulator.mintUserAccessToken(SERVICEDESK, {
    appKey: 'servicenow',
    scopes: ['IMAP.AccessAsUser.All', 'SMTP.Send'],
  });
  await page.getByLabel('Token, Authorization header, token response, XOAUTH2 blob or log line').fill(token);
  const verdict = page.getByTestId('verdict');
  // Issue 18 point 5: nothing to fit against, so nothing "looks right" — the bar is neutral and says whose it is.
  await expect(verdict).toContainText('What it found');
  await expect(verdict).not.toContainText('Looks right');
  await expect(verdict).toHaveAttribute('data-verdict', 'note');
  await expect(verdict).toContainText(SERVICEDESK);
  // Naming the account it must belong to turns the same token into a fit.
  await page.getByLabel('Expected sign-in account').fill(SERVICEDESK);
  await expect(verdict).toContainText('Looks right');
  await expect(verdict).toHaveAttribute('data-verdict', 'ok');
});

test('Test mailbox from Inspect: a pasted Graph token opens servicedesk’s Inbox', async () => {
  const page = app.harness.page;
  await openInspect(page);
  const graphToken = await emulator.mintUserAccessToken(SERVICEDESK, {
    resource: GRAPH,
    scopes: ['Mail.Read', 'User.Read'],
  });
  await page
    .getByLabel('Token, Authorization header, token response, XOAUTH2 blob or log line')
    .fill(`Authorization: Bearer ${graphToken}`);
  const panel = page.getByTestId('test-mailbox');
  await expect(panel.getByRole('button', { name: 'Test mailbox', exact: true })).toBeDisabled();
  await expect(panel).toContainText('Enter the mailbox to test');
  await page.getByLabel('Mailbox', { exact: true }).fill(SERVICEDESK);
  for (const name of ['IMAP', 'POP', 'SMTP']) await panel.getByRole('checkbox', { name }).uncheck();
  await panel.getByRole('button', { name: 'Test mailbox', exact: true }).click();
  const graph = panel.locator('li[data-protocol="graph"]');
  await expect(graph).toHaveAttribute('data-outcome', 'ok', { timeout: 20_000 });
  await expect(graph).toContainText('3 items in Inbox');
  await expect(panel.locator('li[data-protocol="imap"]')).toHaveCount(0);
  // Only the explicit test sent the token to main, once.
  expect(app.harness.payloadLog.filter((p) => p.request.includes(graphToken)).map((p) => p.method)).toEqual([
    'probes.run',
  ]);
});
