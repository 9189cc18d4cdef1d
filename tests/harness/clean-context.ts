// The harness's clean browser context, the stand-in for electron/platform/clean-window.ts that both harness
// browsers build on (auth-browser.ts for the Authorize window, product-session.ts for the clean product
// session): a fresh Playwright BrowserContext (in memory, like a partition without `persist:`), one page with a
// CDP session on it, requests paused with CDP Fetch — Playwright's `route` is not called for requests later in
// a redirect chain, and a redirect URI or a product's authorize request is exactly such a request — and
// answered by the caller, and wipe() clearing cookies, detaching CDP and closing the context, once.
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';

/** A request paused by CDP Fetch (the fields of Fetch.requestPaused's `request` the harness reads). */
export interface PausedRequest {
  readonly url: string;
  readonly method: string;
  readonly postData?: string;
}

/** What happens to a paused request. */
export type PausedRequestAnswer =
  /** Sent on untouched. */
  | { readonly kind: 'continue' }
  /** Never sent (Fetch.failRequest, Aborted): the server does not see it. */
  | { readonly kind: 'fail' }
  /** Answered with a 302 to `location` (Fetch.fulfillRequest), which the browser follows like a server's. */
  | { readonly kind: 'redirect'; readonly location: string };

/** A Fetch.enable pattern; only requests matching one pause. */
export interface FetchPattern {
  readonly urlPattern: string;
  readonly resourceType?: 'Document';
  readonly requestStage: 'Request';
}

export interface OpenPageOptions {
  readonly pause: readonly FetchPattern[];
  /** Decides each paused request; if it throws, the request continues (watching never stalls a navigation). */
  readonly answer: (request: PausedRequest) => PausedRequestAnswer;
}

/** What the context held just before wipe() closed it. */
export interface WipeFacts {
  readonly cookiesBeforeClear: number;
  readonly cookiesAfterClear: number;
}

export interface CleanContext {
  readonly context: BrowserContext;
  /** Opens the context's page with CDP Fetch interception enabled, before anything is loaded. */
  openPage(options: OpenPageOptions): Promise<Page>;
  /** True once wipe() has been called: a page closing after that is the wipe, not the user. */
  readonly closing: boolean;
  /** Clears cookies, detaches CDP and closes the context; idempotent (every call gets the first wipe's facts). */
  wipe(): Promise<WipeFacts>;
}

export interface CleanContextOptions {
  /** Called once, after the wipe, with what the context held just before. */
  readonly onWiped?: (facts: WipeFacts) => void;
}

interface RequestPausedEvent {
  readonly requestId: string;
  readonly request: PausedRequest;
}

async function answerPaused(cdp: CDPSession, requestId: string, answer: PausedRequestAnswer): Promise<void> {
  switch (answer.kind) {
    case 'continue':
      await cdp.send('Fetch.continueRequest', { requestId });
      return;
    case 'fail':
      await cdp.send('Fetch.failRequest', { requestId, errorReason: 'Aborted' });
      return;
    case 'redirect':
      await cdp.send('Fetch.fulfillRequest', {
        requestId,
        responseCode: 302,
        responseHeaders: [
          { name: 'Location', value: answer.location },
          { name: 'Cache-Control', value: 'no-store' },
        ],
        body: '',
      });
      return;
  }
}

export async function openCleanContext(browser: Browser, options: CleanContextOptions = {}): Promise<CleanContext> {
  const context = await browser.newContext({ ignoreHTTPSErrors: false });
  let cdp: CDPSession | undefined;
  let wiped: Promise<WipeFacts> | undefined;
  return {
    context,
    get closing() {
      return wiped !== undefined;
    },
    openPage: async ({ pause, answer }) => {
      const page = await context.newPage();
      const session = await context.newCDPSession(page);
      cdp = session;
      session.on('Fetch.requestPaused', ({ requestId, request }: RequestPausedEvent) => {
        let decided: PausedRequestAnswer;
        try {
          decided = answer(request);
        } catch {
          decided = { kind: 'continue' };
        }
        // The page may be gone by now; a request it no longer waits for needs no answer.
        void answerPaused(session, requestId, decided).catch(() => undefined);
      });
      await session.send('Fetch.enable', { patterns: pause.map((p) => ({ ...p })) });
      return page;
    },
    wipe: () =>
      (wiped ??= (async () => {
        const cookiesBeforeClear = (await context.cookies().catch(() => [])).length;
        await context.clearCookies().catch(() => undefined);
        const cookiesAfterClear = (await context.cookies().catch(() => [])).length;
        await cdp?.detach().catch(() => undefined);
        await context.close().catch(() => undefined);
        const facts = { cookiesBeforeClear, cookiesAfterClear };
        options.onWiped?.(facts);
        return facts;
      })()),
  };
}
