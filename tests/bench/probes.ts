// Owns benchmark 4: the IMAP, POP, SMTP and Graph probes (runProbes, as the app calls them) against a local
// Dovecot (IMAPS, POP3S, submission with STARTTLS), the smtp-server double and the emulator's Graph, all
// validating the token through the emulator. Median per protocol and per phase, protocols interleaved run by
// run; and (issue 22) each probe end to end against the bare client library doing the same login on the same
// server (bare-clients.ts), app and bare alternating call by call, as a ratio of medians.
import { runProbes } from '../../electron/services/probes/run-probes';
import type { ProbePhase, ProbeProtocol, ProbeResult } from '../../shared/probes/schema';
import { GRAPH, type Emulator } from '../emulator';
import { bareGraph, bareImap, barePop, bareSmtp, type BareTarget } from './bare-clients';
import { dovecotUnavailable, startDovecot, type DovecotServer } from '../support/dovecot';
import { startSmtpForEmulator, type SmtpTestServer } from '../support/smtp-server';
import { row, single, type Row, type SectionResult } from './report';
import { nowMs, summarize } from './stats';

const RUNS = 15;
const PHASES: readonly (ProbePhase | 'total')[] = ['connect', 'tls', 'auth', 'firstCommand', 'total'];

interface Target {
  readonly label: string;
  readonly protocol: Extract<ProbeProtocol, 'imap' | 'pop' | 'smtp' | 'graph'>;
  readonly port: number;
  readonly caPem: string;
  readonly token: string;
  /** The bare client library doing the same exchange (issue 22's baseline). */
  readonly bare: (t: BareTarget) => Promise<void>;
  readonly bareLabel: string;
  /** Why neither side can log in here, when that is the server's limit rather than the app's. */
  readonly limit?: string;
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
    smtp = await startSmtpForEmulator(emulator);
    const outlook = await emulator.mintUserAccessToken(upn, {
      scopes: ['IMAP.AccessAsUser.All', 'POP.AccessAsUser.All', 'SMTP.Send'],
    });
    const graph = await emulator.mintUserAccessToken(upn, { resource: GRAPH, scopes: ['Mail.Read', 'User.Read'] });
    const targets: Target[] = [
      {
        label: 'IMAP (Dovecot IMAPS)',
        protocol: 'imap',
        port: dovecot.imapsPort,
        caPem: dovecot.caPem,
        token: outlook,
        bare: bareImap,
        bareLabel: 'imapflow: connect, EXAMINE INBOX, LOGOUT',
      },
      {
        label: 'POP (Dovecot POP3S)',
        protocol: 'pop',
        port: dovecot.pop3sPort,
        caPem: dovecot.caPem,
        token: outlook,
        bare: barePop,
        bareLabel: 'raw TLS: AUTH XOAUTH2, STAT, QUIT',
      },
      {
        label: 'SMTP (Dovecot submission, STARTTLS)',
        protocol: 'smtp',
        port: dovecot.submissionPort,
        caPem: dovecot.caPem,
        token: outlook,
        bare: bareSmtp,
        bareLabel: 'nodemailer SMTPConnection: STARTTLS, AUTH XOAUTH2, QUIT',
        // Dovecot's submission service holds an AUTH command's initial response to its SMTP line limit (about
        // 1 KB, not configurable) and nodemailer always sends XOAUTH2's inline; a ~1.4 KB access token cannot fit.
        // Exchange Online takes the inline form, so SMTP is timed against smtp-server (next target) instead.
        limit:
          'Dovecot submission answers "500 5.5.2 Line too long" to an inline AUTH XOAUTH2 over ~1 KB (its fixed SMTP line limit), for the app and bare nodemailer alike; SMTP is timed against smtp-server below',
      },
      {
        label: 'SMTP (smtp-server, STARTTLS)',
        protocol: 'smtp',
        port: smtp.port,
        caPem: emulator.caPem,
        token: outlook,
        bare: bareSmtp,
        bareLabel: 'nodemailer SMTPConnection: STARTTLS, AUTH XOAUTH2, QUIT',
      },
      {
        label: 'Graph (emulator, HTTPS)',
        protocol: 'graph',
        port: emulator.port,
        caPem: emulator.caPem,
        token: graph,
        bare: bareGraph,
        bareLabel: 'node:https GET of the inbox folder',
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
    const bareOf = (t: Target): BareTarget => ({ port: t.port, caPem: t.caPem, user: upn, token: t.token });
    const bareFailures = new Map<string, string[]>(targets.map((t) => [t.label, []]));
    const runBare = async (t: Target): Promise<boolean> => {
      try {
        await t.bare(bareOf(t));
        return true;
      } catch (e) {
        // Reported, not timed: a refusal ends early and would look fast (as for the app's probes).
        bareFailures.get(t.label)?.push(e instanceof Error ? (e.message.split('\n')[0] ?? e.message) : String(e));
        return false;
      }
    };
    for (const t of targets) {
      await probe(t);
      await runBare(t);
    }
    const results = new Map<string, ProbeResult[]>(targets.map((t) => [t.label, []]));
    const appMs = new Map<string, number[]>(targets.map((t) => [t.label, []]));
    const bareMs = new Map<string, number[]>(targets.map((t) => [t.label, []]));
    for (let i = 0; i < RUNS; i++) {
      for (const t of i % 2 === 0 ? targets : [...targets].reverse()) {
        // App and bare alternate which goes first, so neither always meets a server just woken by the other.
        const app = async (): Promise<void> => {
          const a = nowMs();
          const r = await probe(t);
          if (r.outcome === 'ok') appMs.get(t.label)?.push(nowMs() - a);
          results.get(t.label)?.push(r);
        };
        const bare = async (): Promise<void> => {
          const a = nowMs();
          if (await runBare(t)) bareMs.get(t.label)?.push(nowMs() - a);
        };
        if (i % 2 === 0) {
          await app();
          await bare();
        } else {
          await bare();
          await app();
        }
      }
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
    for (const t of targets) {
      const failed = bareFailures.get(t.label) ?? [];
      if (failed.length > 0)
        notes.push(`${t.label}: bare ${failed.length} runs failed, not timed (${[...new Set(failed)].join('; ')})`);
      const a = summarize(appMs.get(t.label) ?? []);
      const b = summarize(bareMs.get(t.label) ?? []);
      rows.push(row(`${t.label}: app probe end to end (runProbes)`, 'ms', a));
      rows.push(row(`${t.label}: bare ${t.bareLabel}`, 'ms', b));
      // Judged only when both sides logged in: a server that refuses both (see the notes) measures nothing.
      const measured = a.n > 0 && b.n > 0;
      rows.push(
        single(`${t.label}: ratio app probe / bare client, medians`, 'x', a.median / b.median, {
          ...(measured
            ? { target: { max: 1.2, text: '≤ 1.2×' } }
            : { note: `not measured: ${t.limit ?? 'neither side logged in on this server (see the notes)'}` }),
        }),
      );
    }
    notes.push(
      `${RUNS} probes per target after one unmeasured warm-up each; targets interleaved, order alternating per round; app and bare alternate within each target.`,
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
