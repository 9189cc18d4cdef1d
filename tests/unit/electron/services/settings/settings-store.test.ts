// Settings (settings-store.ts, settings-handlers.ts): defaults, a change saved to the data folder and read back by a
// new store, a damaged file moved aside with a notice, one bad setting not costing the others, and the contract
// refusing what main must not accept (a proxy with a password, a time limit out of range).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SettingsStore, SETTINGS_FILE_NAME } from '../../../../../electron/services/settings/settings-store';
import { DEFAULT_SETTINGS } from '../../../../../shared/settings/schema';
import { caller, expectOk } from '../../../../support/handover-fixtures';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mah-settings-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('SettingsStore', () => {
  it('starts from the defaults and keeps a change in the data folder for the next start', async () => {
    const first = new SettingsStore({ dir });
    expect((await first.get()).settings).toEqual(DEFAULT_SETTINGS);
    await first.update({ theme: 'dark', clipboardClearSeconds: 45 });
    const file = JSON.parse(readFileSync(join(dir, SETTINGS_FILE_NAME), 'utf8')) as { settings: unknown };
    expect(file.settings).toMatchObject({ theme: 'dark', clipboardClearSeconds: 45 });
    const next = new SettingsStore({ dir });
    expect((await next.get()).settings).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark', clipboardClearSeconds: 45 });
  });

  it('moves a damaged file aside, says so once, and uses the defaults', async () => {
    writeFileSync(join(dir, SETTINGS_FILE_NAME), '{ not json');
    const store = new SettingsStore({ dir, now: () => new Date('2026-01-02T03:04:05Z') });
    const got = await store.get();
    expect(got.settings).toEqual(DEFAULT_SETTINGS);
    expect(got.notice?.code).toBe('SETTINGS_FILE_CORRUPT');
    expect(existsSync(join(dir, SETTINGS_FILE_NAME))).toBe(false);
    expect(readdirSync(dir).some((f) => f.startsWith(`${SETTINGS_FILE_NAME}.corrupt-`))).toBe(true);
    expect((await store.get()).notice).toBeUndefined();
  });

  it('keeps the valid settings of a file where one went bad', async () => {
    writeFileSync(
      join(dir, SETTINGS_FILE_NAME),
      JSON.stringify({ version: 1, settings: { theme: 'light', signInTimeLimitMinutes: 9999 } }),
    );
    const got = await new SettingsStore({ dir }).get();
    expect(got.settings).toEqual({ ...DEFAULT_SETTINGS, theme: 'light' });
  });
});

describe('settings.* over the dispatcher', () => {
  it('refuses a proxy with a user name and password and a time limit out of range; accepts a plain proxy', async () => {
    const { call } = caller({ settings: { dir } });
    const withPassword = await call('settings.set', { proxyUrl: 'http://user:pw@proxy.contoso.com:8080' });
    expect(withPassword.ok ? 'ok' : withPassword.error.code).toBe('INVALID_REQUEST');
    const tooLong = await call('settings.set', { signInTimeLimitMinutes: 31 });
    expect(tooLong.ok ? 'ok' : tooLong.error.code).toBe('INVALID_REQUEST');
    const view = expectOk(
      await call<{ settings: { proxyUrl: string }; proxyUsedBy: string[] }>('settings.set', {
        proxyUrl: 'http://proxy.contoso.com:8080',
      }),
    );
    expect(view.settings.proxyUrl).toBe('http://proxy.contoso.com:8080');
    expect(view.proxyUsedBy.length).toBeGreaterThan(0);
  });

  it('opens only main’s own log folder, and says so when there is none', async () => {
    const opened: string[] = [];
    const withLog = caller({
      settings: { logFolder: '/var/log/mah', folderOpener: { open: async (f: string) => void opened.push(f) } },
    });
    expect(expectOk(await withLog.call('settings.openLogFolder', {}))).toEqual({
      opened: true,
      folder: '/var/log/mah',
    });
    expect(opened).toEqual(['/var/log/mah']);
    const without = await caller({}).call('settings.openLogFolder', {});
    expect(without.ok ? 'ok' : without.error.code).toBe('LOG_FOLDER_UNAVAILABLE');
  });
});
