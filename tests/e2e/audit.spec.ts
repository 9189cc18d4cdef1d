// Audit and Watch end to end through the harness (the real renderer and services in Chromium, the emulator as
// Entra and Graph): the admin audits the ServiceNow demo registration from a separate clean window and sees the
// expired secret, the consent that was never granted and the shared mailbox that cannot sign in, each under its
// field; the end dates go to the demo profile, a secret ending in 5 days shows in the Watch view and raises a
// notification (the harness records what the OS would show); an audit client without admin consent ends with who
// must grant which permission. The form's choices shape the audit: a product switch keeps only the protocols the
// product offers, a delegate makes the blocked shared mailbox a note, a protocol left out is not needed, app-only
// needs the application permission the product names, and app-only for a product that signs in as a user says so. No
// token, secret or code crosses IPC.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ProfileStore } from '../../electron/services/profiles/profile-store';
import { AesGcmVault } from '../../electron/services/profiles/vault';
import { loadSeedDirectory } from '../emulator/directory';
import { startEmulator, type Emulator } from '../emulator';
import { startEmulatedApp, type EmulatedApp } from '../harness/emulated-app';
import { signInOnEntraPage } from '../harness/entra-sign-in';
import { REPO_ROOT } from '../harness/index';
import { serviceNowOnEmulator } from '../support/emulator-registration';

const ARTIFACTS = join(REPO_ROOT, 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });
const PROFILE = 'Demo — ServiceNow (emulated tenant)';
const SOON_SECRET_ID = '5a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
const VAULT_KEY = Buffer.alloc(32, 9);

let emulator: Emulator;
let app: EmulatedApp;
let dataDir: string;

