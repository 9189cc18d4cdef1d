// An MSAL network module over node:https that can trust an extra CA (a custom authority such as the local
// emulator or an on-premises test tenant) and enforces a timeout on every request. MSAL's own default
// client cannot take a CA after process start (NODE_EXTRA_CA_CERTS is read once). With a proxy set under Settings >
// Network, every request goes through its CONNECT tunnel (net/proxy-tunnel.ts); TLS still ends at the identity
// provider, verified as usual.
import { Agent, request as httpsRequest } from 'node:https';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { tlsThroughProxy } from '../net/proxy-tunnel';
import { secureContextWith } from '../net/secure-context';

export interface NetworkOptions {
  /** Extra trusted CA certificates (PEM), added to Node's defaults. */
  readonly ca?: string;
  readonly timeoutMs?: number;
  /** http://host:port of an HTTP proxy to tunnel through; absent or empty to connect directly. */
  readonly proxyUrl?: string;
}

export function createNetworkModule(options: NetworkOptions = {}): INetworkModule {
  const send = <T>(
    method: 'GET' | 'POST',
    url: string,
    opts: NetworkRequestOptions | undefined,
    timeoutMs: number,
  ): Promise<NetworkResponse<T>> =>
    new Promise((resolve, reject) => {
      const u = new URL(url);
      const headers: Record<string, string> = { ...(opts?.headers ?? {}) };
      const body = method === 'POST' ? (opts?.body ?? '') : undefined;
      if (body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(body));
      const req = httpsRequest(
        u,
        { method, headers, timeout: timeoutMs, ...(agent === undefined ? {} : { agent }) },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (size > 4 * 1024 * 1024) {
              req.destroy(new Error('The identity provider sent more than 4 MiB.'));
              return;
            }
            chunks.push(c);
          });
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown;
            try {
              parsed = text === '' ? {} : JSON.parse(text);
            } catch {
              reject(
                new Error(`The identity provider answered ${res.statusCode ?? '?'} with a body that is not JSON.`),
              );
              return;
            }
            const outHeaders: Record<string, string> = {};
            for (const [k, v] of Object.entries(res.headers))
              if (typeof v === 'string') outHeaders[k.toLowerCase()] = v;
            resolve({ headers: outHeaders, body: parsed as T, status: res.statusCode ?? 0 });
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`No answer from ${u.host} within ${timeoutMs} ms.`)));
      req.on('error', reject);
      if (body !== undefined) req.write(body);
      req.end();
    });
  const timeoutMs = options.timeoutMs ?? 15_000;
  const proxy = options.proxyUrl === undefined || options.proxyUrl === '' ? undefined : options.proxyUrl;
  const agent = options.ca === undefined && proxy === undefined ? undefined : agentFor(options.ca, proxy);
  return {
    sendGetRequestAsync: <T>(url: string, opts?: NetworkRequestOptions, timeout?: number) =>
      send<T>('GET', url, opts, timeout ?? timeoutMs),
    sendPostRequestAsync: <T>(url: string, opts?: NetworkRequestOptions) => send<T>('POST', url, opts, timeoutMs),
  };
}

/**
 * One agent per extra CA and proxy, built once: building a certificate store from Node's ~140 roots costs tens of
 * milliseconds and about half a megabyte, so doing it per request slowed every flow and grew the RSS.
 */
const agents = new Map<string, Agent>();
function agentFor(extraCa: string | undefined, proxyUrl: string | undefined): Agent {
  const key = `${proxyUrl ?? ''}\n${extraCa ?? ''}`;
  let agent = agents.get(key);
  if (agent === undefined) {
    // The secure context, not a `ca` list: an agent hands its options to tls.connect, which builds a certificate
    // store from a `ca` list on every connection; one shared context is built once (net/secure-context.ts).
    agent = new Agent({
      ...(extraCa === undefined ? {} : { secureContext: secureContextWith(extraCa) }),
      keepAlive: false,
    });
    if (proxyUrl !== undefined) {
      // https.Agent calls createConnection(options, callback) and waits for the callback when nothing is returned.
      (agent as unknown as { createConnection: unknown }).createConnection = tlsThroughProxy(proxyUrl);
    }
    if (agents.size >= 8) agents.clear();
    agents.set(key, agent);
  }
  return agent;
}
