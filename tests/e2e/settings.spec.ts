// Settings, end to end through the harness with main's real settings store and profile store in a temp data folder:
// each change is saved by main and shown as saved (and still there after a reload, read back from the file); a
// proxy address that is not http://host:port is refused with the reason; the log folder opens through the port;
// a saved profile is renamed, then deleted with its client secret after a confirmation; and the page says which
// build this is.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ProfileStore } from '../../electron/services/profiles/profile-store';
import { AesGcmVault } from '../../electron/services/profiles/vault';
import { RecordingFolderOpener } from '../../electron/services/settings/folder-opener';
import { REPO_ROOT, startHarness, type Harness } from '../harness';
import { DESK_PROFILE } from '../support/saved-profile';

const VAULT = new AesGcmVault(Buffer.alloc(32, 7));
/** Watch's clock: the days left it shows are counted from here. */
const WATCH_NOW = Date.parse('2026-03-10T00:00:00.000Z');
const pkg = JSON.parse(readFileSync(`${REPO_ROOT}package.json`, 'utf8')) as { version: string };

let dataDir: string;
let harness: Harness;
const opener = new RecordingFolderOpener();

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'mah-e2e-settings-'));
  const store = new ProfileStore({ dir: dataDir, vault: VAULT });
  const desk = await store.save({
    ...DESK_PROFILE,
    secret: { action: 'value', value: 'Abc8Q~settings-e2e-secret-value-0123456789' },
  });
  // What an audit and a hand-over would have recorded: an old secret past its end date beside the current one, and a
  // refresh token handed over 68 days before WATCH_NOW.
  await store.updateWatch(desk.id, () => ({
    audit: {
      auditedAt: '2026-03-01T09:00:00.000Z',
      appName: 'Desk mail',
      credentials: [
        {
          kind: 'secret',
          keyId: 'aaaa1111-0000-4000-8000-000000000001',
          description: 'old',
          endsAt: '2026-02-20T00:00:00.000Z',
        },
        {
          kind: 'secret',
          keyId: 'bbbb2222-0000-4000-8000-000000000002',
          description: 'current',
          endsAt: '2026-03-20T00:00:00.000Z',
        },
      ],
    },
    refreshTokenIssuedAt: '2026-01-01T00:00:00.000Z',
  }));
  harness = await startHarness({
    area: 'settings',
    deps: {
      profiles: { dir: dataDir, vault: VAULT },
      settings: { dir: dataDir, logFolder: join(dataDir, 'logs'), folderOpener: opener },
      watch: { now: () => WATCH_NOW },
    },
  });
});
test.afterAll(async () => {
  await harness?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** settings.json as main wrote it; before any change there is none (the defaults, proxy empty). */
const savedFile = (): Record<string, unknown> =>
  existsSync(join(dataDir, 'settings.json'))
    ? (JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as { settings: Record<string, unknown> })
        .settings
    : { proxyUrl: '' };

test('theme, sign-in time limit and proxy are saved by main, said saved, and read back after a reload', async () => {
  const { page } = harness;
  const appearance = page.getByRole('region', { name: 'Appearance' });
  // A controlled radio: it shows checked once main has saved the choice and answered, not on the click itself.
  await appearance.getByRole('radio', { name: 'Dark' }).click();
  await expect(appearance.getByRole('status')).toHaveText('Theme saved.');
  await expect(appearance.getByRole('radio', { name: 'Dark' })).toBeChecked();

  const limits = page.getByRole('region', { name: 'Sign-in and clipboard' });
  const minutes = limits.getByRole('spinbutton', { name: /Sign-in time limit/ });
  await minutes.fill('12');
  await minutes.press('Enter');
  await expect(limits.getByRole('status')).toHaveText('Sign-in time limit saved.');
  const seconds = limits.getByRole('spinbutton', { name: /Clear a copied secret after/ });
  await seconds.fill('45');
  await seconds.press('Enter');
  await expect(limits.getByRole('status')).toHaveText('Clipboard delay saved.');

  const network = page.getByRole('region', { name: 'Network' });
  await network.getByRole('textbox', { name: 'HTTP proxy' }).fill('http://proxy.contoso.com:8080');
  await network.getByRole('button', { name: 'Save proxy' }).click();
  await expect(network.getByRole('status')).toHaveText('Proxy saved.');
  await expect(network).toContainText('Test mailbox: IMAP, POP, SMTP and Microsoft Graph connections');
  await expect(network).toContainText('The sign-in window and the product session window');

  expect(savedFile()).toMatchObject({
    theme: 'dark',
    signInTimeLimitMinutes: 12,
    clipboardClearSeconds: 45,
    proxyUrl: 'http://proxy.contoso.com:8080',
  });
  await page.reload();
  await expect(page.getByRole('region', { name: 'Appearance' }).getByRole('radio', { name: 'Dark' })).toBeChecked();
  await expect(page.getByRole('spinbutton', { name: /Sign-in time limit/ })).toHaveValue('12');
  await expect(page.getByRole('spinbutton', { name: /Clear a copied secret after/ })).toHaveValue('45');
  await expect(page.getByRole('textbox', { name: 'HTTP proxy' })).toHaveValue('http://proxy.contoso.com:8080');

  // Emptied, the proxy is gone: the app connects directly.
  await page.getByRole('textbox', { name: 'HTTP proxy' }).fill('');
  await page.getByRole('button', { name: 'Save proxy' }).click();
  await expect(page.getByRole('region', { name: 'Network' }).getByRole('status')).toHaveText(
    'Direct connection saved.',
  );
  expect(savedFile()['proxyUrl']).toBe('');
});

test('a proxy address with a user name, or https://, is refused with what it takes, and nothing is saved', async () => {
  const { page } = harness;
  const network = page.getByRole('region', { name: 'Network' });
  for (const bad of ['http://alice:pw@proxy.contoso.com:8080', 'https://proxy.contoso.com:8080']) {
    await network.getByRole('textbox', { name: 'HTTP proxy' }).fill(bad);
    await network.getByRole('button', { name: 'Save proxy' }).click();
    await expect(page.getByRole('alert')).toContainText('http://proxy.contoso.com:8080');
    await expect(network.getByRole('status')).toHaveCount(0);
    expect(savedFile()['proxyUrl']).toBe('');
  }
});

test('the log folder is shown and opens in the file manager', async () => {
  const { page } = harness;
  const log = page.getByRole('region', { name: 'Log file' });
  await expect(log.getByTestId('log-folder')).toHaveText(join(dataDir, 'logs'));
  await log.getByRole('button', { name: 'Open log folder' }).click();
  await expect(log.getByRole('status')).toHaveText(`Opened ${join(dataDir, 'logs')} in your file manager.`);
  expect(opener.opened).toEqual([join(dataDir, 'logs')]);
});

test('Watch: the saved profile’s secret ending in 10 days is amber with where to make a new one; the old one is superseded', async () => {
  const { page } = harness;
  await page.goto(`${harness.url}#/watch`);
  const desk = page.getByRole('region', { name: 'Desk', exact: true });
  await expect(desk).toHaveAttribute('data-health', 'warning');
  await expect(desk.getByText('Act soon')).toBeVisible();
  await expect(desk).toContainText('Last audit: 2026-03-01');
  await expect(desk).toContainText('Refresh token handed over: 2026-01-01');
  const ends = desk.getByRole('table', { name: 'What ends for Desk' });
  // Soonest first; the ended secret is not an alarm while the current one is valid.
  await expect(ends.getByRole('row')).toHaveText([
    /What\s*Ends\s*Days left/,
    /Client secret “old” \(Secret ID aaaa1111-0000-4000-8000-000000000001\)\s*2026-02-20\s*ended \(a newer one is valid\)/,
    /Client secret “current” .*2026-03-20\s*10$/,
    /Refresh token handed over on 2026-01-01\s*2026-04-01\s*22$/,
  ]);
  const warnings = desk.getByRole('list', { name: 'Warnings for Desk' });
  await expect(warnings).toContainText('expires on 2026-03-20, in 10 days');
  await expect(warnings).toContainText(
    'Entra admin center > App registrations > Desk mail > Certificates & secrets > New client secret',
  );
  await page.getByRole('button', { name: 'Check again' }).click();
  await expect(desk).toHaveAttribute('data-health', 'warning');
  await page.goto(`${harness.url}#/settings`);
  await expect(page.locator('main h1')).toHaveText('Settings');
});

test('a saved profile is renamed, then deleted with its client secret after a confirmation', async () => {
  const { page } = harness;
  const profiles = page.getByRole('region', { name: 'Saved profiles' });
  const desk = profiles.locator('[data-profile="Desk"]');
  await expect(desk).toContainText('ServiceNow');
  await expect(desk).toContainText('Directory (tenant) ID contoso.com');
  await expect(desk).toContainText('client secret saved');
  await expect(desk).toContainText('last used never');

  await desk.getByRole('button', { name: 'Rename Desk' }).click();
  await desk.getByRole('textbox', { name: 'New name' }).fill('Helpdesk');
  await desk.getByRole('button', { name: 'Save name' }).click();
  await expect(profiles.getByRole('status')).toHaveText('Renamed “Desk” to “Helpdesk”.');

  const helpdesk = profiles.locator('[data-profile="Helpdesk"]');
  await helpdesk.getByRole('button', { name: 'Delete Helpdesk' }).click();
  await expect(helpdesk).toContainText('Delete it and its saved client secret?');
  await helpdesk.getByRole('button', { name: 'Keep it' }).click();
  await expect(helpdesk.getByRole('button', { name: 'Delete Helpdesk' })).toBeVisible();
  await helpdesk.getByRole('button', { name: 'Delete Helpdesk' }).click();
  await helpdesk.getByRole('button', { name: 'Delete “Helpdesk”' }).click();
  await expect(profiles.getByRole('status')).toHaveText('Deleted “Helpdesk” and its saved client secret.');
  await expect(profiles).toContainText('No saved profiles. Save one from the field sheet after an authorization.');
  expect((await new ProfileStore({ dir: dataDir, vault: VAULT }).list()).profiles).toEqual([]);
});

test('About this build names the version, the runtime and the clouds', async () => {
  const about = harness.page.getByRole('region', { name: 'About this build' });
  await expect(about.getByTestId('app-version')).toHaveText(pkg.version);
  await expect(about).toContainText('The test harness: this renderer in Chromium');
  await expect(about).toContainText('Linux');
  await expect(about).toContainText('chromium');
});
