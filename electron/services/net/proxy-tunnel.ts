// Connections through the HTTP proxy set under Settings > Network: a CONNECT tunnel (RFC 9110 §9.3.6) to the target
// host and port, over which the caller runs its own TLS, so the proxy sees only the host name and never the traffic.
// Used by MSAL's network module (msal-network.ts) and by the POP, SMTP and Graph probes; imapflow opens its own
// CONNECT tunnel from the same URL. Without a proxy every helper connects directly.
import { connect as netConnect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { codedError } from '../errors';

export interface TcpTarget {
  readonly host: string;
  readonly port: number;
  readonly localAddress?: string | undefined;
}

/** A socket being opened: `socket` can be destroyed at once (cancel), `ready` settles when it carries the target. */
export interface OpeningSocket {
  readonly socket: Socket;
  readonly ready: Promise<void>;
}

/** Largest CONNECT answer read before the blank line; a proxy that sends more is not speaking HTTP. */
const MAX_ANSWER_BYTES = 16 * 1024;

const authority = (host: string, port: number): string =>
  host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;

/** host and port of an http://host:port proxy URL (validated by ProxyUrlSchema before it gets here). */
export function proxyAddress(proxyUrl: string): { host: string; port: number } {
  const u = new URL(proxyUrl);
  return { host: u.hostname.replace(/^\[|\]$/g, ''), port: Number(u.port || 80) };
}

/**
 * Opens a TCP connection to `target`: directly, or through the proxy's CONNECT tunnel. `ready` rejects with
 * PROXY_UNREACHABLE or PROXY_REFUSED when the proxy is the problem, and with the socket's own error otherwise.
 */
export function openTcp(target: TcpTarget, proxyUrl?: string): OpeningSocket {
  const local = target.localAddress === undefined ? {} : { localAddress: target.localAddress };
  if (proxyUrl === undefined || proxyUrl === '') {
    const socket = netConnect({ host: target.host, port: target.port, ...local });
    const ready = new Promise<void>((resolve, reject) => {
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve();
      });
      socket.once('error', reject);
    });
    return { socket, ready };
  }
  const proxy = proxyAddress(proxyUrl);
  const proxyName = authority(proxy.host, proxy.port);
  const targetName = authority(target.host, target.port);
  const socket = netConnect({ host: proxy.host, port: proxy.port, ...local });
  const ready = new Promise<void>((resolve, reject) => {
    let answer = Buffer.alloc(0);
    let connected = false;
    const fail = (e: Error): void => {
      socket.off('data', onData);
      reject(e);
    };
    // Before the proxy answers the TCP connect, the proxy is what cannot be reached; after, the error is the tunnel's.
    const onError = (e: Error): void =>
      fail(connected ? e : codedError('PROXY_UNREACHABLE', { proxy: proxyName, reason: e.message, cause: e }));
    const onData = (chunk: Buffer): void => {
      answer = Buffer.concat([answer, chunk]);
      const end = answer.indexOf('\r\n\r\n');
      if (end < 0) {
        if (answer.length > MAX_ANSWER_BYTES) {
          socket.destroy();
          fail(
            codedError('PROXY_REFUSED', { proxy: proxyName, target: targetName, status: 'an answer that is not HTTP' }),
          );
        }
        return;
      }
      socket.off('data', onData);
      socket.off('error', onError);
      const statusLine = answer.subarray(0, answer.indexOf('\r\n')).toString('latin1');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1];
      if (status === undefined || !status.startsWith('2')) {
        socket.destroy();
        reject(
          codedError('PROXY_REFUSED', {
            proxy: proxyName,
            target: targetName,
            status: status === undefined ? 'an answer that is not HTTP' : `HTTP ${status}`,
          }),
        );
        return;
      }
      // Whatever followed the blank line already belongs to the tunnelled connection.
      const rest = answer.subarray(end + 4);
      if (rest.length > 0) socket.unshift(rest);
      resolve();
    };
    socket.once('error', onError);
    socket.once('connect', () => {
      connected = true;
      socket.on('data', onData);
      socket.write(`CONNECT ${targetName} HTTP/1.1\r\nHost: ${targetName}\r\n\r\n`);
    });
  });
  return { socket, ready };
}

/**
 * `tls.connect` that goes through the proxy when one is given: the callback form Node's `createConnection` option and
 * https.Agent accept, so an HTTPS request (MSAL's, the Graph probe's) needs no other change.
 */
export function tlsThroughProxy(proxyUrl: string): CreateConnection {
  return (options, done) => {
    const host = String(options.host ?? options.servername ?? 'localhost');
    const port = Number(options.port ?? 443);
    const opening = openTcp({ host, port }, proxyUrl);
    opening.ready.then(
      () => {
        const secure: TLSSocket = tlsConnect({
          ...(options as ConnectionOptions),
          socket: opening.socket,
          servername:
            options.servername ?? (host.includes(':') || /^\d+\.\d+\.\d+\.\d+$/.test(host) ? undefined : host),
        } as ConnectionOptions);
        done(null, secure);
      },
      // Node's callback takes (err, socket); on an error there is no socket to give.
      (e: unknown) => done(e instanceof Error ? e : new Error(String(e)), undefined as unknown as Duplex),
    );
    return undefined;
  };
}

/** The callback form of `createConnection` that http.request and https.Agent accept. */
export type CreateConnection = (
  options: {
    readonly host?: string | null | undefined;
    readonly port?: number | string | null | undefined;
    readonly servername?: string | undefined;
  },
  done: (err: Error | null, socket: Duplex) => void,
) => undefined;
