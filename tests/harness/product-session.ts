// The harness's ProductBrowser: a clean context per product session (clean-context.ts, the stand-in for
// Electron's in-memory partition) whose document requests are paused with CDP Fetch — Playwright's `route` is
// not called for requests later in a redirect chain, and the product's authorize request is exactly such a
// request — and handed to the session's watcher. A rewrite is answered with a 302 to the rewritten URL
// (Fetch.fulfillRequest), which the browser follows like Electron's webRequest redirect. (Fetch.continueRequest
// with a new `url` is accepted for a navigation in a redirect chain — checked with Chromium here — but the
// change is invisible to the page: the document keeps the original URL while the server got the rewritten one.
// The 302 keeps what the page shows and what Entra received the same, as in Electron.) The callback continues
// untouched so the product receives its code, and the watcher's afterContinue runs once CDP has been told so.
// silentRequest opens the app's own hidden page in the same context (its Entra cookies) with its own CDP Fetch:
// its requests never reach the watcher, and the one to the redirect URI is failed, so the product never sees it.
// Also: startProductSessionHarness, the app in the harness with this wired.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type {
  ProductBrowserFactory,
  RequestDecision,
  SilentOutcome,
} from '../../electron/services/product-session/product-browser';
import { matchesRedirectUri } from '../../shared/authorize/redirect-uri';
import type { ProductSessionService } from '../../electron/services/product-session/product-session';
import type { Emulator } from '../emulator';
import { openCleanContext, type WipeFacts } from './clean-context';
import { startHarness, type Harness, type HarnessOptions } from './index';
import { pageQueue, type OpenedPage } from './page-queue';

export interface PlaywrightProductBrowserOptions {
  /** Called with each session's page once it is watched, before the product loads (tests drive it). */
  readonly onPage?: (page: Page, context: BrowserContext) => void;
  /** Called after a session's context is closed, with the cookie counts before and after clearing. */
  readonly onClosed?: (facts: WipeFacts) => void;
  /** Called with each of the app's silent requests as it ended (tests check that nothing of it leaks). */
  readonly onSilent?: (url: string, outcome: SilentOutcome) => void;
}

export function playwrightProductBrowsers(
  getBrowser: () => Browser,
  options: PlaywrightProductBrowserOptions = {},
): ProductBrowserFactory {
  return async (baseUrl, watcher) => {
    const clean = await openCleanContext(getBrowser(), {
      ...(options.onClosed ? { onWiped: options.onClosed } : {}),
    });
    const followUps = new WeakMap<object, NonNullable<RequestDecision['afterContinue']>>();
    const page = await clean.openPage({
      pause: [{ urlPattern: '*', resourceType: 'Document', requestStage: 'Request' }],
      // A throwing watcher continues the request (clean-context.ts): watching never stalls the product.
      answer: (request) => {
        // As in Electron (platform/product-session.ts), only main-frame navigations reach the watcher.
        if (!request.isMainFrame) return { kind: 'continue' };
        const { redirectTo, afterContinue } = watcher.onRequest({
          url: request.url,
          method: request.method,
          ...(request.postData === undefined ? {} : { formBody: request.postData }),
        });
        if (redirectTo !== undefined) return { kind: 'redirect', location: redirectTo };
        if (afterContinue !== undefined) followUps.set(request, afterContinue);
        return { kind: 'continue' };
      },
      // Only after CDP let the product's request go on does the app's follow-up start.
      afterAnswer: (request) => followUps.get(request)?.(),
    });
    page.on('close', () => {
      if (!clean.closing) watcher.onWindowClosed();
    });
    options.onPage?.(page, clean.context);
    void page.goto(baseUrl).catch(() => undefined);
    return {
      silentRequest: (url, redirectUri, { timeoutMs }) =>
        new Promise<SilentOutcome>((resolve) => {
          if (clean.closing) return resolve({ kind: 'failed', reason: 'The session is closed.' });
          let hidden: Page | undefined;
          let done = false;
          const finish = (outcome: SilentOutcome): void => {
            if (done) return;
            done = true;
            clearTimeout(timer);
            options.onSilent?.(url, outcome);
            void hidden?.close().catch(() => undefined);
            resolve(outcome);
          };
          const timer = setTimeout(() => finish({ kind: 'timeout' }), timeoutMs);
          void (async () => {
            hidden = await clean.openPage({
              // Every request to the redirect URI's origin pauses; the answer to the app's request is failed there.
              pause: [{ urlPattern: `${redirectUri.protocol}//${redirectUri.host}/*`, requestStage: 'Request' }],
              answer: (request) => {
                // As in Electron, only the page's own navigation answers the app's request, never a subresource.
                if (!request.isMainFrame || !matchesRedirectUri(request.url, redirectUri)) return { kind: 'continue' };
                finish({
                  kind: 'callback',
                  callbackUrl: request.url,
                  ...(request.method === 'POST' && request.postData !== undefined
                    ? { formBody: request.postData }
                    : {}),
                });
                return { kind: 'fail' };
              },
            });
            if (done) return void hidden.close().catch(() => undefined);
            await hidden.goto(url).catch(() => undefined);
          })().catch((e: unknown) => finish({ kind: 'failed', reason: e instanceof Error ? e.message : String(e) }));
        }),
      close: async () => ({ wiped: (await clean.wipe()).cookiesAfterClear === 0 }),
    };
  };
}

export interface ProductSessionHarness {
  readonly harness: Harness;
  readonly service: ProductSessionService;
  /** Resolves with the next clean product page the app opens. */
  nextProductPage(): Promise<OpenedPage>;
  readonly closedFacts: readonly WipeFacts[];
  /** The app's own silent requests, in order, with how each ended (what it caught at the redirect URI). */
  readonly silentRequests: readonly { readonly url: string; readonly outcome: SilentOutcome }[];
  close(): Promise<void>;
}

/** The real renderer and handler table with the product session wired to Playwright contexts; the emulator's host is watched. */
export async function startProductSessionHarness(
  emulator: Emulator,
  options: HarnessOptions = {},
): Promise<ProductSessionHarness> {
  const productPages = pageQueue();
  const closedFacts: WipeFacts[] = [];
  const silentRequests: { url: string; outcome: SilentOutcome }[] = [];
  const harness = await startHarness({
    ...options,
    deps: (browser) => {
      const extra = typeof options.deps === 'function' ? options.deps(browser) : options.deps;
      return {
        ...extra,
        productSession: {
          browsers: playwrightProductBrowsers(() => browser, {
            onPage: productPages.opened,
            onClosed: (f) => closedFacts.push(f),
            onSilent: (url, outcome) => silentRequests.push({ url, outcome }),
          }),
          customAuthorityHosts: [emulator.host],
        },
      };
    },
  });
  const service = harness.services.productSession;
  if (!service) {
    await harness.close();
    throw new Error('the harness built no product session');
  }
  return {
    harness,
    service,
    closedFacts,
    silentRequests,
    nextProductPage: productPages.next,
    close: () => harness.close(),
  };
}
