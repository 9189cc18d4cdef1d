// The profile secret vault on the real safeStorage: a client secret saved with a profile is on disk only as
// OS-encrypted ciphertext (Keychain, DPAPI, libsecret) and comes back whole when main needs it (copied from
// the profile's field sheet); on Linux's basic_text backend (no keyring, a fixed key) the app refuses to seal.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { RequestOf } from '../../shared/contract';
import { answerMessageBoxes, callApi, electronSpec, REQUIRE_ELECTRON, type LaunchedApp } from './launch';

const CONFIG: RequestOf<'profiles.save'>['config'] = {
  presetId: 'generic',
  cloud: 'global',
  tenant: 'contoso.onmicrosoft.com',
  clientId: '00000000-0000-4000-8000-000000000001',
  redirectUri: 'https://mail-script.contoso.example/callback',
  scopes: ['https://outlook.office.com/IMAP.AccessAsUser.All', 'offline_access'],
  signInAccount: 'servicedesk@contoso.com',
  mailbox: 'servicedesk@contoso.com',
};

// On Linux safeStorage needs a running Secret Service (GNOME Keyring / KWallet) on the session D-Bus; the CI
// workflow starts gnome-keyring under dbus-run-session. Chromium picks the backend from the desktop it sees,
// so the spec names it.
const LINUX_KEYRING_ARGS = process.platform === 'linux' ? ['--password-store=gnome-libsecret'] : [];
const NO_KEYRING =
  process.platform === 'linux' && !process.env.DBUS_SESSION_BUS_ADDRESS
    ? 'no D-Bus session bus, so no keyring can hold the safeStorage key (run under dbus-run-session with gnome-keyring)'
    : undefined;

async function profilesFile(launched: LaunchedApp): Promise<string> {
  const dir = await launched.app.evaluate(({ app }) => app.getPath('userData'));
  try {
    return readFileSync(join(dir, 'profiles.json'), 'utf8');
  } catch {
    return '';
  }
}

test.describe('the safeStorage vault', () => {
  const spec = electronSpec('vault.spec.ts');

  test('seals a profile’s secret on disk and gives it back whole', async () => {
    if (NO_KEYRING !== undefined && !REQUIRE_ELECTRON)
      console.log(`[tests/electron/vault.spec.ts] skipped: ${NO_KEYRING}`);
    test.skip(NO_KEYRING !== undefined && !REQUIRE_ELECTRON, NO_KEYRING ?? '');
    const launched = await spec.launch({ args: LINUX_KEYRING_ARGS });
    const { app, page } = launched;
    const backend = await app.evaluate(({ safeStorage }) => ({
      available: safeStorage.isEncryptionAvailable(),
      linuxBackend: process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'not linux',
    }));
    expect(backend.available, 'safeStorage is not available (no keyring?)').toBe(true);
    expect(backend.linuxBackend).not.toBe('basic_text');

    const secret = `Spec8Q~${randomUUID()}`;
    const saved = await callApi(page, 'profiles.save', {
      name: `Electron spec vault ${randomUUID()}`,
      config: CONFIG,
      secret: { action: 'value', value: secret },
    });
    expect(saved.ok, JSON.stringify(saved.error)).toBe(true);
    expect(saved.value?.hasSecret).toBe(true);
    const id = saved.value?.id ?? '';

    // On disk: ciphertext from this vault, and neither the secret nor its base64 anywhere in the file.
    const file = await profilesFile(launched);
    expect(file).toContain('electron-safe-storage');
    expect(file).not.toContain(secret);
    expect(file).not.toContain(Buffer.from(secret).toString('base64'));

    // Back in main: copying the profile's secret asks main's own dialog (answered here by replacing Electron's
    // message box, as a person clicking "Copy secret" would), then unseals it onto the (real) clipboard. The
    // renderer's old override flag is no longer part of the request.
    const withOldFlag = { profileId: id, fieldKey: 'clientSecret', override: true };
    expect((await callApi(page, 'handover.copy', withOldFlag)).ok).toBe(false);
    const asked = await answerMessageBoxes(app, 'Copy secret');
    const copied = await callApi(page, 'handover.copy', { profileId: id, fieldKey: 'clientSecret' });
    expect(copied.ok, JSON.stringify(copied.error)).toBe(true);
    expect(await asked()).toEqual([`Copy the client secret of app ${CONFIG.clientId} to the clipboard?`]);
    expect(await app.evaluate(({ clipboard }) => clipboard.readText())).toBe(secret);
    await app.evaluate(({ clipboard }) => clipboard.clear());
    expect((await callApi(page, 'profiles.delete', { id })).ok).toBe(true);
  });

  test('refuses to seal on Linux’s basic_text backend and stores no secret', async () => {
    test.skip(process.platform !== 'linux', 'basic_text exists only on Linux');
    const launched = await spec.launch({ args: ['--password-store=basic'] });
    const { app, page } = launched;
    const facts = await app.evaluate(({ safeStorage }) => ({
      backend: safeStorage.getSelectedStorageBackend(),
      available: safeStorage.isEncryptionAvailable(),
    }));
    expect(facts.backend).toBe('basic_text');

    const secret = `Spec8Q~${randomUUID()}`;
    const saved = await callApi(page, 'profiles.save', {
      name: `Electron spec basic_text ${randomUUID()}`,
      config: CONFIG,
      secret: { action: 'value', value: secret },
    });
    expect(saved.ok).toBe(false);
    // basic_text "works" (a fixed key), so the vault's own refusal answers; were it reported unavailable, that one.
    expect(saved.error?.code).toBe(facts.available ? 'VAULT_INSECURE_BACKEND' : 'VAULT_UNAVAILABLE');
    expect(await profilesFile(launched)).not.toContain(secret);
  });
});
