// WatchService over a real profile store in a temp folder: a check raises each due step once and remembers it in the
// profile (a new store, as after a restart, does not raise it again), start() checks at once and on every interval,
// what the app saw (a verified run, an exported refresh token) is recorded against the run's profile, and the
// handler answers the view without raising anything.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProfileStore } from '../../../../../electron/services/profiles/profile-store';
import { AesGcmVault } from '../../../../../electron/services/profiles/vault';
import type { WatchNotification } from '../../../../../electron/services/watch/notifier';
import { createWatchHandlers } from '../../../../../electron/services/watch/watch-handlers';
import { WatchService } from '../../../../../electron/services/watch/watch-service';
import { RUN } from '../../../../support/handover-fixtures';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const DAY = 86_400_000;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mah-watch-'));
});
afterEach(() => {
  vi.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
});

const vault = new AesGcmVault(Buffer.alloc(32, 3));
const store = () => new ProfileStore({ dir, vault });

async function profileEndingIn(days: number): Promise<string> {
  const p = await store().save({ name: 'Desk', config: RUN, secret: { action: 'keep' } });
  await store().updateWatch(p.id, () => ({
    audit: {
      auditedAt: new Date(NOW).toISOString(),
      appName: 'Desk mail',
      credentials: [
        {
          kind: 'secret',
          keyId: 'k1',
          description: 'current',
          endsAt: new Date(NOW + days * DAY - 3600_000).toISOString(),
        },
      ],
    },
  }));
  return p.id;
}

function watch(shown: WatchNotification[], now = () => NOW, intervalMs?: number) {
  return new WatchService({
    profiles: store(),
    notifier: { notify: (n) => (shown.push(n), true) },
    now,
    ...(intervalMs === undefined ? {} : { intervalMs }),
  });
}

describe('WatchService', () => {
  it('raises the due step once, remembers it in the profile, and a restarted app does not repeat it', async () => {
    const id = await profileEndingIn(5);
    const shown: WatchNotification[] = [];
    const first = await watch(shown).check();
    expect(first.raised.map((n) => n.key)).toEqual(['secret:k1:7']);
    expect(shown).toEqual([
      { title: 'Desk: act within 5 days', body: expect.stringContaining('ends in 5 days') as string },
    ]);
    expect((await store().load(id)).watch?.notified).toEqual(['secret:k1:7']);
    expect((await watch(shown).check()).raised).toEqual([]);
    // Four days on, the 1-day step is due.
    const later = await watch(shown, () => NOW + 4 * DAY).check();
    expect(later.raised.map((n) => n.key)).toEqual(['secret:k1:1']);
    expect(shown).toHaveLength(2);
    expect(later.status.connections[0]?.findings[0]?.nextStep).toContain(
      'App registrations > Desk mail > Certificates & secrets',
    );
  });

  it('start() checks at once and then on every interval; stop() ends it', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    await profileEndingIn(40);
    let now = NOW;
    const shown: WatchNotification[] = [];
    const w = watch(shown, () => now, 1000);
    const checks = vi.spyOn(w, 'check');
    w.start();
    expect(checks).toHaveBeenCalledTimes(1);
    now += 15 * DAY;
    vi.advanceTimersByTime(1000);
    expect(checks).toHaveBeenCalledTimes(2);
    await vi.waitFor(() => expect(shown.map((n) => n.title)).toEqual(['Desk: act within 25 days']));
    // The check goes on to remember the raised step in the profile after notifying: let it finish before the
    // folder is removed (on a slow machine the write was still under way: ENOTEMPTY in afterEach).
    await checks.mock.results[1]?.value;
    w.stop();
    vi.advanceTimersByTime(5000);
    expect(checks).toHaveBeenCalledTimes(2);
  });

  it('records a verified authorization and an exported refresh token (which restarts its 90-day warnings)', async () => {
    const id = await profileEndingIn(400);
    const shown: WatchNotification[] = [];
    const w = watch(shown);
    await w.recordAuthorized(id, NOW - DAY);
    await w.recordRefreshTokenHandedOver(id, NOW - 85 * DAY);
    const p = await store().load(id);
    expect(p.watch?.lastAuthorizedAt).toBe(new Date(NOW - DAY).toISOString());
    expect(p.watch?.refreshTokenIssuedAt).toBe(new Date(NOW - 85 * DAY).toISOString());
    expect(shown.map((n) => n.body)).toEqual([expect.stringContaining('Refresh token handed over on')]);
    expect(p.watch?.notified).toEqual(['refresh-token:refresh-token:7']);
    // A new hand-over clears the old token's raised steps; a missing profile is logged, never thrown.
    await w.recordRefreshTokenHandedOver(id, NOW);
    expect((await store().load(id)).watch?.notified).toEqual([]);
    await expect(w.recordRefreshTokenHandedOver('missing', NOW)).resolves.toBeUndefined();
  });

  it('watch.status answers the view without raising; without a profile store the list is empty', async () => {
    await profileEndingIn(5);
    const shown: WatchNotification[] = [];
    const handlers = createWatchHandlers({ watch: watch(shown) });
    const ctx = { senderUrl: 'app://renderer/', isMainFrame: true };
    const status = await handlers['watch.status']({}, ctx);
    expect(status.connections.map((c) => `${c.name}:${c.health}`)).toEqual(['Desk:warning']);
    expect(shown).toEqual([]);
    expect((await createWatchHandlers({ now: () => NOW })['watch.status']({}, ctx)).connections).toEqual([]);
  });
});
