// Two loopback endpoints the probe tests point a protocol at to see a transport failure named: a listener that
// accepts and then says nothing (a firewall that black-holes after the handshake: the probe's bounded timeout, the
// spinner, Cancel) and a port that was just free and is now closed (a stopped server). One place, so every probe
// test (unit of the handlers, integration, the CLI, e2e) means the same by "silent" and "closed".
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export interface SilentListener {
  readonly port: number;
  /** The connections open now: a test checks that nothing connected before main's confirmation said yes. */
  readonly sockets: ReadonlySet<Socket>;
  /** Drops the open connections and closes the listener. */
  stop(): Promise<void>;
}

const listenOnLoopback = async (server: Server): Promise<number> => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
};

/** A listener on 127.0.0.1 that accepts every connection and never answers. */
export async function startSilentListener(): Promise<SilentListener> {
  const sockets = new Set<Socket>();
  const server = createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
  });
  const port = await listenOnLoopback(server);
  return {
    port,
    sockets,
    stop: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** A port on 127.0.0.1 that was just free and is now closed: a connection to it is refused. */
export async function closedLoopbackPort(): Promise<number> {
  const server = createServer();
  const port = await listenOnLoopback(server);
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}
