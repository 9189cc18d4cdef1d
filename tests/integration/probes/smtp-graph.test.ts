// SMTP and Graph probes against real servers on loopback: the smtp-server test double validating XOAUTH2
// through the Entra ID emulator's /introspect (STARTTLS with a certificate from the emulator CA), and the
// emulator's own Graph surface. Plus the transport failures every protocol must name: a closed port, a
// listener that never answers (bounded timeout), an untrusted certificate, and cancellation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProbes } from '../../../electron/services/probes/run-probes';
import type { ProbeProtocol } from '../../../shared/probes/schema';
import { GRAPH, startEmulator, type Emulator } from '../../emulator/index';
import { closedLoopbackPort, startSilentListener, type SilentListener } from '../../support/loopback-ports';
import { startSmtpForEmulator, type SmtpTestServer } from '../../support/smtp-server';

const SERVICEDESK = 'servicedesk@contoso.test';
const ADELE = 'adele@contoso.test';
const BOUND = 1500;

let emulator: Emulator;
let smtp: SmtpTestServer;
let silent: SilentListener;
let closedPort: number;

beforeAll(async () => {
  emulator = await startEmulator();
  smtp = await startSmtpForEmulator(emulator);
  // Accepts and then says nothing, like a firewall that black-holes after the handshake.
  silent = await startSilentListener();
  // A port that was just free and is now closed: a "stopped server".
  closedPort = await closedLoopbackPort();
});

afterAll(async () => {
  await silent?.stop();
  await smtp?.stop();
  await emulator?.stop();
});

const smtpAt = (token: string, mailbox = SERVICEDESK) =>
  runProbes({
    accessToken: token,
    mailbox,
    protocols: ['smtp'],
    cloud: 'global',
    phaseTimeoutMs: BOUND,
    overrides: { smtp: { host: '127.0.0.1', port: smtp.port, caPem: emulator.caPem } },
  });

describe('SMTP probe against smtp-server + emulator introspection (STARTTLS, emulator CA)', () => {
  it("servicedesk's token → ok, with STARTTLS and AUTH timed, and nothing sent", async () => {
    const token = await emulator.mintUserAccessToken(SERVICEDESK, { scopes: ['SMTP.Send'] });
    const run = await smtpAt(token);
    const r = run.results[0]!;
    expect(r).toMatchObject({ protocol: 'smtp', outcome: 'ok', endpoint: `127.0.0.1:${smtp.port}` });
    expect(r.timings.connect).toBeGreaterThanOrEqual(0);
    expect(r.timings.tls).toBeGreaterThan(0);
    expect(r.timings.auth).toBeGreaterThan(0);
    expect(r.serverWords.some((w) => /^235\b/.test(w))).toBe(true);
    expect(r.serverWords.join('\n')).toMatch(/STARTTLS/);
    expect(smtp.authLog.at(-1)).toEqual({ user: SERVICEDESK, accepted: true, reason: 'ok' });
    expect(run.token.identity).toBe(SERVICEDESK);
  });

  it("adele's token with user=servicedesk → auth-failed, mismatch explained first", async () => {
    const token = await emulator.mintUserAccessToken(ADELE, { scopes: ['SMTP.Send'] });
    const r = (await smtpAt(token)).results[0]!;
    expect(r.outcome).toBe('auth-failed');
    expect(r.failedPhase).toBe('auth');
    expect(r.explanation).toMatch(/token belongs to adele@contoso\.test, but user= names servicedesk@contoso\.test/);
    expect(r.serverWords.some((w) => w.startsWith('535 5.7.3'))).toBe(true);
  });

  it('an expired token → auth-failed explained as expiry', async () => {
    const token = await emulator.mintUserAccessToken(SERVICEDESK, { scopes: ['SMTP.Send'], lifetimeSec: -120 });
    const r = (await smtpAt(token)).results[0]!;
    expect(r.outcome).toBe('auth-failed');
    expect(r.explanation).toMatch(/token expired at/);
    expect(smtp.authLog.at(-1)?.reason).toBe('inactive');
  });

  it('535 5.7.139 → protocol-disabled with the Set-CASMailbox fix', async () => {
    smtp.setMode('smtp-auth-disabled');
    try {
      const token = await emulator.mintUserAccessToken(SERVICEDESK, { scopes: ['SMTP.Send'] });
      const r = (await smtpAt(token)).results[0]!;
      expect(r.outcome).toBe('protocol-disabled');
      expect(r.nextStep).toMatch(/SmtpClientAuthenticationDisabled \$false/);
      expect(r.serverWords.some((w) => w.startsWith('535 5.7.139'))).toBe(true);
    } finally {
      smtp.setMode('ok');
    }
  });

  it('without the emulator CA the STARTTLS upgrade fails as tls', async () => {
    const token = await emulator.mintUserAccessToken(SERVICEDESK, { scopes: ['SMTP.Send'] });
    const run = await runProbes({
      accessToken: token,
      mailbox: SERVICEDESK,
      protocols: ['smtp'],
      phaseTimeoutMs: BOUND,
      overrides: { smtp: { host: '127.0.0.1', port: smtp.port } },
    });
    expect(run.results[0]).toMatchObject({ outcome: 'tls', failedPhase: 'tls' });
  });
});

