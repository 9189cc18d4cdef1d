// IMAP and POP probes against a real Dovecot on loopback whose oauth2 passdb validates tokens through the
// Entra ID emulator's /introspect (username_attribute = upn, so the token's identity must equal user=).
// Each probe connects from its own loopback source address: Dovecot's per-IP auth penalty would otherwise
// slow the next test after a deliberate failure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProbes } from '../../../electron/services/probes/run-probes';
import type { ProbeProtocol } from '../../../shared/probes/schema';
import { startEmulator, type Emulator } from '../../emulator/index';
import { dovecotUnavailable, loopbackSource, startDovecot, type DovecotServer } from '../../support/dovecot';

const SERVICEDESK = 'servicedesk@contoso.test';
const ADELE = 'adele@contoso.test';
const BOUND = 2000;
const unavailable = dovecotUnavailable();
if (unavailable !== undefined) console.warn(`probes-dovecot: skipped, ${unavailable}`);

describe.skipIf(unavailable !== undefined)('IMAP and POP probes against Dovecot + emulator introspection', () => {
  let emulator: Emulator;
  let dovecot: DovecotServer;

  beforeAll(async () => {
    emulator = await startEmulator();
    dovecot = await startDovecot(emulator);
  });
  afterAll(async () => {
    await dovecot?.stop();
    await emulator?.stop();
  });

  const probe = (protocol: Extract<ProbeProtocol, 'imap' | 'pop'>, token: string, mailbox = SERVICEDESK) =>
    runProbes({
      accessToken: token,
      mailbox,
      protocols: [protocol],
      phaseTimeoutMs: BOUND,
      overrides: {
        [protocol]: {
          host: '127.0.0.1',
          port: protocol === 'imap' ? dovecot.imapsPort : dovecot.pop3sPort,
          caPem: dovecot.caPem,
          localAddress: loopbackSource(),
        },
      },
    }).then((r) => r.results[0]!);

  it("IMAP: servicedesk's token → ok with the seeded message count, EXAMINE read-only", async () => {
    const r = await probe('imap', await emulator.mintUserAccessToken(SERVICEDESK));
    expect(r.outcome, `${r.explanation} ${r.serverWords.join(' | ')}`).toBe('ok');
    expect(r.detail).toBe('3 messages in INBOX');
    expect(r.serverWords.some((w) => /READ-ONLY/i.test(w))).toBe(true);
    for (const phase of ['connect', 'tls', 'auth', 'firstCommand'] as const)
      expect(r.timings[phase], phase).toBeGreaterThanOrEqual(0);
  });

  it("POP: servicedesk's token → ok with the STAT count", async () => {
    const r = await probe('pop', await emulator.mintUserAccessToken(SERVICEDESK, { scopes: ['POP.AccessAsUser.All'] }));
    expect(r.outcome, `${r.explanation} ${r.serverWords.join(' | ')}`).toBe('ok');
    expect(r.detail).toMatch(/^3 messages in the mailbox/);
  });

  it('probing twice changes nothing in the mailbox (still 3, nothing marked seen or deleted)', async () => {
    const token = await emulator.mintUserAccessToken(SERVICEDESK);
    await probe('pop', token);
    const again = await probe('imap', token);
    expect(again.detail).toBe('3 messages in INBOX');
  });

  for (const protocol of ['imap', 'pop'] as const) {
    it(`${protocol.toUpperCase()}: adele's token with user=servicedesk → auth-failed, mismatch explained`, async () => {
      const r = await probe(protocol, await emulator.mintUserAccessToken(ADELE));
      expect(r.outcome, r.serverWords.join(' | ')).toBe('auth-failed');
      expect(r.failedPhase).toBe('auth');
      expect(r.explanation).toMatch(/token belongs to adele@contoso\.test, but user= names servicedesk@contoso\.test/);
    });

    it(`${protocol.toUpperCase()}: an expired token → auth-failed explained as expiry`, async () => {
      const r = await probe(protocol, await emulator.mintUserAccessToken(SERVICEDESK, { lifetimeSec: -300 }));
      expect(r.outcome).toBe('auth-failed');
      expect(r.explanation).toMatch(/token expired at/);
    });

    it(`${protocol.toUpperCase()}: without the emulator CA → tls`, async () => {
      const r = (
        await runProbes({
          accessToken: await emulator.mintUserAccessToken(SERVICEDESK),
          mailbox: SERVICEDESK,
          protocols: [protocol],
          phaseTimeoutMs: BOUND,
          overrides: {
            [protocol]: { host: '127.0.0.1', port: protocol === 'imap' ? dovecot.imapsPort : dovecot.pop3sPort },
          },
        })
      ).results[0]!;
      expect(r).toMatchObject({ outcome: 'tls', failedPhase: 'tls' });
    });
  }

  it('a stopped Dovecot → network for both', async () => {
    const ports = { imap: dovecot.imapsPort, pop: dovecot.pop3sPort };
    await dovecot.stop();
    const run = await runProbes({
      accessToken: await emulator.mintUserAccessToken(SERVICEDESK),
      mailbox: SERVICEDESK,
      protocols: ['imap', 'pop'],
      phaseTimeoutMs: BOUND,
      overrides: {
        imap: { host: '127.0.0.1', port: ports.imap, caPem: emulator.caPem },
        pop: { host: '127.0.0.1', port: ports.pop, caPem: emulator.caPem },
      },
    });
    for (const r of run.results) expect(r, r.protocol).toMatchObject({ outcome: 'network', failedPhase: 'connect' });
  });
});
