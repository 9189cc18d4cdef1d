// "Test mailbox" end to end: the whole app against the emulator, with real servers on loopback behind the
// probes — Dovecot (IMAPS, POP3S; oauth2 passdb introspecting at the emulator), the smtp-server test double
// (STARTTLS, XOAUTH2 checked at the emulator) and the emulator's own Graph. The harness makes these the
// probes' default endpoints (probeDefaults), as an admin would type them under "Advanced: server overrides".
// servicedesk's tokens open every protocol; adele's tokens for servicedesk's mailbox are refused over IMAP
// and the row says whose token it was. A silent server shows the spinner and Cancel stops the run.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startEmulator, type Emulator } from '../emulator';
import { fillAuthorizeForm } from '../harness/authorize-form';
import { startEmulatedApp, type EmulatedApp } from '../harness/emulated-app';
import { REPO_ROOT } from '../harness/index';
import { dovecotUnavailable, loopbackSource, startDovecot, type DovecotServer } from '../support/dovecot';
import { scriptedConfirm } from '../support/confirm-dialog';
import { startSilentListener, type SilentListener } from '../support/loopback-ports';
import { startSmtpForEmulator, type SmtpTestServer } from '../support/smtp-server';
import { signInOnEntraPage } from '../harness/entra-sign-in';
import { seriousViolations } from '../support/axe';

const ARTIFACTS = join(REPO_ROOT, 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

const SERVICEDESK = 'servicedesk@contoso.test';
const ADELE = 'adele@contoso.test';
// Outlook scopes for IMAP/POP/SMTP plus a Graph scope: the app gets the Graph token with the refresh token.
const SCOPES = [
  'https://outlook.office.com/IMAP.AccessAsUser.All',
  'https://outlook.office.com/POP.AccessAsUser.All',
  'https://outlook.office.com/SMTP.Send',
  'https://graph.microsoft.com/Mail.Read',
  'offline_access',
  'openid',
  'profile',
].join(' ');

const unavailable = dovecotUnavailable();
if (unavailable) console.log(`probes.spec: skipped — Dovecot cannot run here: ${unavailable}`);
test.skip(unavailable !== undefined, `Dovecot not installed: ${unavailable ?? ''}`);

let emulator: Emulator;
let dovecot: DovecotServer;
let smtp: SmtpTestServer;
let app: EmulatedApp;
let silent: SilentListener;
/** Main's confirmation dialog, answered by the test (a host outside the configured ones needs a yes). */
const confirm = scriptedConfirm('decline');

test.beforeAll(async () => {
  test.setTimeout(90_000);
  emulator = await startEmulator();
  dovecot = await startDovecot(emulator);
  smtp = await startSmtpForEmulator(emulator);
  // Accepts and then says nothing, like a firewall that black-holes after the handshake.
  silent = await startSilentListener();
  const caPem = emulator.caPem;
  app = await startEmulatedApp({
    emulator,
    area: 'authorize',
    viewport: { width: 1280, height: 1000 },
    confirm,
    probeDefaults: {
      // Dovecot penalises failed logins per client address; its own source keeps one test from slowing another.
      imap: { host: '127.0.0.1', port: dovecot.imapsPort, caPem, localAddress: loopbackSource() },
      pop: { host: '127.0.0.1', port: dovecot.pop3sPort, caPem, localAddress: loopbackSource() },
      smtp: { host: '127.0.0.1', port: smtp.port, caPem },
      graph: { host: 'localhost', port: emulator.port, caPem },
    },
  });
});

test.afterAll(async () => {
  await app?.close();
  await silent?.stop();
  await smtp?.stop();
  await dovecot?.stop();
  await emulator?.stop();
});

async function authorize(page: Page, expected: string, signInAs: string, password: string, scopes = SCOPES) {
  await fillAuthorizeForm(app, expected, { scopes });
  await page.getByRole('button', { name: 'Authorize in a clean session' }).click();
  const { page: authPage } = await app.nextAuthPage();
  await signInOnEntraPage(authPage, signInAs, password);
}

const panelOf = (page: Page) => page.getByTestId('test-mailbox');
const rowOf = (page: Page, protocol: string) => panelOf(page).locator(`li[data-protocol="${protocol}"]`);

test('authorize servicedesk → Test mailbox → IMAP, POP, SMTP and Graph all green', async () => {
  const page = app.harness.page;
  await authorize(page, SERVICEDESK, SERVICEDESK, emulator.directory.users.servicedesk.password ?? '');
  // The emulator is a custom authority: a passing run is amber ('check'), never VERIFIED.
  await expect(page.locator('[data-verdict]')).toHaveAttribute('data-verdict', 'check', { timeout: 20_000 });

  const panel = panelOf(page);
  await expect(panel.getByRole('heading', { name: 'Test mailbox' })).toBeVisible();
  await panel.getByRole('button', { name: 'Test mailbox', exact: true }).click();
  for (const p of ['imap', 'pop', 'smtp', 'graph']) {
    await expect(rowOf(page, p), `${p} row`).toHaveAttribute('data-outcome', 'ok', { timeout: 30_000 });
  }
  // Each row names what it proved, with the seeded Maildir's three messages and Graph's Inbox.
  await expect(rowOf(page, 'imap')).toContainText('3 messages');
  await expect(rowOf(page, 'imap')).toContainText(`127.0.0.1:${dovecot.imapsPort}`);
  await expect(rowOf(page, 'pop')).toContainText(`127.0.0.1:${dovecot.pop3sPort}`);
  await expect(rowOf(page, 'smtp')).toContainText(`127.0.0.1:${smtp.port}`);
  await expect(rowOf(page, 'graph')).toContainText('3 items in Inbox');
  for (const p of ['imap', 'pop', 'smtp', 'graph']) await expect(rowOf(page, p)).toContainText(/total \d+(\.\d)? m?s/);
  // SMTP really authenticated at the server, as servicedesk, and nothing was sent.
  expect(smtp.authLog.at(-1)).toEqual({ user: SERVICEDESK, accepted: true, reason: 'ok' });
  // The server's words are there but folded away.
  const words = rowOf(page, 'imap').locator('details');
  await expect(words).not.toHaveAttribute('open', '');
  await expect(words.locator('summary')).toHaveText('What the server said');

  expect(await seriousViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 1600 });
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: join(ARTIFACTS, 'probes-green.png') });
  await page.setViewportSize({ width: 1280, height: 1000 });
});

