// The Electron AuthBrowser: one window per flow on a fresh in-memory partition (no `persist:`), so no
// cookie, SSO session or cached credential from anywhere else can sign the user in silently. The product's
// redirect is caught in webRequest and cancelled (it never reaches the product) — only as a main-frame
// navigation (redirectCatch): a subresource aimed at the redirect URI is cancelled without ending the flow.
// Seamless SSO and integrated Windows auth are blocked; permissions and downloads are refused; federated IdP
// popups stay in the same partition, counted and framed; a strip above the page shows the current host. Each loaded
// page is read for Entra's sign-in error page (sign-in-error-page.ts), which ends the flow at once with its AADSTS code.
import {
  redirectCatch,
  settleOnce,
  type AuthBrowser,
  type AuthBrowserFactory,
  type AuthBrowserOptions,
  type AuthBrowserOutcome,
} from '../services/authorize/auth-browser';
import { SIGN_IN_WINDOW } from '../security-policy';
import {
  readSignInErrorPage,
  SNAPSHOT_SCRIPT,
  type SignInPageSnapshot,
} from '../services/authorize/sign-in-error-page';
import { isBlockedHost, openCleanWindow, safeHost, trustOnlyFor, uploadText } from './clean-window';

export { BLOCKED_HOSTS } from './clean-window';

/** The isolated world the error-page check runs in (any id other than 0, the page's own). */
const ERROR_PAGE_WORLD = 1001;

export function electronAuthBrowsers(): AuthBrowserFactory {
  return async () => {
    const w = openCleanWindow(SIGN_IN_WINDOW);
    // Its page's renderer process now, on a blank page: a window made ahead of the click (AuthorizeService.prepare)
    // is then shown and navigated at the click. about:blank assigns the process no site, so the first real navigation
    // commits in it. Nothing else loads in the partition before authorize().
    await w.view.webContents.loadURL('about:blank').catch(() => undefined);
    const browser: AuthBrowser = {
      authorize: (url: string, redirectUri: URL, opts: AuthBrowserOptions) =>
        new Promise<AuthBrowserOutcome>((resolve) => {
          const finish = settleOnce(opts, resolve);
          w.win.on('closed', () => finish({ kind: 'cancelled' }));

          w.session.webRequest.onBeforeRequest((details, callback) => {
            if (isBlockedHost(details.url)) return callback({ cancel: true });
            const decision = redirectCatch(
              { url: details.url, isMainFrame: details.resourceType === 'mainFrame' },
              redirectUri,
            );
            if (decision === 'catch') {
              // The redirect carries the code: read it here and cancel, so the product never receives it.
              const body = uploadText(details.uploadData);
              finish({
                kind: 'callback',
                callbackUrl: details.url,
                ...(details.method === 'POST' && body !== undefined ? { formBody: body } : {}),
              });
              // The admin is done with the window: it goes out of sight now, so the app's window shows the verdict,
              // and is emptied and destroyed a moment after it (the service waits CLOSE_AFTER_VERDICT_MS, 250 ms,
              // so the verdict's render and first frame get the CPU first).
              if (!w.win.isDestroyed()) w.win.hide();
            }
            callback(decision === 'continue' ? {} : { cancel: true });
          });
          // A custom authority's CA: trusted for its host only, in this partition only.
          if (opts.trust !== undefined)
            trustOnlyFor(w.session, opts.trust, (host, reason) => finish({ kind: 'certificate-error', host, reason }));
          // Any certificate the window refuses ends the flow at once with the host, instead of a page nobody reads.
          w.view.webContents.on('certificate-error', (event, url, error, _certificate, callback) => {
            event.preventDefault();
            callback(false);
            finish({ kind: 'certificate-error', host: safeHost(url) ?? url.slice(0, 200), reason: error });
          });
          w.onHost((host) => opts.onHost?.(host));
          // Read in an isolated world, so the page's own scripts cannot change what the app reads.
          w.view.webContents.on('did-finish-load', () => {
            const wc = w.view.webContents;
            void wc
              .executeJavaScriptInIsolatedWorld(ERROR_PAGE_WORLD, [{ code: SNAPSHOT_SCRIPT }])
              .then((read: Omit<SignInPageSnapshot, 'url'>) => {
                const page = readSignInErrorPage({ ...read, url: wc.getURL() }, url);
                if (page !== undefined) finish({ kind: 'error-page', page });
              })
              .catch(() => undefined);
          });
          w.win.show();
          void w.view.webContents.loadURL(url).catch(() => undefined);
        }),
      dispose: async () => {
        await w.wipe();
      },
    };
    return browser;
  };
}
