// POP probe: TLS 995, AUTH XOAUTH2, STAT, QUIT — reads the message count, never retrieves or deletes.
// Our own small client over node:tls. Candidates on npm: `node-pop3` (0.11, the only one still released),
// `poplib` and `yapople` (last releases years old). All are built around USER/PASS login; none documents
// AUTH XOAUTH2 with its "+" continuation, per-phase timing or access to each raw reply, which is what a probe
// needs to explain a refusal. The probe needs four commands, so a bounded line reader (line-reader.ts) and
// strict reply parsing are less risk than a dependency. (Checked from registry metadata, not their source.)
import type { Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { failureFromSocketError, type ProbeFailure, type ProbeObservation } from './classify-answer';
import { openTcp } from '../net/proxy-tunnel';
import { endpointLabel } from './endpoint';
import { LineReader } from './line-reader';
import { once, PhaseWatch, ProbeStopped } from './phase-watch';
import type { ProbeContext } from './probe-context';
import { decodeXoauth2Challenge, xoauth2InitialResponse } from './xoauth2';

const OK = /^\+OK(?:\s|$)/;
const ERR = /^-ERR(?:\s|$)/;
const STAT = /^\+OK (\d{1,9}) (\d{1,15})(?:\s|$)/;

class PopRefused extends Error {
  constructor(readonly failure: Extract<ProbeFailure, { kind: 'answer' }>) {
    super(failure.text);
  }
}

export async function probePop(ctx: ProbeContext): Promise<ProbeObservation> {
  const watch = new PhaseWatch(ctx.phaseTimeoutMs, ctx.signal);
  const words: string[] = [];
  const endpoint = endpointLabel(ctx.endpoint);
  let raw: Socket | undefined;
  let secure: TLSSocket | undefined;
  watch.onStop(() => {
    secure?.destroy();
    raw?.destroy();
  });
  try {
    const blob = xoauth2InitialResponse(ctx.mailbox, ctx.accessToken);
    watch.begin('connect');
    const opening = openTcp(ctx.endpoint, ctx.proxyUrl);
    raw = opening.socket;
    await watch.guard(opening.ready);
    watch.begin('tls');
    secure = tlsConnect({
      socket: raw,
      ...(ctx.endpoint.servername === undefined ? {} : { servername: ctx.endpoint.servername }),
      ...(ctx.endpoint.secureContext === undefined ? {} : { secureContext: ctx.endpoint.secureContext }),
    });
    await watch.guard(once(secure, 'secureConnect'));
    const lines = new LineReader(secure);
    const tls = secure;
    const reply = async (): Promise<string> => {
      const line = await watch.guard(lines.next());
      words.push(line);
      return line;
    };
    const send = (line: string): void => {
      tls.write(`${line}\r\n`);
    };

    watch.begin('auth');
    const greeting = await reply();
    if (!OK.test(greeting)) throw new PopRefused({ kind: 'answer', phase: 'auth', text: greeting });
    send('AUTH XOAUTH2');
    let answer = await reply();
    if (answer.startsWith('+') && !OK.test(answer)) {
      // "+" continuation: the server wants the initial response (Exchange's documented exchange).
      send(blob);
      answer = await reply();
    }
    if (answer.startsWith('+ ') && !OK.test(answer)) {
      // A refused XOAUTH2 may come back as a "+ <base64 JSON>" challenge; an empty line ends the exchange.
      const decoded = decodeXoauth2Challenge(answer.slice(2).trim());
      if (decoded !== undefined) words.push(`(decoded) ${decoded}`);
      send('');
      answer = await reply();
    }
    if (!OK.test(answer)) throw new PopRefused({ kind: 'answer', phase: 'auth', text: answer });

    watch.begin('firstCommand');
    send('STAT');
    const stat = await reply();
    const m = STAT.exec(stat);
    if (!m)
      throw new PopRefused({
        kind: 'answer',
        phase: 'firstCommand',
        text: ERR.test(stat) ? stat : `unexpected STAT reply: ${stat}`,
      });
    watch.endPhase();
    const count = Number(m[1]);
    // QUIT politely; nothing was marked for deletion, so QUIT commits nothing. A slow QUIT is not a failure.
    send('QUIT');
    await Promise.race([
      lines.next().catch(() => ''),
      new Promise((r) => setTimeout(r, Math.min(1000, ctx.phaseTimeoutMs)).unref()),
    ]);
    return {
      protocol: 'pop',
      endpoint,
      serverWords: words,
      timings: watch.timings(),
      detail: `${count} message${count === 1 ? '' : 's'} in the mailbox (${m[2]} bytes)`,
    };
  } catch (e) {
    const failure =
      watch.stopped ??
      (e instanceof ProbeStopped
        ? e.failure
        : e instanceof PopRefused
          ? e.failure
          : failureFromSocketError(watch.phase ?? 'connect', e as Error));
    return { protocol: 'pop', endpoint, serverWords: words, timings: watch.timings(), failure };
  } finally {
    watch.dispose();
    secure?.destroy();
    raw?.destroy();
  }
}
