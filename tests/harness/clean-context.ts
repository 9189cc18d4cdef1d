// The harness's clean browser context, the stand-in for electron/platform/clean-window.ts that both harness
// browsers build on (auth-browser.ts for the Authorize window, product-session.ts for the clean product
// session): a fresh Playwright BrowserContext (in memory, like a partition without `persist:`), one page with a
// CDP session on it, requests paused with CDP Fetch — Playwright's `route` is not called for requests later in
// a redirect chain, and a redirect URI or a product's authorize request is exactly such a request — and
// answered by the caller, a custom authority's CA trusted for its host only (requests to it made here with that CA
// alone, the stand-in for the partition's certificate verify proc), and wipe() clearing cookies, detaching CDP and
// closing the context, once.
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';

/** A request paused by CDP Fetch (the fields of Fetch.requestPaused's `request` the harness reads). */
export interface PausedRequest {
  readonly url: string;
  readonly method: string;
  readonly postData?: string;
  /** A top-level document of the page (Electron's resourceType 'mainFrame'), not a subframe or a subresource. */
  readonly isMainFrame: boolean;
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
  /**
   * The stand-in for the Electron partition's certificate verify proc: https requests to `trust.host` are made from
   * this process with exactly `trust.caPem` as the only trusted CA (no system roots, no process-wide trust) and
   * answered to the page; a certificate that CA did not issue for that host fails the request and calls
   * onCertificateError. Plain http to the same name is not TLS, so it is paused and answered like any other request.
   */
  readonly trust?: { readonly host: string; readonly caPem: string };
  readonly onCertificateError?: (host: string, reason: string) => void;
  /** Called once the browser has been told what to do with a request the answer let go on unchanged. */
  readonly afterAnswer?: (request: PausedRequest, answer: PausedRequestAnswer) => void;
}

interface TrustedRequest extends Omit<PausedRequest, 'isMainFrame'> {
  readonly headers?: Readonly<Record<string, string>>;
}

/** Sends one paused request to the trusted host with only its CA, cookies from the context; answers the page with it. */
async function answerTrusted(
  cdp: CDPSession,
  context: BrowserContext,
  requestId: string,
  request: TrustedRequest,
  trust: { readonly host: string; readonly caPem: string },
  onCertificateError: ((host: string, reason: string) => void) | undefined,
): Promise<void> {
  const url = new URL(request.url);
  const headers: Record<string, string> = { ...request.headers };
  const cookies = (await context.cookies(request.url)).map((c) => `${c.name}=${c.value}`).join('; ');
  if (cookies !== '') headers.Cookie = cookies;
  try {
    const answer = await new Promise<{ status: number; raw: string[]; body: Buffer }>((resolve, reject) => {
      const req = httpsRequest(
        url,
        {
          method: request.method,
          headers,
          ca: [trust.caPem],
          ...(isIP(url.hostname) === 0 ? { servername: url.hostname } : {}),
          agent: false,
          timeout: 15_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 502, raw: res.rawHeaders, body: Buffer.concat(chunks) }),
          );
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`No answer from ${url.host}`)));
      req.on('error', reject);
      if (request.postData !== undefined) req.write(request.postData);
      req.end();
    });
    const responseHeaders: { name: string; value: string }[] = [];
    for (let i = 0; i + 1 < answer.raw.length; i += 2)
      responseHeaders.push({ name: answer.raw[i] ?? '', value: answer.raw[i + 1] ?? '' });
    await cdp.send('Fetch.fulfillRequest', {
      requestId,
      responseCode: answer.status,
      responseHeaders,
      body: answer.body.toString('base64'),
    });
  } catch (e) {
    const err = e as { message?: string; code?: string };
    if (/CERT|certificate|self.signed|UNABLE_TO_VERIFY|ERR_TLS/i.test(`${err.code ?? ''} ${err.message ?? ''}`))
      onCertificateError?.(url.hostname, `${err.code ?? ''} ${err.message ?? ''}`.trim());
    await cdp.send('Fetch.failRequest', { requestId, errorReason: 'Failed' }).catch(() => undefined);
  }
}

/** What the context held just before wipe() closed it. */
export interface WipeFacts {
  readonly cookiesBeforeClear: number;
  readonly cookiesAfterClear: number;
}

export interface CleanContext {
  readonly context: BrowserContext;
  /** Opens a page of the context with CDP Fetch interception enabled, before anything is loaded (several may be open). */
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
  readonly request: TrustedRequest;
  readonly frameId: string;
  readonly resourceType: string;
}

/**
 * Whether a request goes through the trusted-host stand-in: an https request to exactly that host name (any port).
 * Electron's verify proc only ever sees TLS connections, so plain http to the same name — the audit client's
 * http://localhost redirect URI while the emulator is https://localhost:<port> — is no business of the trust and must
 * reach the caller's `answer`, which catches it.
 */
const isTrustedRequest = (url: string, trust: { readonly host: string }): boolean => {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && u.hostname.toLowerCase() === trust.host.toLowerCase();
  } catch {
    return false;
  }
};

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
  const sessions: CDPSession[] = [];
  let wiped: Promise<WipeFacts> | undefined;
  return {
    context,
    get closing() {
      return wiped !== undefined;
    },
    openPage: async ({ pause, answer, afterAnswer, trust, onCertificateError }) => {
      const page = await context.newPage();
      const session = await context.newCDPSession(page);
      sessions.push(session);
      // The top frame keeps its id across navigations: a Document request in it is a main-frame navigation.
      const tree = (await session.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
      const mainFrameId = tree.frameTree.frame.id;
      session.on('Fetch.requestPaused', ({ requestId, request, frameId, resourceType }: RequestPausedEvent) => {
        if (trust !== undefined && isTrustedRequest(request.url, trust)) {
          void answerTrusted(session, context, requestId, request, trust, onCertificateError).catch(() => undefined);
          return;
        }
        const paused: PausedRequest = {
          ...request,
          isMainFrame: resourceType === 'Document' && frameId === mainFrameId,
        };
        let decided: PausedRequestAnswer;
        try {
          decided = answer(paused);
        } catch {
          decided = { kind: 'continue' };
        }
        // The page may be gone by now; a request it no longer waits for needs no answer.
        void answerPaused(session, requestId, decided)
          .catch(() => undefined)
          .then(() => afterAnswer?.(paused, decided))
          .catch(() => undefined);
      });
      const patterns = [
        ...pause.map((p) => ({ ...p })),
        ...(trust === undefined ? [] : [{ urlPattern: `https://${trust.host}*`, requestStage: 'Request' as const }]),
      ];
      await session.send('Fetch.enable', { patterns });
      return page;
    },
    wipe: () =>
      (wiped ??= (async () => {
        const cookiesBeforeClear = (await context.cookies().catch(() => [])).length;
        await context.clearCookies().catch(() => undefined);
        const cookiesAfterClear = (await context.cookies().catch(() => [])).length;
        for (const s of sessions) await s.detach().catch(() => undefined);
        await context.close().catch(() => undefined);
        const facts = { cookiesBeforeClear, cookiesAfterClear };
        options.onWiped?.(facts);
        return facts;
      })()),
  };
}
