// SMTP probe: 587 STARTTLS, EHLO, AUTH XOAUTH2, QUIT — never MAIL FROM, never DATA, so nothing is ever sent.
// Uses nodemailer's SMTPConnection, the class its transport's verify() runs: verify() reports only the end
// result of connect + STARTTLS + AUTH in one callback, while the connection lets us time each step and keep
// the server's exact reply (535 5.7.3 vs 5.7.139). We open the TCP socket ourselves (nodemailer's
// `connection` option) so the connect phase is measured and bounded apart from the TLS upgrade.
import type { Socket } from 'node:net';
import SMTPConnection from 'nodemailer/lib/smtp-connection/index.js';
import XOAuth2 from 'nodemailer/lib/xoauth2/index.js';
import { failureFromSocketError, type ProbeFailure, type ProbeObservation } from './classify-answer';
import { openTcp } from '../net/proxy-tunnel';
import { endpointLabel } from './endpoint';
import { PhaseWatch, ProbeStopped } from './phase-watch';
import type { ProbeContext } from './probe-context';

interface SmtpError {
  code?: string;
  message?: string;
  response?: string;
  responseCode?: number;
  command?: string;
}

/** nodemailer logs each server reply as debug({tnx:'server'}, text) when `debug` is on; keep those lines only. */
function captureLogger(words: string[]) {
  const take = (entry: unknown, message: unknown): void => {
    if (
      typeof entry === 'object' &&
      entry !== null &&
      (entry as { tnx?: unknown }).tnx === 'server' &&
      typeof message === 'string'
    ) {
      for (const line of message.split(/\r?\n/)) if (line) words.push(line.slice(0, 1000));
      while (words.length > 40) words.shift();
    }
  };
  const noop = (): void => undefined;
  return { level: noop, trace: take, debug: take, info: take, warn: take, error: take, fatal: take };
}

export async function probeSmtp(ctx: ProbeContext): Promise<ProbeObservation> {
  const watch = new PhaseWatch(ctx.phaseTimeoutMs, ctx.signal);
  const words: string[] = [];
  const endpoint = endpointLabel(ctx.endpoint);
  let raw: Socket | undefined;
  let smtp: SMTPConnection | undefined;
  watch.onStop(() => {
    smtp?.close();
    raw?.destroy();
  });
  try {
    watch.begin('connect');
    const opening = openTcp(ctx.endpoint, ctx.proxyUrl);
    raw = opening.socket;
    await watch.guard(opening.ready);

    // "tls" covers greeting, EHLO, STARTTLS and the second EHLO: nodemailer runs them as one handshake.
    watch.begin('tls');
    const libraryBound = ctx.phaseTimeoutMs * 4;
    const conn = new SMTPConnection({
      connection: raw,
      host: ctx.endpoint.host,
      port: ctx.endpoint.port,
      secure: false,
      requireTLS: true,
      name: 'mailbox-auth-helper.invalid',
      tls: {
        ...(ctx.endpoint.servername === undefined ? {} : { servername: ctx.endpoint.servername }),
        ...(ctx.endpoint.secureContext === undefined ? {} : { secureContext: ctx.endpoint.secureContext }),
      },
      connectionTimeout: libraryBound,
      greetingTimeout: libraryBound,
      socketTimeout: libraryBound,
      logger: captureLogger(words) as never,
      debug: true,
    });
    smtp = conn;
    let late: unknown;
    conn.on('error', (e: unknown) => {
      late ??= e;
    });
    await watch.guard(
      new Promise<void>((resolve, reject) => {
        conn.once('error', reject);
        conn.once('end', () =>
          reject(Object.assign(new Error('The server closed the connection.'), { code: 'ECONNRESET' })),
        );
        conn.connect(() => {
          conn.off('error', reject);
          resolve();
        });
      }),
    );
    watch.check();
    if (!conn.secure) throw Object.assign(new Error('The server did not upgrade to TLS.'), { code: 'ETLS' });

    watch.begin('auth');
    const oauth2 = new XOAuth2({ user: ctx.mailbox, accessToken: ctx.accessToken });
    await watch.guard(
      new Promise<void>((resolve, reject) => {
        conn.once('error', reject);
        conn.once('end', () =>
          reject(Object.assign(new Error('The server closed the connection.'), { code: 'ECONNRESET' })),
        );
        conn.login({ user: ctx.mailbox, method: 'XOAUTH2', oauth2 } as never, (err) => {
          conn.off('error', reject);
          if (err) reject(err);
          else resolve();
        });
      }),
    );
    watch.endPhase();
    if (late !== undefined) throw late;
    conn.quit();
    return {
      protocol: 'smtp',
      endpoint,
      serverWords: words,
      timings: watch.timings(),
      detail: 'AUTH XOAUTH2 accepted; no mail sent',
    };
  } catch (e) {
    const failure =
      watch.stopped ?? (e instanceof ProbeStopped ? e.failure : smtpFailure(watch.phase ?? 'connect', e as SmtpError));
    return { protocol: 'smtp', endpoint, serverWords: words, timings: watch.timings(), failure };
  } finally {
    watch.dispose();
    smtp?.close();
    raw?.destroy();
  }
}

function smtpFailure(phase: NonNullable<PhaseWatch['phase']>, e: SmtpError): ProbeFailure {
  if (typeof e.response === 'string' && e.response.length > 0) {
    return {
      kind: 'answer',
      phase: e.code === 'EAUTH' ? 'auth' : phase,
      text: e.response,
      ...(e.responseCode === undefined ? {} : { status: e.responseCode }),
    };
  }
  if (e.code === 'EAUTH') {
    // nodemailer refused before asking the server (no AUTH XOAUTH2 in EHLO): the server does not offer it.
    return {
      kind: 'answer',
      phase: 'auth',
      text: `${e.message ?? 'authentication not offered'} (the server does not offer XOAUTH2)`,
    };
  }
  if (e.code === 'ETLS') return { kind: 'tls', phase: 'tls', code: 'ETLS', message: e.message ?? 'STARTTLS failed' };
  if (e.code === 'ETIMEDOUT') return { kind: 'timeout', phase, boundMs: 0 };
  return failureFromSocketError(phase, e);
}
