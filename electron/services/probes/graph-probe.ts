// Graph probe: GET /v1.0/users/{mailbox}/mailFolders/inbox (read-only), or /v1.0/me when asked. The mailbox
// path works for the signed-in user, a shared mailbox in delegate mode and app-only tokens alike, and proves
// the mailbox opens, which /me does not.
// node:https rather than fetch: the probe must trust an extra CA per request (on-premises, the test emulator)
// and time connect and TLS apart; Node's fetch can do neither without importing undici, which is not our
// dependency.
import { request as httpsRequest } from 'node:https';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { failureFromSocketError, type ProbeObservation } from './classify-answer';
import { tlsThroughProxy } from '../net/proxy-tunnel';
import { endpointLabel } from './endpoint';
import { PhaseWatch, ProbeStopped } from './phase-watch';
import type { ProbeContext } from './probe-context';

const MAX_BODY = 64 * 1024;

export type GraphTarget = 'mailbox' | 'me';

export function graphPath(mailbox: string, target: GraphTarget): string {
  return target === 'me' ? '/v1.0/me' : `/v1.0/users/${encodeURIComponent(mailbox)}/mailFolders/inbox`;
}

/** Pure: the interesting part of a Graph answer — error code and message, or the inbox count. */
export function readGraphBody(
  status: number,
  body: string,
): { errorCode?: string; message?: string; count?: number; name?: string } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return status >= 400 ? { message: body.slice(0, 200) } : {};
  }
  if (typeof json !== 'object' || json === null) return {};
  const o = json as Record<string, unknown>;
  const err = o.error as Record<string, unknown> | undefined;
  if (status >= 400 && typeof err === 'object' && err !== null) {
    return {
      ...(typeof err.code === 'string' ? { errorCode: err.code } : {}),
      ...(typeof err.message === 'string' ? { message: err.message.slice(0, 500) } : {}),
    };
  }
  return {
    ...(typeof o.totalItemCount === 'number' ? { count: o.totalItemCount } : {}),
    ...(typeof o.userPrincipalName === 'string'
      ? { name: o.userPrincipalName }
      : typeof o.displayName === 'string'
        ? { name: o.displayName }
        : {}),
  };
}

export async function probeGraph(ctx: ProbeContext, target: GraphTarget = 'mailbox'): Promise<ProbeObservation> {
  const watch = new PhaseWatch(ctx.phaseTimeoutMs, ctx.signal);
  const words: string[] = [];
  const path = graphPath(ctx.mailbox, target);
  const endpoint = `https://${endpointLabel(ctx.endpoint)}${path}`;
  let req: ClientRequest | undefined;
  watch.onStop(() => req?.destroy());
  try {
    watch.begin('connect');
    const res = await watch.guard(
      new Promise<IncomingMessage>((resolve, reject) => {
        req = httpsRequest({
          host: ctx.endpoint.host,
          port: ctx.endpoint.port,
          path,
          method: 'GET',
          ...(ctx.endpoint.localAddress === undefined ? {} : { localAddress: ctx.endpoint.localAddress }),
          ...(ctx.endpoint.servername === undefined ? {} : { servername: ctx.endpoint.servername }),
          ...(ctx.endpoint.secureContext === undefined ? {} : { secureContext: ctx.endpoint.secureContext }),
          headers: { Authorization: `Bearer ${ctx.accessToken}`, Accept: 'application/json' },
          // Through the proxy's CONNECT tunnel when one is set; TLS still ends at Graph. Node uses createConnection
          // only when no agent is given: with `agent: false` (a fresh agent) the request went direct, past the proxy.
          ...(ctx.proxyUrl === undefined ? { agent: false } : { createConnection: tlsThroughProxy(ctx.proxyUrl) }),
        });
        req.once('socket', (s) => {
          s.once('connect', () => {
            if (watch.phase === 'connect') watch.begin('tls');
          });
          s.once('secureConnect', () => {
            if (watch.phase === 'connect') watch.begin('tls');
            // The GET is the first (and only) command; Graph checks the token while answering it.
            if (watch.phase === 'tls') watch.begin('firstCommand');
          });
        });
        req.once('response', resolve);
        req.once('error', reject);
        req.end();
      }),
    );
    const chunks: Buffer[] = [];
    await watch.guard(
      (async () => {
        let size = 0;
        for await (const c of res) {
          size += (c as Buffer).length;
          if (size > MAX_BODY) break;
          chunks.push(c as Buffer);
        }
      })(),
    );
    watch.endPhase();
    watch.check();
    const status = res.statusCode ?? 0;
    const body = readGraphBody(status, Buffer.concat(chunks).toString('utf8'));
    const requestId = res.headers['request-id'];
    words.push(
      `HTTP ${status}${body.errorCode ? ` ${body.errorCode}` : ''}${body.message ? `: ${body.message}` : ''}${typeof requestId === 'string' ? ` (request-id ${requestId})` : ''}`,
    );
    if (status >= 200 && status < 300) {
      const detail =
        body.count !== undefined
          ? `${body.count} item${body.count === 1 ? '' : 's'} in Inbox`
          : body.name !== undefined
            ? `signed in as ${body.name}`
            : `HTTP ${status}`;
      return { protocol: 'graph', endpoint, serverWords: words, timings: watch.timings(), detail };
    }
    return {
      protocol: 'graph',
      endpoint,
      serverWords: words,
      timings: watch.timings(),
      failure: {
        kind: 'answer',
        phase: 'firstCommand',
        text: words[0] ?? `HTTP ${status}`,
        status,
        ...(body.errorCode === undefined ? {} : { errorCode: body.errorCode }),
      },
    };
  } catch (e) {
    const failure =
      watch.stopped ??
      (e instanceof ProbeStopped ? e.failure : failureFromSocketError(watch.phase ?? 'connect', e as Error));
    return { protocol: 'graph', endpoint, serverWords: words, timings: watch.timings(), failure };
  } finally {
    watch.dispose();
    req?.destroy();
  }
}