test.beforeAll(async () => {
  // The seed, plus a second ServiceNow secret that ends in 5 days: what Watch must catch.
  const directory = loadSeedDirectory();
  const servicenow = directory.apps.find((a) => a.key === 'servicenow');
  servicenow?.secrets.push({
    id: SOON_SECRET_ID,
    value: 'Snw9Q~RotateSoonDemoValue0123456789abcdefg',
    expires: new Date(Date.now() + 5 * 86_400_000 - 3_600_000).toISOString(),
    description: 'rotating',
  });
  emulator = await startEmulator({ directory });
  dataDir = mkdtempSync(join(tmpdir(), 'mah-e2e-audit-'));
  // The demo profile, saved as `npm run demo` saves it, but for the shared mailbox support@.
  await new ProfileStore({ dir: dataDir, vault: new AesGcmVault(VAULT_KEY) }).save({
    name: PROFILE,
    config: {
      presetId: 'servicenow',
      ...serviceNowOnEmulator(emulator, { withCa: true }),
      scopes: [
        'https://outlook.office.com/IMAP.AccessAsUser.All',
        'https://outlook.office.com/SMTP.Send',
        'offline_access',
      ],
      mailbox: 'support@contoso.test',
    },
    secret: { action: 'keep' },
  });
  app = await startEmulatedApp({
    emulator,
    area: 'audit',
    recordPayloads: true,
    viewport: { width: 1280, height: 1000 },
    profiles: { dir: dataDir, vault: new AesGcmVault(VAULT_KEY) },
  });
});
test.afterAll(async () => {
  await app?.close();
  await emulator?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Signs the admin in on the clean window the audit opened, by Entra's sign-in ids (and "Stay signed in?": No). */
async function adminSignsIn(upn: string, password: string): Promise<void> {
  const { page } = await app.nextAuthPage();
  await signInOnEntraPage(page, upn, password);
}

async function pickProfile(page: Page): Promise<void> {
  await page.getByRole('combobox', { name: 'Saved profile' }).click();
  await page.getByRole('option', { name: PROFILE }).click();
}

const scrollIntoMain = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => {
    const main = el.closest('main');
    if (main) main.scrollTop += el.getBoundingClientRect().top - main.getBoundingClientRect().top - 16;
  });

test('the ServiceNow demo registration: expired secret, missing consent and the blocked shared mailbox at their fields', async () => {
  const page = app.harness.page;
  const adele = emulator.directory.users.adele;
  await page.goto(`${app.harness.url}#/audit`);
  await pickProfile(page);
  await expect(page.getByRole('textbox', { name: /^Mailbox/ })).toHaveValue('support@contoso.test');
  await page.getByLabel('Admin account').fill(adele.upn);
  await page.getByRole('button', { name: 'Sign in as admin and audit' }).click();
  await adminSignsIn(adele.upn, adele.password ?? '');

  const result = page.locator('[data-audit-result]');
  await expect(result).toBeVisible({ timeout: 20_000 });
  await expect(result).toHaveAttribute('data-audit-result', 'bad');
  await expect(result).toContainText(`Read as ${adele.upn} with Microsoft Graph Command Line Tools`);

  const expired = page.locator('[data-audit-field="secretExpiry"] [data-finding-code="AUDIT_SECRET_EXPIRED"]');
  await expect(expired).toContainText(emulator.directory.apps.servicenow.expiredSecret.id);
  await expect(expired).toContainText('expired on 2024-01-31');
  const consent = page.locator('[data-audit-field="scopes"] [data-finding-code="AUDIT_CONSENT_NOT_GRANTED"]');
  await expect(consent.first()).toContainText('Microsoft Graph Mail.Send (Delegated) is configured but not granted');
  const blocked = page.locator('[data-audit-field="mailbox"] [data-finding-code="AUDIT_MAILBOX_SIGN_IN_BLOCKED"]');
  await expect(blocked).toHaveAttribute('data-severity', 'error');
  await expect(blocked).toContainText('support@contoso.test has sign-in blocked');
  await expect(blocked).toContainText('Use delegate mode');
  // The 5-day secret is found by the audit too, and each group names the product's own field.
  await expect(
    page.locator('[data-audit-field="secretExpiry"] [data-finding-code="AUDIT_SECRET_EXPIRING"]'),
  ).toContainText('in 5 days');
  await expect(page.locator('[data-audit-field="mailbox"] h3')).toContainText('ServiceNow: “User name”');
  await expect(page.locator('[data-check="consent"]')).toHaveAttribute('data-status', 'problems');
  await expect(result).toContainText('The end dates are kept in the profile “Demo — ServiceNow (emulated tenant)”');
  await scrollIntoMain(page, '[data-audit-result]');
  await page.screenshot({ path: join(ARTIFACTS, 'audit-servicenow.png') });
  await scrollIntoMain(page, 'table[aria-label="Client secrets and certificates"]');
  await page.screenshot({ path: join(ARTIFACTS, 'audit-servicenow-facts.png') });

  // The admin's clean window was emptied and closed.
  expect(app.disposed.at(-1)?.cookiesAfterClear).toBe(0);
});

test('a secret ending in 5 days shows in the Watch view and raised a notification', async () => {
  const page = app.harness.page;
  // Watch re-checked as soon as the audit kept the end dates; the harness recorded what the OS would show.
  await expect.poll(() => app.notifications.map((n) => n.title)).toContain(`${PROFILE}: act within 5 days`);
  const note = app.notifications.find((n) => n.title.includes('act within 5 days'));
  expect(note?.body).toContain(`Client secret “rotating” (Secret ID ${SOON_SECRET_ID}) ends in 5 days`);
  const raised = app.notifications.length;

  await page.goto(`${app.harness.url}#/watch`);
  const card = page.locator(`[data-watch-profile="${PROFILE}"]`);
  await expect(card).toHaveAttribute('data-health', 'warning');
  await expect(card.locator(`[data-event="${SOON_SECRET_ID}"]`)).toHaveAttribute('data-days-left', '5');
  await expect(card.locator('[data-finding-code="WATCH_CREDENTIAL_EXPIRING"]')).toContainText('in 5 days');
  await expect(card).toContainText('Act soon');
  await page.screenshot({ path: join(ARTIFACTS, 'watch-5-days.png') });

  // A second check (the daily tick) does not raise the same warning again.
  await app.harness.services.watch?.check();
  expect(app.notifications.length).toBe(raised);
});

test('an audit client without the read permission ends with who must grant what', async () => {
  const page = app.harness.page;
  const adele = emulator.directory.users.adele;
  const own = emulator.directory.auditClients.ownWithoutConsent;
  await page.goto(`${app.harness.url}#/audit`);
  await page.reload();
  await pickProfile(page);
  await page.getByRole('radio', { name: 'Your own app registration (a public client in your tenant)' }).check();
  await page.getByLabel('Its Application (client) ID').fill(own.clientId);
  await page.getByLabel('Admin account').fill(adele.upn);
  await page.getByRole('button', { name: 'Sign in as admin and audit' }).click();
  await adminSignsIn(adele.upn, adele.password ?? '');
  const error = page.locator('[data-error-code="AUDIT_CONSENT_REQUIRED"]');
  await expect(error).toBeVisible({ timeout: 20_000 });
  await expect(error).toContainText('has no admin consent in this tenant');
  await expect(error).toContainText(
    'Next step: Ask a Global Administrator or Privileged Role Administrator to grant admin consent for Application.Read.All, Directory.Read.All, User.Read.All',
  );
  await expect(error).toContainText(own.clientId);
  await scrollIntoMain(page, '[data-error-code="AUDIT_CONSENT_REQUIRED"]');
  await page.screenshot({ path: join(ARTIFACTS, 'audit-no-consent.png') });
});

test('the form’s choices shape the audit: a product switch keeps the protocols it offers; a delegate signs in for the blocked shared mailbox; SMTP left out is not needed', async () => {
  const page = app.harness.page;
  const adele = emulator.directory.users.adele;
  const delegate = emulator.directory.users.delegate.upn;
  await page.goto(`${app.harness.url}#/audit`);
  await page.reload();
  // A custom cloud asks where its authority is; the profile then fills it.
  await expect(page.getByLabel('Authority host')).toHaveCount(0);
  await page.getByRole('combobox', { name: 'Cloud' }).click();
  await page.getByRole('option', { name: 'Custom authority (host + CA file)' }).click();
  await expect(page.getByLabel('Authority host')).toHaveValue('');
  await pickProfile(page);
  await expect(page.getByLabel('Authority host')).toHaveValue(emulator.host);

  const protocols = page.getByRole('group', { name: 'Protocols the product uses' });
  await protocols.getByRole('checkbox', { name: 'SMTP (send)' }).uncheck();
  // Jira Data Center offers IMAP, POP and Graph: IMAP stays chosen, nothing it does not offer is added.
  const product = page.getByRole('combobox', { name: 'Product' });
  await product.click();
  await page.getByRole('option', { name: 'Jira Data Center / Service Management' }).click();
  await expect(protocols.getByRole('checkbox', { name: 'IMAP' })).toBeChecked();
  await expect(protocols.getByRole('checkbox', { name: 'POP' })).not.toBeChecked();
  await product.click();
  await page.getByRole('option', { name: 'ServiceNow' }).click();
  await expect(protocols.getByRole('checkbox', { name: 'IMAP (receive)' })).toBeChecked();
  await expect(protocols.getByRole('checkbox', { name: 'SMTP (send)' })).not.toBeChecked();

  await page.getByRole('switch', { name: 'A delegate signs in for it' }).check();
  await page.getByLabel('Delegate who signs in').fill(delegate);
  await page.getByLabel('Admin account').fill(adele.upn);
  await page.getByRole('button', { name: 'Sign in as admin and audit' }).click();
  await adminSignsIn(adele.upn, adele.password ?? '');

  const result = page.locator('[data-audit-result]');
  await expect(result).toBeVisible({ timeout: 20_000 });
  // The blocked shared mailbox is how it should be once a delegate signs in: a note, not the error of the first run.
  await expect(page.locator('[data-finding-code="AUDIT_MAILBOX_SIGN_IN_BLOCKED"]')).toHaveCount(0);
  await expect(
    page.locator('[data-audit-field="mailbox"] [data-finding-code="AUDIT_MAILBOX_SIGN_IN_BLOCKED_OK"]'),
  ).toContainText(
    `support@contoso.test has sign-in blocked, as a shared mailbox should; the delegate ${delegate} signs in for it`,
  );
  // SMTP is not among the chosen protocols: its permission is listed but not needed; IMAP's is.
  const permissions = page.locator('table[aria-label="API permissions"]');
  await expect(permissions.locator('tr', { hasText: 'SMTP.Send' }).locator('td').last()).toHaveText('No');
  await expect(permissions.locator('tr', { hasText: 'IMAP.AccessAsUser.All' }).locator('td').last()).toHaveText('Yes');
});

test('an app-only product: the application permission it names is the one needed, and the shared mailbox needs no one to sign in', async () => {
  const page = app.harness.page;
  const adele = emulator.directory.users.adele;
  await page.goto(`${app.harness.url}#/audit`);
  await page.reload();
  await pickProfile(page);
  // Motadata ServiceOps reads mail through Graph with the application permission Mail.ReadWrite.
  await page.getByRole('combobox', { name: 'Product' }).click();
  await page.getByRole('option', { name: 'Motadata ServiceOps' }).click();
  const protocols = page.getByRole('group', { name: 'Protocols the product uses' });
  await protocols.getByRole('checkbox', { name: 'Microsoft Graph (recommended)' }).check();
  await protocols.getByRole('checkbox', { name: 'IMAP (legacy protocol)' }).uncheck();
  await protocols.getByRole('checkbox', { name: 'SMTP (legacy protocol)' }).uncheck();
  await page.getByRole('radio', { name: 'App-only, with its own secret (application permissions)' }).check();
  await page.getByLabel('Admin account').fill(adele.upn);
  await page.getByRole('button', { name: 'Sign in as admin and audit' }).click();
  await adminSignsIn(adele.upn, adele.password ?? '');

  await expect(page.locator('[data-audit-result]')).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('[data-finding-code="AUDIT_MAILBOX_SIGN_IN_BLOCKED"]')).toHaveCount(0);
  await expect(
    page.locator('[data-audit-field="mailbox"] [data-finding-code="AUDIT_MAILBOX_SIGN_IN_BLOCKED_OK"]'),
  ).toContainText('the app opens it with its own permissions');
  const permissions = page.locator('table[aria-label="API permissions"]');
  await expect(permissions.getByRole('columnheader').last()).toHaveText('Motadata ServiceOps uses it');
  const needed = permissions.locator('tr', { hasText: 'Mail.ReadWrite' });
  await expect(needed).toContainText('Application');
  await expect(needed).toContainText('Granted for the tenant');
  await expect(needed.locator('td').last()).toHaveText('Yes');
  // The delegated IMAP permission the registration also has is not what an app-only product uses.
  await expect(permissions.locator('tr', { hasText: 'IMAP.AccessAsUser.All' }).locator('td').last()).toHaveText('No');
});

