// Watch's judgement: warning steps 30/7/1/0, each raised once; a superseded secret is not an alarm; a handed-over
// refresh token counts 90 days; `cli watch` exits 1 only for what ends within the window without a replacement.
import { describe, expect, it } from 'vitest';
import type { RunConfig } from '../../../../shared/authorize/schema';
import {
  dueNotifications,
  expiresWithin,
  stepOf,
  watchConnection,
  type WatchedProfile,
} from '../../../../shared/watch/watch';
import { DESK_PROFILE } from '../../../support/saved-profile';

const NOW = new Date('2026-06-01T12:00:00Z');
const config: RunConfig = DESK_PROFILE.config;
const inDays = (d: number) => new Date(NOW.getTime() + d * 86_400_000 - 3_600_000).toISOString();
const profile = (ends: number[], extra: Partial<NonNullable<WatchedProfile['watch']>> = {}): WatchedProfile => ({
  id: 'p1',
  name: 'Desk',
  config,
  watch: {
    audit: {
      auditedAt: NOW.toISOString(),
      credentials: ends.map((d, i) => ({ kind: 'secret', keyId: `k${i}`, description: `s${i}`, endsAt: inDays(d) })),
    },
    ...extra,
  },
});

describe('watch', () => {
  it('steps: 30, 7, 1 days before and 0 once over; nothing further away', () => {
    expect([45, 30, 20, 7, 5, 1, 0, -3].map(stepOf)).toEqual([undefined, 30, 30, 7, 7, 1, 0, 0]);
  });

  it('a secret ending in 5 days: warning health, a finding, the 7-day step raised once', () => {
    const c = watchConnection(profile([5]), NOW);
    expect(c.health).toBe('warning');
    expect(c.events[0]).toMatchObject({ kind: 'secret', daysLeft: 5, step: 7 });
    expect(c.findings.map((f) => f.code)).toEqual(['WATCH_CREDENTIAL_EXPIRING']);
    expect(c.findings[0]?.message).toContain('in 5 days');
    const due = dueNotifications(c, []);
    expect(due.map((n) => n.key)).toEqual(['secret:k0:7']);
    expect(due[0]?.title).toBe('Desk: act within 5 days');
    expect(dueNotifications(c, ['secret:k0:7'])).toEqual([]);
    // A day later, at 1 day left, the next step is due.
    const later = watchConnection(profile([5]), new Date(NOW.getTime() + 4 * 86_400_000));
    expect(dueNotifications(later, ['secret:k0:7']).map((n) => n.key)).toEqual(['secret:k0:1']);
    expect(expiresWithin(c, 30)).toBe(true);
    expect(expiresWithin(c, 3)).toBe(false);
  });

  it('the only secret expired: expired health, error, the step-0 notice; beside a live one it is superseded', () => {
    const only = watchConnection(profile([-10]), NOW);
    expect(only.health).toBe('expired');
    expect(only.findings.map((f) => `${f.code}:${f.severity}`)).toEqual(['WATCH_CREDENTIAL_EXPIRED:error']);
    expect(dueNotifications(only, []).map((n) => n.key)).toEqual(['secret:k0:0']);
    expect(expiresWithin(only, 0)).toBe(true);
    const beside = watchConnection(profile([-10, 400]), NOW);
    expect(beside.health).toBe('warning');
    expect(beside.events.find((e) => e.key === 'k0')?.superseded).toBe(true);
    expect(dueNotifications(beside, [])).toEqual([]);
    expect(expiresWithin(beside, 30)).toBe(false);
    expect(watchConnection(profile([400]), NOW).health).toBe('ok');
  });

  it('a certificate: named by its Certificate ID, AADSTS700027 when expired, replaced by uploading one', () => {
    const cert = (d: number): WatchedProfile => ({
      id: 'p3',
      name: 'Job',
      config,
      watch: {
        audit: {
          auditedAt: NOW.toISOString(),
          credentials: [{ kind: 'certificate', keyId: 'c1', description: 'CN=job', endsAt: inDays(d) }],
        },
      },
    });
    const soon = watchConnection(cert(6), NOW);
    expect(soon.events[0]?.label).toBe('Certificate “CN=job” (Certificate ID c1)');
    expect(soon.findings[0]?.nextStep).toContain('Upload a new certificate now');
    const over = watchConnection(cert(-2), NOW);
    expect(over.findings.map((f) => `${f.code}:${f.severity}`)).toEqual(['WATCH_CREDENTIAL_EXPIRED:error']);
    expect(over.findings[0]?.message).toContain('AADSTS700027');
    expect(over.findings[0]?.nextStep).not.toContain('client secret');
  });

  it('a handed-over refresh token: 90 days from issue, warned before, dead after', () => {
    const issued = (daysAgo: number) => new Date(NOW.getTime() - daysAgo * 86_400_000).toISOString();
    const aging = watchConnection(profile([400], { refreshTokenIssuedAt: issued(85) }), NOW);
    expect(aging.events[0]).toMatchObject({ kind: 'refresh-token', daysLeft: 5, step: 7 });
    expect(aging.findings.map((f) => f.code)).toEqual(['WATCH_REFRESH_TOKEN_AGING']);
    expect(dueNotifications(aging, [])[0]?.body).toContain('Unless the product used it since');
    const dead = watchConnection(profile([400], { refreshTokenIssuedAt: issued(91) }), NOW);
    expect(dead.health).toBe('expired');
    expect(dead.findings[0]?.message).toContain('AADSTS700082');
  });

  it('a profile never audited is "unknown" with a note that says how to audit it', () => {
    const c = watchConnection({ id: 'p2', name: 'New', config }, NOW);
    expect(c.health).toBe('unknown');
    expect(c.findings.map((f) => `${f.code}:${f.severity}`)).toEqual(['WATCH_NOT_AUDITED:info']);
    expect(expiresWithin(c, 30)).toBe(false);
  });
});
