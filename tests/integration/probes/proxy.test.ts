// The probes through the HTTP proxy set under Settings > Network (electron/services/net/proxy-tunnel.ts): a real
// CONNECT proxy on loopback in front of the emulator's Graph and the SMTP test server. Through it the probes reach
// their servers with TLS ending at the server (the proxy sees the CONNECT line, then only TLS records, never the
// token); a proxy that refuses the tunnel, one that cannot be reached and one that does not speak HTTP are each
// named as the proxy's fault, with the proxy's address.
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runProbes } from '../../../electron/services/probes/run-probes';
import type { ProbeProtocol } from '../../../shared/probes/schema';
import { GRAPH, startEmulator, type Emulator } from '../../emulator/index';
import { closedLoopbackPort } from '../../support/loopback-ports';
import { startSmtpForEmulator, type SmtpTestServer } from '../../support/smtp-server';

const SERVICEDESK = 'servicedesk@contoso.test';
const BOUND = 3000;

type ProxyMode = 'tunnel' | 'refuse-407' | 'not-http' | 'endless-header';

let emulator: Emulator;
let smtp: SmtpTestServer;
let proxy: HttpServer;
let proxyUrl: string;
let closedProxyUrl: string;
let mode: ProxyMode = 'tunnel';
/** What the proxy saw: each CONNECT target, and the first byte the client sent through each tunnel. */
let seen: { target: string; firstByte?: number }[] = [];
const sockets = new Set<Socket>();

const listen = async (server: HttpServer): Promise<number> => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
};

beforeAll(async () => {
  emulator = await startEmulator();
  smtp = await startSmtpForEmulator(emulator);
  proxy = createHttpServer();
  proxy.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    sockets.add(client);
    client.on('error', () => undefined);
    const entry: { target: string; firstByte?: number } = { target: req.url ?? '' };
    seen.push(entry);
    if (mode === 'refuse-407') {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n\r\n');
      return;
    }
    if (mode === 'not-http') {
      client.end('SSH-2.0-OpenSSH_9.6\r\n\r\n');
      return;
    }
    if (mode === 'endless-header') {
      client.write(`HTTP/1.1 200 OK\r\nX-Filler: ${'x'.repeat(20 * 1024)}`);
      return;
    }
    const [host = '', port = ''] = (req.url ?? '').split(/:(?=\d+$)/);
    const upstream = connect({ host, port: Number(port) }, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      client.once('data', (d: Buffer) => (entry.firstByte = d[0]));
      client.pipe(upstream);
      upstream.pipe(client);
    });
    sockets.add(upstream);
    upstream.on('error', () => client.destroy());
  });
  proxyUrl = `http://127.0.0.1:${await listen(proxy)}`;
  closedProxyUrl = `http://127.0.0.1:${await closedLoopbackPort()}`;
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((r) => proxy?.close(() => r()));
  await smtp?.stop();
  await emulator?.stop();
});

beforeEach(() => {
  mode = 'tunnel';
  seen = [];
});

async function probe(protocol: ProbeProtocol, via: string) {
  const token =
    protocol === 'graph'
      ? await emulator.mintUserAccessToken(SERVICEDESK, { resource: GRAPH, scopes: ['Mail.Read'] })
      : await emulator.mintUserAccessToken(SERVICEDESK, { scopes: ['SMTP.Send'] });
  const run = await runProbes({
    accessToken: token,
    mailbox: SERVICEDESK,
    protocols: [protocol],
    phaseTimeoutMs: BOUND,
    proxyUrl: via,
    overrides:
      protocol === 'graph'
        ? { graph: { host: '127.0.0.1', port: emulator.port, caPem: emulator.caPem } }
        : { smtp: { host: '127.0.0.1', port: smtp.port, caPem: emulator.caPem } },
  });
  const result = run.results[0];
  if (!result) throw new Error('no probe result');
  return { result, token };
}

describe('probes through the HTTP proxy (Settings > Network)', () => {
  it('Graph goes through a CONNECT tunnel; TLS ends at Graph, so the proxy sees the host and port only', async () => {
    const { result } = await probe('graph', proxyUrl);
    expect(result).toMatchObject({ outcome: 'ok', detail: '3 items in Inbox' });
    expect(seen).toEqual([{ target: `127.0.0.1:${emulator.port}`, firstByte: 0x16 }]);
  });

  it('SMTP goes through the tunnel too and authenticates at the server behind it', async () => {
    const { result } = await probe('smtp', proxyUrl);
    expect(result).toMatchObject({ outcome: 'ok' });
    expect(seen.map((s) => s.target)).toEqual([`127.0.0.1:${smtp.port}`]);
    expect(smtp.authLog.at(-1)).toEqual({ user: SERVICEDESK, accepted: true, reason: 'ok' });
  });

  it('a proxy that refuses the tunnel (407) is named with its answer, not blamed on the server', async () => {
    mode = 'refuse-407';
    for (const protocol of ['graph', 'smtp'] as const) {
      const { result } = await probe(protocol, proxyUrl);
      expect(result.outcome).not.toBe('ok');
      expect(`${result.explanation} ${result.nextStep}`).toMatch(
        new RegExp(
          `proxy ${proxyUrl.slice('http://'.length)} refused to open a tunnel to 127\\.0\\.0\\.1:\\d+ \\(HTTP 407\\)`,
        ),
      );
      expect(result.nextStep).toMatch(/Settings > Network/);
    }
  });

  it('a proxy that cannot be reached is named as such', async () => {
    const { result } = await probe('smtp', closedProxyUrl);
    expect(result.outcome).not.toBe('ok');
    expect(`${result.explanation} ${result.nextStep}`).toMatch(
      new RegExp(`proxy ${closedProxyUrl.slice('http://'.length)} could not be reached`),
    );
  });

  it('an answer that is not HTTP, or a header that never ends, is refused as not HTTP', async () => {
    for (const m of ['not-http', 'endless-header'] as const) {
      mode = m;
      const { result } = await probe('smtp', proxyUrl);
      expect(result.outcome, m).not.toBe('ok');
      expect(`${result.explanation} ${result.nextStep}`, m).toMatch(
        /refused to open a tunnel .*an answer that is not HTTP/,
      );
    }
  });
});