describe('Graph probe against the emulator', () => {
  const graphAt = (token: string, mailbox: string) =>
    runProbes({
      accessToken: token,
      mailbox,
      protocols: ['graph'],
      phaseTimeoutMs: BOUND * 2,
      overrides: { graph: { host: '127.0.0.1', port: emulator.port, caPem: emulator.caPem } },
    });

  it('200 → ok with the Inbox count', async () => {
    const token = await emulator.mintUserAccessToken(SERVICEDESK, { resource: GRAPH, scopes: ['Mail.Read'] });
    const r = (await graphAt(token, SERVICEDESK)).results[0]!;
    expect(r).toMatchObject({ outcome: 'ok', detail: '3 items in Inbox' });
    expect(r.timings.tls).toBeGreaterThan(0);
    expect(r.timings.firstCommand).toBeGreaterThan(0);
  });

  it('403 ErrorAccessDenied → not-authorized-for-mailbox, naming the identity mismatch', async () => {
    const token = await emulator.mintUserAccessToken(ADELE, { resource: GRAPH, scopes: ['Mail.Read'] });
    const r = (await graphAt(token, SERVICEDESK)).results[0]!;
    expect(r.outcome).toBe('not-authorized-for-mailbox');
    expect(r.serverWords[0]).toMatch(/^HTTP 403 ErrorAccessDenied/);
    expect(r.explanation).toMatch(/belongs to adele@contoso\.test/);
  });

  it('404 for a mailbox Graph cannot see → not-authorized-for-mailbox', async () => {
    const token = await emulator.mintUserAccessToken(SERVICEDESK, { resource: GRAPH, scopes: ['Mail.Read'] });
    const r = (await graphAt(token, 'nobody@contoso.test')).results[0]!;
    expect(r.outcome).toBe('not-authorized-for-mailbox');
    expect(r.serverWords[0]).toMatch(/^HTTP 404/);
  });

  it('401 for an Outlook token → auth-failed, saying it is the wrong resource', async () => {
    const token = await emulator.mintUserAccessToken(SERVICEDESK, { scopes: ['IMAP.AccessAsUser.All'] });
    const r = (await graphAt(token, SERVICEDESK)).results[0]!;
    expect(r.outcome).toBe('auth-failed');
    expect(r.explanation).toMatch(/for Outlook/);
  });
});

describe('transport failures, every protocol', () => {
  const all: ProbeProtocol[] = ['imap', 'pop', 'smtp', 'graph'];
  const everywhere = (port: number) => Object.fromEntries(all.map((p) => [p, { host: '127.0.0.1', port }]));
  const token = () => emulator.mintUserAccessToken(SERVICEDESK);

  it('a stopped server (closed port) → network, in the connect phase', async () => {
    const run = await runProbes({
      accessToken: await token(),
      mailbox: SERVICEDESK,
      protocols: all,
      phaseTimeoutMs: BOUND,
      overrides: everywhere(closedPort),
    });
    for (const r of run.results) {
      expect(r, r.protocol).toMatchObject({ outcome: 'network', failedPhase: 'connect' });
      expect(r.explanation).toMatch(/ECONNREFUSED/);
    }
  });

  it('a server that never answers → timeout within the bound, all four concurrently', async () => {
    const started = performance.now();
    const run = await runProbes({
      accessToken: await token(),
      mailbox: SERVICEDESK,
      protocols: all,
      phaseTimeoutMs: BOUND,
      overrides: everywhere(silent.port),
    });
    const elapsed = performance.now() - started;
    for (const r of run.results) {
      expect(r.outcome, `${r.protocol}: ${r.explanation}`).toBe('timeout');
      // TLS protocols stall in the handshake; SMTP waits for its greeting inside the STARTTLS phase.
      expect(r.failedPhase, r.protocol).toBe('tls');
      expect(r.timings.total).toBeLessThan(BOUND + 1500);
    }
    // Concurrent: four stalled probes take about one bound, not four (generous margin for a busy machine).
    expect(elapsed).toBeLessThan(BOUND * 3);
  });

  it('an AbortSignal cancels a run in flight', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const run = await runProbes(
      {
        accessToken: await token(),
        mailbox: SERVICEDESK,
        protocols: ['imap', 'smtp'],
        phaseTimeoutMs: 10_000,
        overrides: everywhere(silent.port),
      },
      controller.signal,
    );
    for (const r of run.results) {
      expect(r.outcome).toBe('cancelled');
      expect(r.timings.total).toBeLessThan(5000);
    }
  });
});
