// The harness's AuthBrowser: a clean context per flow (clean-context.ts, the stand-in for Electron's in-memory
// partition) whose requests to the redirect URI's origin pause; the product's redirect is caught there and
// failed, so it never reaches the product, exactly as electron/platform/isolated-browser.ts cancels it, and by
// the same rule (redirectCatch): only a main-frame navigation ends the flow; other requests there are failed.
// Each loaded page is read for Entra's sign-in error page with the same reader as the Electron window.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  redirectCatch,
  settleOnce,
  type AuthBrowser,
  type AuthBrowserFactory,
  type AuthBrowserOptions,
  type AuthBrowserOutcome,
} from '../../electron/services/authorize/auth-browser';
import {
  readSignInErrorPage,
  SNAPSHOT_SCRIPT,
  type SignInPageSnapshot,
} from '../../electron/services/authorize/sign-in-error-page';
import { openCleanContext, type WipeFacts } from './clean-context';

export interface PlaywrightAuthBrowserOptions {
  /** Called with each flow's page as soon as it opens (tests sign in on it). */
  readonly onPage?: (page: Page, context: BrowserContext) => void;
  /** Called after a flow's context is disposed, with what it held just before closing. */
  readonly onDisposed?: (facts: WipeFacts) => void;
}

export function playwrightAuthBrowsers(
  getBrowser: () => Browser,
  options: PlaywrightAuthBrowserOptions = {},
): AuthBrowserFactory {
  return async () => {
    const clean = await openCleanContext(getBrowser(), {
      ...(options.onDisposed ? { onWiped: options.onDisposed } : {}),
    });
    // Its page now, blank, as the Electron window's (isolated-browser.ts): a window made ahead of the click
    // (AuthorizeService.prepare) is then shown and navigated at the click, its renderer process already started.
    await clean.prepare();
    const browser: AuthBrowser = {
      authorize: (url: string, redirectUri: URL, opts: AuthBrowserOptions): Promise<AuthBrowserOutcome> =>
        new Promise<AuthBrowserOutcome>((resolve) => {
          const finish = settleOnce(opts, resolve);
          void (async () => {
            const page = await clean.openPage({
              ...(opts.trust === undefined ? {} : { trust: opts.trust }),
              onCertificateError: (host, reason) => finish({ kind: 'certificate-error', host, reason }),
              // Only requests to the redirect URI's origin pause; everything else flows untouched.
              pause: [{ urlPattern: `${redirectUri.protocol}//${redirectUri.host}/*`, requestStage: 'Request' }],
              answer: (request) => {
                const decision = redirectCatch(request, redirectUri);
                if (decision === 'continue') return { kind: 'continue' };
                if (decision === 'cancel') return { kind: 'fail' };
                // Caught: record the response parameters, never let the request reach the product.
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
            page.on('close', () => finish({ kind: 'cancelled' }));
            // Chromium's own refusal of a certificate (a host without a trusted CA) ends the flow at once, as in Electron.
            page.on('requestfailed', (request) => {
              const failure = request.failure()?.errorText ?? '';
              if (request.isNavigationRequest() && /ERR_CERT_|ERR_SSL_/.test(failure))
                finish({ kind: 'certificate-error', host: new URL(request.url()).hostname, reason: failure });
            });
            page.on('framenavigated', (frame) => {
              if (frame === page.mainFrame()) {
                try {
                  opts.onHost?.(new URL(frame.url()).host);
                } catch {
                  // about:blank and the like have no host to show
                }
              }
            });
            page.on('load', () => {
              void page
                .evaluate(SNAPSHOT_SCRIPT)
                .then((read) => {
                  const found = readSignInErrorPage(
                    { ...(read as Omit<SignInPageSnapshot, 'url'>), url: page.url() },
                    url,
                  );
                  if (found !== undefined) finish({ kind: 'error-page', page: found });
                })
                .catch(() => undefined);
            });
            options.onPage?.(page, clean.context);
            await page.goto(url).catch(() => undefined);
          })().catch(() => finish({ kind: 'cancelled' }));
        }),
      dispose: async () => {
        await clean.wipe();
      },
    };
    return browser;
  };
}
