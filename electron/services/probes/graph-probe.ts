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

/** One GET over node:https through the watch's phases: the status, the body (at most MAX_BODY) and the request-id. */
async function graphGet(
  ctx: ProbeContext,
  path: string,
  watch: PhaseWatch,
): Promise<{ status: number; text: string; requestId?: string }> {
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
    const requestId = res.headers['request-id'];
    return {
      status: res.statusCode ?? 0,
      text: Buffer.concat(chunks).toString('utf8'),
      ...(typeof requestId === 'string' ? { requestId } : {}),
    };
  } finally {
    req?.destroy();
  }
}

export async function probeGraph(ctx: ProbeContext, target: GraphTarget = 'mailbox'): Promise<ProbeObservation> {
  const watch = new PhaseWatch(ctx.phaseTimeoutMs, ctx.signal);
  const words: string[] = [];
  const path = graphPath(ctx.mailbox, target);
  const endpoint = `https://${endpointLabel(ctx.endpoint)}${path}`;
  try {
    const answer = await graphGet(ctx, path, watch);
    const status = answer.status;
    const body = readGraphBody(status, answer.text);
    const requestId = answer.requestId;
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
  }
}

/**
 * The one read the admin may ask for in app-only mode: the newest Inbox message's subject, nothing else —
 * `$top=1&$select=subject` ordered by receivedDateTime, so Graph sends no body, sender or recipients. Never throws
 * and never puts the subject into an error: a refusal says only Graph's status and error code.
 */
export type NewestSubject =
  | { readonly state: 'shown'; readonly subject: string }
  | { readonly state: 'empty' }
  | { readonly state: 'unavailable'; readonly why: string };

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_RUN = /[\u0000-\u001f\u007f-\u009f]+/g;

/** The longest subject shown: Exchange caps a subject at 255 characters. */
export const MAX_SUBJECT_CHARS = 255;

export function newestSubjectPath(mailbox: string): string {
  return `/v1.0/users/${encodeURIComponent(mailbox)}/mailFolders/inbox/messages?$top=1&$select=subject&$orderby=receivedDateTime%20desc`;
}

/** Pure: the subject out of a messages answer, as one printable line; the body's other fields are never read. */
export function readNewestSubject(status: number, text: string): NewestSubject {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { state: 'unavailable', why: `Graph answered HTTP ${status} with a body that is not JSON.` };
  }
  const o = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
  if (status < 200 || status >= 300) {
    const err = o.error as Record<string, unknown> | undefined;
    const code = typeof err === 'object' && err !== null && typeof err.code === 'string' ? err.code : undefined;
    // Graph's code only (a word), not its message: the line is shown beside the probes and must stay short.
    return {
      state: 'unavailable',
      why: `Graph refused the read with HTTP ${status}${code !== undefined && /^[A-Za-z_.]{1,64}$/.test(code) ? ` ${code}` : ''}.`,
    };
  }
  const first = Array.isArray(o.value) ? (o.value[0] as unknown) : undefined;
  if (first === undefined) return { state: 'empty' };
  const subject = typeof first === 'object' && first !== null ? (first as Record<string, unknown>).subject : undefined;
  if (typeof subject !== 'string') return { state: 'shown', subject: '(no subject)' };
  // One line: control characters (a folded header's CR LF, a terminal escape) become one space.
  const line = subject.replace(CONTROL_RUN, ' ').replace(/ {2,}/g, ' ').trim();
  return { state: 'shown', subject: line === '' ? '(no subject)' : line.slice(0, MAX_SUBJECT_CHARS) };
}

export async function probeNewestSubject(ctx: ProbeContext): Promise<NewestSubject> {
  const watch = new PhaseWatch(ctx.phaseTimeoutMs, ctx.signal);
  try {
    const answer = await graphGet(ctx, newestSubjectPath(ctx.mailbox), watch);
    return readNewestSubject(answer.status, answer.text);
  } catch (e) {
    const failure =
      watch.stopped ??
      (e instanceof ProbeStopped ? e.failure : failureFromSocketError(watch.phase ?? 'connect', e as Error));
    return {
      state: 'unavailable',
      why: `Graph did not answer (${failure.kind === 'answer' ? 'refused' : failure.kind} during ${failure.phase}).`,
    };
  } finally {
    watch.dispose();
  }
}
