// The redirect catch takes only a main-frame navigation. The old exploit: a page in the sign-in window points an
// image and an iframe at the redirect URI with a forged state; the catch took the first request it saw, so the
// flow ended with STATE_MISMATCH before the real callback. Replayed in real Chromium through the harness's
// AuthBrowser, which decides by the same redirectCatch rule as electron/platform/isolated-browser.ts: the
// subresources are failed (they never reach the product) and the flow completes with the real main-frame callback.
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redirectCatch } from '../../../electron/services/authorize/auth-browser';
import { playwrightAuthBrowsers } from '../../harness/auth-browser';

const CHROMIUM = '/usr/bin/chromium';
const unavailable = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} not found`;
if (unavailable) console.warn(`Skipping the redirect-catch Chromium test: ${unavailable}`);

let browser: Browser;
let page: Server;
let product: Server;
/** Requests that reached the "product" (the redirect URI's server): none may. */
const productHits: string[] = [];

const listen = async (s: Server): Promise<number> => {
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return (s.address() as AddressInfo).port;
};

let loginUrl = '';
let redirectUri: URL;

beforeAll(async () => {
  if (unavailable) return;
  product = createServer((req, res) => {
    productHits.push(req.url ?? '');
    res.end('product');
  });
  redirectUri = new URL(`http://127.0.0.1:${await listen(product)}/callback`);
  const forged = `${redirectUri.href}?code=forged&state=forged`;
  const real = `${redirectUri.href}?code=real-code&state=real-state`;
  page = createServer((_req, res) => {
    res.setHeader('content-type', 'text/html');
    // Subresources first (image, iframe, fetch), then the real top-level redirect a moment later.
    res.end(`<!doctype html><img src="${forged}&via=img"><iframe src="${forged}&via=frame"></iframe>
      <script>fetch(${JSON.stringify(`${forged}&via=fetch`)}).catch(() => {});
      setTimeout(() => { location.href = ${JSON.stringify(real)}; }, 400);</script>`);
  });
  loginUrl = `http://127.0.0.1:${await listen(page)}/login`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
});
afterAll(async () => {
  await browser?.close();
  await new Promise((r) => (page ? page.close(r) : r(undefined)));
  await new Promise((r) => (product ? product.close(r) : r(undefined)));
});

describe('the redirect catch', () => {
  it('the rule: only a main-frame navigation to the redirect URI is caught; other requests there are cancelled', () => {
    const uri = new URL('https://acme.service-now.com/oauth_redirect.do');
    const at = `${uri.href}?code=x&state=y`;
    expect(redirectCatch({ url: at, isMainFrame: true }, uri)).toBe('catch');
    expect(redirectCatch({ url: at, isMainFrame: false }, uri)).toBe('cancel');
    expect(redirectCatch({ url: 'https://login.microsoftonline.com/', isMainFrame: false }, uri)).toBe('continue');
  });

  it.skipIf(unavailable !== undefined)(
    'an image, an iframe and a fetch with a forged state do not pre-empt the real callback',
    async () => {
      const browsers = playwrightAuthBrowsers(() => browser);
      const auth = await browsers();
      try {
        const outcome = await auth.authorize(loginUrl, redirectUri, { timeoutMs: 15_000 });
        expect(outcome.kind).toBe('callback');
        const url = outcome.kind === 'callback' ? new URL(outcome.callbackUrl) : undefined;
        expect(url?.searchParams.get('state')).toBe('real-state');
        expect(url?.searchParams.get('code')).toBe('real-code');
        expect(productHits).toEqual([]);
      } finally {
        await auth.dispose();
      }
    },
    30_000,
  );
});
