// The harness's ProductBrowser: a fresh Playwright context per product session (the stand-in for Electron's
// in-memory partition) whose document requests are paused with CDP Fetch — Playwright's `route` is not called
// for requests later in a redirect chain, and the product's authorize request is exactly such a request — and
// handed to the session's watcher. A rewrite is answered with a 302 to the rewritten URL (Fetch.fulfillRequest),
// which the browser follows like Electron's webRequest redirect. (Fetch.continueRequest with a new `url` is
// accepted for a navigation in a redirect chain — checked with Chromium here — but the change is invisible to
// the page: the document keeps the original URL while the server got the rewritten one. The 302 keeps what the
// page shows and what Entra received the same, as in Electron.) The callback continues untouched so the
// product receives its code. Also: startProductSessionHarness, the app in the harness with this wired.
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import type { ProductBrowserFactory } from '../../electron/services/product-session/product-session';
import { ProductSessionService } from '../../electron/services/product-session/product-session';
import type { Emulator } from '../emulator';
import { startHarness, type Harness, type HarnessOptions } from './index';

export interface PlaywrightProductBrowserOptions {
  /** Called with each session's page once it is watched, before the product loads (tests drive it). */
  readonly onPage?: (page: Page, context: BrowserContext) => void;
  /** Called after a session's context is closed, with the cookie counts before and after clearing. */
  readonly onClosed?: (facts: { cookiesBeforeClear: number; cookiesAfterClear: number }) => void;
}

interface PausedRequest {
  requestId: string;
  request: { url: string; method: string; postData?: string };
}

export function playwrightProductBrowsers(
  getBrowser: () => Browser,
  options: PlaywrightProductBrowserOptions = {},
): ProductBrowserFactory {
  return async (baseUrl, watcher) => {
    const context = await getBrowser().newContext();
    const page = await context.newPage();
    const cdp: CDPSession = await context.newCDPSession(page);
    let closed = false;
    cdp.on('Fetch.requestPaused', (event: PausedRequest) => {
      const { requestId, request } = event;
      let redirectTo: string | undefined;
      try {
        redirectTo = watcher.onRequest({
          url: request.url,
          method: request.method,
          ...(request.postData === undefined ? {} : { formBody: request.postData }),
        }).redirectTo;
      } catch {
        redirectTo = undefined; // the watcher must never stall the product's navigation
      }
      if (redirectTo !== undefined) {
        void cdp
          .send('Fetch.fulfillRequest', {
            requestId,
            responseCode: 302,
            responseHeaders: [
              { name: 'Location', value: redirectTo },
              { name: 'Cache-Control', value: 'no-store' },
            ],
            body: '',
          })
          .catch(() => undefined);
      } else {
        void cdp.send('Fetch.continueRequest', { requestId }).catch(() => undefined);
      }
    });
    await cdp.send('Fetch.enable', {
      patterns: [{ urlPattern: '*', resourceType: 'Document', requestStage: 'Request' }],
    });
    page.on('close', () => {
      if (!closed) watcher.onWindowClosed();
    });
    options.onPage?.(page, context);
    void page.goto(baseUrl).catch(() => undefined);
    return {
      close: async () => {
        if (closed) return { wiped: true };
        closed = true;
        const before = (await context.cookies().catch(() => [])).length;
        await context.clearCookies().catch(() => undefined);
        const after = (await context.cookies().catch(() => [])).length;
        await cdp.detach().catch(() => undefined);
        await context.close().catch(() => undefined);
        options.onClosed?.({ cookiesBeforeClear: before, cookiesAfterClear: after });
        return { wiped: after === 0 };
      },
    };
  };
}

export interface ProductSessionHarness {
  readonly harness: Harness;
  readonly service: ProductSessionService;
  /** Resolves with the next clean product page the app opens. */
  nextProductPage(): Promise<{ page: Page; context: BrowserContext }>;
  readonly closedFacts: readonly { cookiesBeforeClear: number; cookiesAfterClear: number }[];
  close(): Promise<void>;
}

/** The real renderer and handler table with the product session wired to Playwright contexts; the emulator's host is watched. */
export async function startProductSessionHarness(
  emulator: Emulator,
  options: HarnessOptions = {},
): Promise<ProductSessionHarness> {
  const ready: { page: Page; context: BrowserContext }[] = [];
  const waiting: ((v: { page: Page; context: BrowserContext }) => void)[] = [];
  const closedFacts: { cookiesBeforeClear: number; cookiesAfterClear: number }[] = [];
  let service: ProductSessionService | undefined;
  const harness = await startHarness({
    ...options,
    deps: (browser) => {
      service = new ProductSessionService({
        browsers: playwrightProductBrowsers(() => browser, {
          onPage: (page, context) => {
            const next = waiting.shift();
            if (next) next({ page, context });
            else ready.push({ page, context });
          },
          onClosed: (f) => closedFacts.push(f),
        }),
        customAuthorityHosts: [emulator.host],
      });
      const extra = typeof options.deps === 'function' ? options.deps(browser) : options.deps;
      return { ...extra, productSession: service };
    },
  });
  if (!service) throw new Error('the harness did not build its deps');
  return {
    harness,
    service,
    closedFacts,
    nextProductPage: () => {
      const r = ready.shift();
      return r ? Promise.resolve(r) : new Promise((resolve) => waiting.push(resolve));
    },
    close: () => harness.close(),
  };
}
