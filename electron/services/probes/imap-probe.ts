// IMAP probe with imapflow: TLS 993, AUTHENTICATE XOAUTH2 with user= the mailbox, EXAMINE INBOX (read-only:
// mailboxOpen with readOnly), message count, LOGOUT. Nothing is fetched, flagged or written.
// imapflow's connect() runs TCP, TLS, greeting, CAPABILITY and AUTHENTICATE in one call, so phase boundaries
// come from its socket's own events (`connect`, `secureConnect`), and the server's words from its logger.
// Note: imapflow prefers OAUTHBEARER when a server advertises it; Exchange Online advertises only XOAUTH2.
import { ImapFlow } from 'imapflow';
import { failureFromSocketError, type ProbeFailure, type ProbeObservation } from './classify-answer';
import { endpointLabel } from './endpoint';
import { PhaseWatch, ProbeStopped } from './phase-watch';
import type { ProbeContext } from './probe-context';

interface ImapError {
  code?: string;
  message?: string;
  authenticationFailed?: boolean;
  response?: unknown;
  responseText?: string;
  serverResponseCode?: string;
}

/** imapflow logs server lines as {src:'s', msg}; keep the last few, never the client's (they hold the token). */
function captureLogger(words: string[]) {
  const take = (entry: unknown): void => {
    if (typeof entry !== 'object' || entry === null) return;
    const { src, msg } = entry as { src?: unknown; msg?: unknown };
    if (src === 's' && typeof msg === 'string') {
      words.push(msg.slice(0, 1000));
      if (words.length > 40) words.shift();
    }
  };
  return { debug: take, info: take, warn: take, error: take, trace: take, fatal: take };
}

export async function probeImap(ctx: ProbeContext): Promise<ProbeObservation> {
  const watch = new PhaseWatch(ctx.phaseTimeoutMs, ctx.signal);
  const words: string[] = [];
  const endpoint = endpointLabel(ctx.endpoint);
  // imapflow's own timers are set above our per-phase bound so ours fire first and name the phase.
  const libraryBound = ctx.phaseTimeoutMs * 4;
  const client = new ImapFlow({
    host: ctx.endpoint.host,
    port: ctx.endpoint.port,
    secure: true,
    ...(ctx.endpoint.servername === undefined ? {} : { servername: ctx.endpoint.servername }),
    auth: { user: ctx.mailbox, accessToken: ctx.accessToken },
    // imapflow hands `tls` to tls.connect, which also takes the net-level localAddress.
    tls: {
      ...(ctx.endpoint.secureContext === undefined ? {} : { secureContext: ctx.endpoint.secureContext }),
      ...(ctx.endpoint.localAddress === undefined ? {} : { localAddress: ctx.endpoint.localAddress }),
    },
    logger: captureLogger(words) as never,
    // imapflow opens its own CONNECT tunnel through an http:// proxy (Settings > Network).
    ...(ctx.proxyUrl === undefined ? {} : { proxy: ctx.proxyUrl }),
    connectionTimeout: libraryBound,
    greetingTimeout: libraryBound,
    socketTimeout: libraryBound,
    disableAutoIdle: true,
    disableAutoEnable: true,
    qresync: false,
  });
  let libraryError: unknown;
  client.on('error', (e: unknown) => {
    libraryError ??= e;
  });
  watch.onStop(() => client.close());
  try {
    watch.begin('connect');
    const connecting = client.connect();
    // connect() creates the socket synchronously; watch it to split TCP, TLS and authentication.
    const socket = (client as unknown as { socket?: NodeJS.EventEmitter }).socket;
    socket?.once('connect', () => {
      if (watch.phase === 'connect') watch.begin('tls');
    });
    socket?.once('secureConnect', () => {
      if (watch.phase === 'connect') watch.begin('tls');
      if (watch.phase === 'tls') watch.begin('auth');
    });
    await watch.guard(connecting);
    watch.check();

    watch.begin('firstCommand');
    const mailbox = await watch.guard(client.mailboxOpen('INBOX', { readOnly: true }));
    watch.endPhase();
    const count = mailbox.exists;
    await Promise.race([
      client.logout().catch(() => undefined),
      new Promise((r) => setTimeout(r, Math.min(1000, ctx.phaseTimeoutMs)).unref()),
    ]);
    return {
      protocol: 'imap',
      endpoint,
      serverWords: words,
      timings: watch.timings(),
      detail: `${count} message${count === 1 ? '' : 's'} in INBOX`,
    };
  } catch (e) {
    const failure =
      watch.stopped ??
      (e instanceof ProbeStopped ? e.failure : imapFailure(watch.phase ?? 'connect', (e ?? libraryError) as ImapError));
    return { protocol: 'imap', endpoint, serverWords: words, timings: watch.timings(), failure };
  } finally {
    watch.dispose();
    client.close();
  }
}

function imapFailure(phase: NonNullable<PhaseWatch['phase']>, e: ImapError): ProbeFailure {
  const text = typeof e.response === 'string' ? e.response : (e.responseText ?? undefined);
  if (e.authenticationFailed || text !== undefined) {
    const code = e.serverResponseCode === undefined ? '' : `[${e.serverResponseCode}] `;
    return {
      kind: 'answer',
      phase: e.authenticationFailed ? 'auth' : phase,
      text: `${code}${text ?? e.message ?? 'refused'}`,
    };
  }
  // A BYE or a close during the greeting or login is the server refusing, not the network failing.
  if (
    phase === 'auth' &&
    (e.code === 'NoConnection' || e.code === 'ClosedAfterConnectTLS' || /closed|BYE/i.test(e.message ?? ''))
  ) {
    return { kind: 'answer', phase, text: e.message ?? 'the server closed the connection' };
  }
  if (e.code === 'GREETING_TIMEOUT' || e.code === 'CONNECT_TIMEOUT' || e.code === 'ETIMEOUT') {
    return { kind: 'timeout', phase, boundMs: 0 };
  }
  return failureFromSocketError(phase, e);
}