test('back from another area, the rows show the results main kept, without a new run', async () => {
  const page = app.harness.page;
  const runs = app.harness.dispatchLog.filter((r) => r.method === 'probes.run').length;
  await page.goto(`${app.harness.url}#/explain`);
  await expect(page.locator('main h1')).toHaveText(/explain/i);
  await page.goto(`${app.harness.url}#/authorize`);
  for (const p of ['imap', 'pop', 'smtp', 'graph']) await expect(rowOf(page, p)).toHaveAttribute('data-outcome', 'ok');
  await expect(rowOf(page, 'imap')).toContainText('3 messages');
  expect(app.harness.dispatchLog.filter((r) => r.method === 'probes.run')).toHaveLength(runs);
});

test('a server that never answers: the row shows a spinner, and Cancel stops the run', async () => {
  const page = app.harness.page;
  const panel = panelOf(page);
  await expect(panel).toBeVisible();
  // Only IMAP, pointed at the silent listener through the overrides disclosure.
  for (const name of ['POP', 'SMTP', 'Microsoft Graph']) await panel.getByRole('checkbox', { name }).uncheck();
  await panel.getByText('Advanced: server overrides').click();
  await panel.getByLabel('IMAP host').fill('127.0.0.1');
  await panel.getByLabel('IMAP port').fill(String(silent.port));
  // Not a configured host: main asks its own dialog before the token goes there; a no sends nothing.
  confirm.answer('decline');
  await panel.getByRole('button', { name: 'Test mailbox', exact: true }).click();
  await expect(rowOf(page, 'imap')).toHaveAttribute('data-error-code', 'PROBE_HOST_NOT_CONFIRMED');
  expect(confirm.asked.at(-1)?.message).toContain(`127.0.0.1:${silent.port}`);
  expect(silent.sockets.size).toBe(0);
  confirm.answer('accept');
  await panel.getByRole('button', { name: 'Test mailbox', exact: true }).click();
  await expect(rowOf(page, 'imap')).toHaveAttribute('data-state', 'running');
  await expect(rowOf(page, 'imap').getByText('Testing…')).toBeVisible();
  await expect(rowOf(page, 'pop')).toHaveCount(0);
  await panel.getByRole('button', { name: 'Cancel the mailbox test' }).click();
  await expect(rowOf(page, 'imap')).toHaveAttribute('data-outcome', 'cancelled', { timeout: 5_000 });
  await expect(rowOf(page, 'imap')).toContainText(`127.0.0.1:${silent.port}`);
  await expect(panel.getByRole('button', { name: 'Cancel the mailbox test' })).toHaveCount(0);
});

test('authorize as adele for servicedesk’s mailbox → the IMAP row is red and names the mismatch', async () => {
  const page = app.harness.page;
  // The product's scopes without offline_access: the verdict says it gets no refresh token (the app's own sign-in
  // still has one, for the Graph token).
  const scopes = SCOPES.replace(' offline_access', '');
  await authorize(page, SERVICEDESK, ADELE, emulator.directory.users.adele.password ?? '', scopes);
  await expect(page.locator('[data-verdict-code]')).toHaveAttribute('data-verdict-code', 'IDENTITY_MISMATCH', {
    timeout: 20_000,
  });
  await expect(
    page.getByText('No — its scopes lack offline_access, so its mail access ends after about an hour'),
  ).toBeVisible();

  const panel = panelOf(page);
  await panel.getByRole('button', { name: 'Test mailbox', exact: true }).click();
  const imap = rowOf(page, 'imap');
  await expect(imap).toHaveAttribute('data-outcome', 'auth-failed', { timeout: 30_000 });
  await expect(imap).toContainText(`The token belongs to ${ADELE}, but user= names ${SERVICEDESK}`);
  await expect(imap).toContainText('Sign-in refused');
  await expect(imap).toContainText(`Next step: Authorize again signed in as ${SERVICEDESK}`);
  for (const p of ['pop', 'smtp', 'graph'])
    await expect(rowOf(page, p)).not.toHaveAttribute('data-state', 'running', { timeout: 30_000 });
  await expect(rowOf(page, 'smtp')).toHaveAttribute('data-outcome', 'auth-failed');
  await imap.locator('summary').click();
  await expect(imap.locator('pre')).toContainText(/AUTHENTICATE failed|NO/);

  expect(await seriousViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 1600 });
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: join(ARTIFACTS, 'probes-red.png') });
  await page.setViewportSize({ width: 1280, height: 1000 });
});
