// The `watch` CLI command over a profiles folder, driven through main([...], io): what a scheduled run relies on —
// exit 1 and the profile in endingWithinWindow when a secret ends within --within days, exit 0 when the window is
// shorter than what is left, exit 2 for an unknown option, and the exit codes in --help; a folder with no profiles
// says so (exit 0), and a profiles folder that cannot be read is exit 2 with the reason.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../../electron/cli/cli';
import type { CliIo } from '../../../../electron/cli/command';
import { ProfileStore } from '../../../../electron/services/profiles/profile-store';
import { AesGcmVault } from '../../../../electron/services/profiles/vault';
import { DESK_PROFILE } from '../../../support/saved-profile';

function fakeIo(): { io: CliIo; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    io: { stdout: (t) => (out += t), stderr: (t) => (err += t), readStdin: async () => '', env: {} },
    out: () => out,
    err: () => err,
  };
}

let dir: string;
let profileId: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mah-cli-watch-'));
  const store = new ProfileStore({ dir, vault: new AesGcmVault(Buffer.alloc(32, 4)) });
  const saved = await store.save({
    ...DESK_PROFILE,
    secret: { action: 'keep' },
  });
  profileId = saved.id;
  // The only secret ends in 5 days (less an hour, so the count is 5 whatever the time of day).
  const endsAt = new Date(Date.now() + 5 * 86_400_000 - 3_600_000).toISOString();
  await store.updateWatch(profileId, () => ({
    audit: {
      auditedAt: new Date().toISOString(),
      appName: 'ServiceNow mail',
      credentials: [{ kind: 'secret', keyId: 'k-soon', description: 'rotating', endsAt }],
    },
  }));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('cli watch', () => {
  it('exit 1 with the profile in endingWithinWindow when a secret ends within the window', async () => {
    const x = fakeIo();
    expect(await main(['watch', '--json', '--profiles-dir', dir], x.io), x.err()).toBe(1);
    const json = JSON.parse(x.out()) as {
      windowDays: number;
      endingWithinWindow: string[];
      connections: { name: string; health: string; events: { key: string; daysLeft: number }[] }[];
    };
    expect(json.windowDays).toBe(30);
    expect(json.endingWithinWindow).toEqual([profileId]);
    expect(json.connections[0]).toMatchObject({ name: 'Desk', health: 'warning' });
    expect(json.connections[0]?.events[0]).toMatchObject({ key: 'k-soon', daysLeft: 5 });
  });

  it('exit 0 when the window is shorter than the days left; ok within it, the human output still lists the end date', async () => {
    const x = fakeIo();
    expect(await main(['watch', '--within', '3', '--profiles-dir', dir], x.io), x.err()).toBe(0);
    expect(x.out()).toContain('Desk  [ok]  desk@contoso.com');
    expect(x.out()).toMatch(/\s5 days\s+Client secret “rotating” \(Secret ID k-soon\)/);
  });

  it('exit 2 for an unknown option or a window outside 0-3650 days; --help names the exit codes', async () => {
    const bad = fakeIo();
    expect(await main(['watch', '--profiles-dir', dir, '--soon'], bad.io)).toBe(2);
    expect(bad.err()).toMatch(
      /^Unknown option --soon for "watch"\. Valid options: --within, --profiles-dir, --json, --help\./,
    );
    expect(bad.out()).toBe('');
    for (const within of ['soon', '-1', '3651', '2.5']) {
      const x = fakeIo();
      expect(await main(['watch', '--profiles-dir', dir, `--within=${within}`], x.io), within).toBe(2);
      expect(x.err(), within).toMatch(/^--within ".*" is not a whole number of days from 0 to 3650\./);
      expect(x.out(), within).toBe('');
    }
    expect(await main(['watch', '--profiles-dir', dir, '--within', '3650'], fakeIo().io)).toBe(1);
    const help = fakeIo();
    expect(await main(['watch', '--help'], help.io)).toBe(0);
    expect(help.out()).toContain(
      'Exit codes:\n  0  nothing ends within the window\n  1  something ends within the window, or has ended',
    );
  });

  it('a folder without saved profiles says so and exits 0; one that cannot be read is exit 2 with the reason', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'mah-cli-watch-empty-'));
    try {
      const none = fakeIo();
      expect(await main(['watch', '--profiles-dir', empty], none.io)).toBe(0);
      expect(none.out()).toBe(`No saved profiles in ${join(empty, 'profiles.json')}.\n`);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
    // A file where the folder should be: the store cannot even open profiles.json inside it.
    const notADir = join(dir, 'profiles.json');
    const unreadable = fakeIo();
    expect(await main(['watch', '--profiles-dir', notADir], unreadable.io)).toBe(2);
    expect(unreadable.err()).toMatch(/^The saved profiles could not be read: .*ENOTDIR/);
    expect(unreadable.out()).toBe('');
  });
});