test('app-only for a product that signs in as a user: the audit says so at the permissions, with the mode to use', async () => {
  const page = app.harness.page;
  const adele = emulator.directory.users.adele;
  await page.goto(`${app.harness.url}#/audit`);
  await page.reload();
  await pickProfile(page);
  await page.getByRole('radio', { name: 'App-only, with its own secret (application permissions)' }).check();
  await page.getByLabel('Admin account').fill(adele.upn);
  await page.getByRole('button', { name: 'Sign in as admin and audit' }).click();
  await adminSignsIn(adele.upn, adele.password ?? '');

  await expect(page.locator('[data-audit-result]')).toBeVisible({ timeout: 20_000 });
  const note = page.locator('[data-audit-field="scopes"] [data-finding-code="AUDIT_APP_ONLY_NOT_USED"]');
  await expect(note).toContainText('ServiceNow connects with a user sign-in (delegated permissions)');
  await expect(note).toContainText('Choose “A user signs in (delegated permissions)” and audit again');
  const permissions = page.locator('table[aria-label="API permissions"]');
  await expect(permissions.locator('tr', { hasText: 'IMAP.AccessAsUser.All' }).locator('td').last()).toHaveText('No');
  await note.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(ARTIFACTS, 'audit-app-only-servicenow.png') });
});

test('nothing secret crossed IPC: no token, code or client secret in any request or response', async () => {
  const secrets = emulator.directory.all.apps.flatMap((a) => a.secrets.map((s) => s.value));
  const codes = emulator.requestLog
    .map((r) => new URL(r.url, emulator.baseUrl).searchParams.get('code'))
    .filter((c): c is string => !!c);
  expect(app.harness.payloadLog.some((p) => p.method === 'audit.run')).toBe(true);
  for (const p of app.harness.payloadLog) {
    for (const s of [...secrets, ...codes]) {
      expect(p.response.includes(s), `${p.method} response leaks a secret`).toBe(false);
      expect(p.request.includes(s), `${p.method} request carries a secret`).toBe(false);
    }
    expect(p.response, `${p.method} response carries a JWT`).not.toMatch(/eyJ[\w-]{10,}\.eyJ[\w-]{10,}\./);
  }
});
