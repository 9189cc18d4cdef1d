// Serves the built renderer (out/renderer) on 127.0.0.1 with the same asset rules and response headers
// (CSP included) as Electron's app://renderer protocol handler, so the harness tests what ships.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { rendererResponseHeaders, resolveRendererAsset, RENDERER_ORIGIN } from '../../electron/security-policy';

export interface StaticServer {
  /** http://127.0.0.1:<port> — the only origin the harness dispatcher trusts. */
  readonly origin: string;
  readonly close: () => Promise<void>;
}

export async function serveRenderer(rootDir: string): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return;
      }
      // Reuse Electron's resolver: it maps app://renderer/<path> to a file below the root and refuses traversal.
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      const asset = resolveRendererAsset(`${RENDERER_ORIGIN}${path}`);
      if (!asset) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
        return;
      }
      try {
        const body = await readFile(join(rootDir, asset.relativePath));
        res.writeHead(200, {
          ...rendererResponseHeaders(asset.contentType),
          'Cache-Control': 'no-store',
          'Content-Length': body.length,
        });
        res.end(req.method === 'HEAD' ? undefined : body);
      } catch {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
