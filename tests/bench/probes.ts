// Owns benchmark 4: the IMAP, POP and SMTP probes (runProbes, as the app calls them) against a local
// Dovecot (IMAPS, POP3S, submission with STARTTLS) and the smtp-server double, all validating XOAUTH2 through
// the emulator's /introspect. Median per protocol and per phase, protocols interleaved run by run.
import { runProbes } from '../../electron/services/probes/run-probes';
import type { ProbePhase, ProbeProtocol, ProbeResult } from '../../shared/probes/schema';
import type { Emulator } from '../emulator';
import { dovecotUnavailable, startDovecot, type DovecotServer } from '../support/dovecot';
import { startSmtpTestServer, type SmtpTestServer } from '../support/smtp-server';
import { row, type Row, type SectionResult } from './report';
import { nowMs, summarize } from './stats';

const RUNS = 15;
const PHASES: readonly (ProbePhase | 'total')[] = ['connect', 'tls', 'auth', 'firstCommand', 'total'];

interface Target {
  readonly label: string;
  readonly protocol: Extract<ProbeProtocol, 'imap' | 'pop' | 'smtp'>;
  readonly port: number;
  readonly caPem: string;
  readonly token: string;
}

export async function benchProbes(emulator: Emulator): Promise<SectionResult> {
  const t0 = nowMs();
  const title = '4. Probes against local Dovecot / smtp-server (per protocol, per phase)';
  const unavailable = dovecotUnavailable();
  if (unavailable !== undefined)
    return { id: 'probes', title, skipped: `Dovecot cannot run here: ${unavailable}`, rows: [] };
  const upn = emulator.directory.users.servicedesk.upn;
  let dovecot: DovecotServer | undefined;
  let smtp: SmtpTestServer | undefined;
  try {
    dovecot = await startDovecot(emulator);
    const cert = await emulator.issueCertificate({ dns: ['localhost'], ip: ['127.0.0.1'] });
    smtp = await startSmtpTestServer({
      cert: cert.certPem,
      key: cert.keyPem,
      introspectionUrl: emulator.introspectionUrl,
      introspectionCa: emulator.caPem,
    });
    const outlook = await emulator.mintUserAccessToken(upn, {
      scopes: ['IMAP.AccessAsUser.All', 'POP.AccessAsUser.All', 'SMTP.Send'],
    });
    const targets: Target[] = [
      {
        label: 'IMAP (Dovecot IMAPS)',
        protocol: 'imap',
        port: dovecot.imapsPort,
        caPem: dovecot.caPem,
        token: outlook,
      },
      { label: 'POP (Dovecot POP3S)', protocol: 'pop', port: dovecot.pop3sPort, caPem: dovecot.caPem, token: outlook },
      {
        label: 'SMTP (Dovecot submission, STARTTLS)',
        protocol: 'smtp',
        port: dovecot.submissionPort,
        caPem: dovecot.caPem,
        token: outlook,
      },
      {
        label: 'SMTP (smtp-server, STARTTLS)',
        protocol: 'smtp',
        port: smtp.port,
        caPem: emulator.caPem,
        token: outlook,
      },
    ];
    const probe = (t: Target): Promise<ProbeResult> =>
      runProbes({
        accessToken: t.token,
        mailbox: upn,
        protocols: [t.protocol],
        phaseTimeoutMs: 5_000,
        overrides: { [t.protocol]: { host: '127.0.0.1', port: t.port, caPem: t.caPem } },
      }).then((r) => {
        const first = r.results[0];
        if (!first) throw new Error('runProbes returned no result');
        return first;
      });
    // One unmeasured probe each: the first login makes Dovecot spawn its auth and login processes.
    for (const t of targets) await probe(t);
    const results = new Map<string, ProbeResult[]>(targets.map((t) => [t.label, []]));
    for (let i = 0; i < RUNS; i++) {
      for (const t of i % 2 === 0 ? targets : [...targets].reverse()) results.get(t.label)?.push(await probe(t));
    }
    const rows: Row[] = [];
    const samples: Record<string, number[]> = {};
    const notes: string[] = [];
    for (const t of targets) {
      const all = results.get(t.label) ?? [];
      const bad = all.filter((r) => r.outcome !== 'ok');
      // Only successful probes are timed: a refusal ends early and would look fast.
      const rs = all.filter((r) => r.outcome === 'ok');
      if (bad.length > 0)
        notes.push(
          `${t.label}: ${bad.length}/${all.length} runs not ok, not timed (${bad[0]?.outcome}: ${bad[0]?.explanation ?? ''} Last server words: ${bad[0]?.serverWords.at(-1) ?? '–'})`,
        );
      for (const phase of PHASES) {
        const xs = rs.map((r) => r.timings[phase]).filter((x): x is number => typeof x === 'number');
        if (xs.length === 0) continue;
        samples[`${t.label} ${phase} ms`] = xs;
        rows.push(row(`${t.label}: ${phase === 'firstCommand' ? 'first command' : phase}`, 'ms', summarize(xs)));
      }
    }
    notes.push(
      `${RUNS} probes per target after one unmeasured warm-up each; targets interleaved, order alternating per round.`,
    );
    notes.push(
      'auth includes the server asking the emulator’s /introspect over HTTPS (Dovecot oauth2 passdb / smtp-server hook).',
    );
    return { id: 'probes', title, rows, samples, notes, durationMs: nowMs() - t0 };
  } finally {
    await smtp?.stop();
    await dovecot?.stop();
  }
}
