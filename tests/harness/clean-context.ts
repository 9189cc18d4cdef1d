// The harness's clean browser context, the stand-in for electron/platform/clean-window.ts that both harness
// browsers build on (auth-browser.ts for the Authorize window, product-session.ts for the clean product
// session): a fresh Playwright BrowserContext (in memory, like a partition without `persist:`), one page with a
// CDP session on it, requests paused with CDP Fetch — Playwright's `route` is not called for requests later in
// a redirect chain, and a redirect URI or a product's authorize request is exactly such a request — and
// answered by the caller; a custom authority's CA trusted for its host only, by the app's own verdict
// (ca-trust.ts, which the partition's certificate verify proc calls in Electron) on each certificate Chromium
// refuses; and wipe() clearing cookies, detaching CDP and closing the context, once.
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { connect as tlsConnect, type DetailedPeerCertificate } from 'node:tls';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import {
  CERT_TRUSTED,
  certificateVerdict,
  type HostTrust,
  type PresentedCertificate,
} from '../../electron/services/authorize/ca-trust';

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
   * The stand-in for the Electron partition's certificate verify proc (clean-window.ts trustOnlyFor): each
   * certificate Chromium refuses on this page is put to the app's own certificateVerdict with exactly `trust`, over
   * CDP (Security.certificateError, answered continue or cancel), and Chromium goes on with its own connection, as
   * the partition's does. A chain that CA did not issue for that host is refused and calls onCertificateError;
   * another host's refused certificate stays refused (the verify proc leaves it to Chromium). A certificate
   * Chromium already trusts asks for no verdict: a harness launched with a process-wide SPKI pin
   * (startEmulatedApp) does not exercise this; startAppWithIdp, with nothing process-wide, does.
   */
  readonly trust?: HostTrust;
  readonly onCertificateError?: (host: string, reason: string) => void;
  /** Called once the browser has been told what to do with a request the answer let go on unchanged. */
  readonly afterAnswer?: (request: PausedRequest, answer: PausedRequestAnswer) => void;
}

/** The certificate chain as Electron's verify proc gets it (request.certificate, each with its issuerCert). */
function presentedChain(c: DetailedPeerCertificate, depth = 0): PresentedCertificate {
  const issuer = c.issuerCertificate as DetailedPeerCertificate | undefined;
  const up = issuer !== undefined && issuer !== c && issuer.raw !== undefined && depth < 8;
  return {
    data: new X509Certificate(c.raw).toString(),
    ...(up ? { issuerCert: presentedChain(issuer, depth + 1) } : {}),
  };
}

/**
 * The chain a server presents, read over TLS from this process without judging it: the verdict is the app's
 * (certificateVerdict), as Electron hands the verify proc the chain its own TLS connection was shown.
 */
function readPresentedChain(hostname: string, port: number): Promise<PresentedCertificate> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect(
      {
        host: hostname,
        port,
        ...(isIP(hostname) === 0 ? { servername: hostname } : {}),
        rejectUnauthorized: false,
        timeout: 15_000,
      },
      () => {
        const peer = socket.getPeerCertificate(true);
        socket.destroy();
        if (peer.raw === undefined) reject(new Error('the server sent no certificate'));
        else resolve(presentedChain(peer));
      },
    );
    socket.on('timeout', () => socket.destroy(new Error(`No answer from ${hostname}:${port}`)));
    socket.on('error', reject);
  });
}

/**
 * The app's verdict on a certificate Chromium refused: for the trusted host, its presented chain against exactly the
 * trusted CA (certificateVerdict, which also reports a refusal); any other host's refusal stands, as the verify proc
 * leaves those to Chromium. Plain http never gets here: it is not TLS.
 */
async function judgeCertificate(
  requestUrl: string,
  trust: HostTrust,
  onCertificateError: ((host: string, reason: string) => void) | undefined,
): Promise<boolean> {
  const url = new URL(requestUrl);
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (url.protocol !== 'https:' || hostname.toLowerCase() !== trust.host.toLowerCase()) return false;
  let certificate: PresentedCertificate;
  try {
    certificate = await readPresentedChain(hostname, Number(url.port || 443));
  } catch (e) {
    onCertificateError?.(hostname, e instanceof Error ? e.message : String(e));
    return false;
  }
  return (
    certificateVerdict({ hostname, certificate }, trust, (host, reason) => onCertificateError?.(host, reason)) ===
    CERT_TRUSTED
  );
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
  /**
   * Opens the next page ahead: blank, its renderer process started and its CDP session attached, nothing loaded and
   * nothing paused yet. The next openPage() takes it (as the Electron window's blank page made ahead, for a sign-in
   * window made before the click).
   */
  prepare(): Promise<void>;
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
  readonly request: Omit<PausedRequest, 'isMainFrame'>;
  readonly frameId: string;
  readonly resourceType: string;
}

/** Security.certificateError's fields the stand-in reads. */
interface CertificateErrorEvent {
  readonly eventId: number;
  readonly errorType: string;
  readonly requestURL: string;
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
  const sessions: CDPSession[] = [];
  let wiped: Promise<WipeFacts> | undefined;
  /** A blank page with its CDP session and its top frame's id, which keeps its id across navigations. */
  const blankPage = async (): Promise<{ page: Page; session: CDPSession; mainFrameId: string }> => {
    const page = await context.newPage();
    const session = await context.newCDPSession(page);
    sessions.push(session);
    const tree = (await session.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
    return { page, session, mainFrameId: tree.frameTree.frame.id };
  };
  let ahead: ReturnType<typeof blankPage> | undefined;
  return {
    context,
    get closing() {
      return wiped !== undefined;
    },
    prepare: async () => {
      await (ahead ??= blankPage());
    },
    openPage: async ({ pause, answer, afterAnswer, trust, onCertificateError }) => {
      const prepared = ahead && (await ahead.catch(() => undefined));
      ahead = undefined;
      // A Document request in the top frame is a main-frame navigation; nothing pauses until the caller navigates.
      const { page, session, mainFrameId } =
        prepared !== undefined && !prepared.page.isClosed() ? prepared : await blankPage();
      session.on('Fetch.requestPaused', ({ requestId, request, frameId, resourceType }: RequestPausedEvent) => {
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
      if (trust !== undefined) {
        session.on('Security.certificateError', ({ eventId, requestURL }: CertificateErrorEvent) => {
          void judgeCertificate(requestURL, trust, onCertificateError)
            .then((trusted) =>
              session.send('Security.handleCertificateError', { eventId, action: trusted ? 'continue' : 'cancel' }),
            )
            .catch(() => undefined);
        });
      }
      // One round trip for all of them: CDP runs a session's commands in order.
      await Promise.all([
        session.send('Fetch.enable', { patterns: pause.map((p) => ({ ...p })) }),
        ...(trust === undefined
          ? []
          : [
              session.send('Security.enable'),
              // Deprecated in the protocol, and still the one per-page way to answer a certificate error.
              session.send('Security.setOverrideCertificateErrors', { override: true }),
            ]),
      ]);
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
