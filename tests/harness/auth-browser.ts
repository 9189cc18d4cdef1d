// The harness's AuthBrowser: a fresh Playwright BrowserContext per flow (the stand-in for Electron's
// in-memory partition), with the product's redirect caught by CDP Fetch interception — Playwright's
// `route` is not called for requests later in a redirect chain — and failed, so it never reaches the product.
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import {
  settleOnce,
  type AuthBrowser,
  type AuthBrowserFactory,
  type AuthBrowserOptions,
  type AuthBrowserOutcome,
} from '../../electron/services/authorize/auth-browser';
import { matchesRedirectUri } from '../../shared/authorize/redirect-uri';

export interface PlaywrightAuthBrowserOptions {
  /** Called with each flow's page as soon as it opens (tests sign in on it). */
  readonly onPage?: (page: Page, context: BrowserContext) => void;
  /** Called after a flow's context is disposed, with what it held just before closing. */
  readonly onDisposed?: (facts: { cookiesBeforeClear: number; cookiesAfterClear: number }) => void;
}

interface PausedRequest {
  requestId: string;
  request: { url: string; method: string; postData?: string };
}

export function playwrightAuthBrowsers(
  getBrowser: () => Browser,
  options: PlaywrightAuthBrowserOptions = {},
): AuthBrowserFactory {
  return async () => {
    const context = await getBrowser().newContext({ ignoreHTTPSErrors: false });
    let disposed = false;
    let cdp: CDPSession | undefined;
    const browser: AuthBrowser = {
      authorize: async (url: string, redirectUri: URL, opts: AuthBrowserOptions): Promise<AuthBrowserOutcome> => {
        const page = await context.newPage();
        cdp = await context.newCDPSession(page);
        return new Promise<AuthBrowserOutcome>((resolve) => {
          const finish = settleOnce(opts, resolve);
          page.on('close', () => finish({ kind: 'cancelled' }));
          page.on('framenavigated', (frame) => {
            if (frame === page.mainFrame()) {
              try {
                opts.onHost?.(new URL(frame.url()).host);
              } catch {
                // about:blank and the like have no host to show
              }
            }
          });
          const session = cdp;
          if (!session) return finish({ kind: 'cancelled' });
          session.on('Fetch.requestPaused', (event: PausedRequest) => {
            const { requestId, request } = event;
            if (matchesRedirectUri(request.url, redirectUri)) {
              // Caught: record the response parameters, never let the request reach the product.
              finish({
                kind: 'callback',
                callbackUrl: request.url,
                ...(request.method === 'POST' && request.postData !== undefined ? { formBody: request.postData } : {}),
              });
              void session.send('Fetch.failRequest', { requestId, errorReason: 'Aborted' }).catch(() => undefined);
            } else {
              void session.send('Fetch.continueRequest', { requestId }).catch(() => undefined);
            }
          });
          void (async () => {
            // Only requests to the redirect URI's origin pause; everything else flows untouched.
            await session.send('Fetch.enable', {
              patterns: [{ urlPattern: `${redirectUri.protocol}//${redirectUri.host}/*`, requestStage: 'Request' }],
            });
            options.onPage?.(page, context);
            await page.goto(url).catch(() => undefined);
          })().catch(() => finish({ kind: 'cancelled' }));
        });
      },
      dispose: async () => {
        if (disposed) return;
        disposed = true;
        const before = (await context.cookies().catch(() => [])).length;
        await context.clearCookies().catch(() => undefined);
        const after = (await context.cookies().catch(() => [])).length;
        await cdp?.detach().catch(() => undefined);
        await context.close().catch(() => undefined);
        options.onDisposed?.({ cookiesBeforeClear: before, cookiesAfterClear: after });
      },
    };
    return browser;
  };
}
