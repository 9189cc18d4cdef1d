// The Electron ProductBrowser: the product's own admin page in a window on a fresh in-memory partition (no
// `persist:`), hardened like the Authorize window (permissions and downloads refused, Seamless SSO blocked,
// sandboxed login preferences, IdP popups kept in the partition). Every request of the partition goes through
// the session's watcher in webRequest.onBeforeRequest: a Microsoft authorize request may be redirected to its
// rewritten URL (prompt=login + login_hint); the callback to the product is observed and NOT cancelled, since
// the product itself must receive and redeem its code — the watcher's afterContinue runs only once it has gone on.
// Only main-frame navigations are shown to the watcher (an authorize request and the product's callback are both
// top-level navigations), so images and scripts never reach it.
// silentRequest loads the app's own silent request in a hidden view of the same partition (its Entra cookies);
// that view's requests never reach the watcher, and its main-frame navigation to the redirect URI is cancelled,
// so the product never sees the app's answer. close() wipes storage, cache and auth cache.
import { WebContentsView } from 'electron';
import { matchesRedirectUri } from '../../shared/authorize/redirect-uri';
import type { ProductBrowserFactory, SilentOutcome } from '../services/product-session/product-browser';
import { PRODUCT_WINDOW, silentViewOptions } from '../security-policy';
import { isBlockedHost, openCleanWindow, uploadText } from './clean-window';

interface SilentPage {
  readonly redirectUri: URL;
  readonly finish: (outcome: SilentOutcome) => void;
}

export function electronProductBrowsers(): ProductBrowserFactory {
  return async (baseUrl, watcher) => {
    const w = openCleanWindow(PRODUCT_WINDOW);
    /** The app's own hidden pages, by webContents id: their requests are the app's, not the product's. */
    const silentPages = new Map<number, SilentPage>();

    w.session.webRequest.onBeforeRequest((details, callback) => {
      if (isBlockedHost(details.url)) return callback({ cancel: true });
      // A subresource (an image or fetch aimed at the redirect URI) never stands in for a navigation.
      if (details.resourceType !== 'mainFrame') return callback({});
      const silent = details.webContentsId === undefined ? undefined : silentPages.get(details.webContentsId);
      if (silent !== undefined) {
        if (!matchesRedirectUri(details.url, silent.redirectUri)) return callback({});
        // The answer to the app's own request: read here and cancelled, so it never reaches the product.
        const body = details.method === 'POST' ? uploadText(details.uploadData) : undefined;
        silent.finish({
          kind: 'callback',
          callbackUrl: details.url,
          ...(body === undefined ? {} : { formBody: body }),
        });
        return callback({ cancel: true });
      }
      const formBody = details.method === 'POST' ? uploadText(details.uploadData) : undefined;
      let decision: ReturnType<typeof watcher.onRequest>;
      try {
        decision = watcher.onRequest({
          url: details.url,
          method: details.method,
          ...(formBody === undefined ? {} : { formBody }),
        });
      } catch {
        decision = {}; // watching must never break the product's own navigation
      }
      if (decision.redirectTo !== undefined) return callback({ redirectURL: decision.redirectTo });
      callback({});
      try {
        decision.afterContinue?.();
      } catch {
        // the app's follow-up never affects the product's request, which has already gone on
      }
    });

    let closing = false;
    w.win.on('closed', () => {
      if (!closing) watcher.onWindowClosed();
    });
    w.win.show();
    void w.view.webContents.loadURL(baseUrl).catch(() => undefined);

    return {
      silentRequest: (url, redirectUri, { timeoutMs }) =>
        new Promise<SilentOutcome>((resolve) => {
          if (closing || w.win.isDestroyed()) return resolve({ kind: 'failed', reason: 'The session is closed.' });
          // Zero-sized inside the product window: a view that exists only to carry the partition's cookies.
          const options = silentViewOptions(w.partition);
          const view = new WebContentsView(options);
          view.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
          view.setBounds({ x: 0, y: 0, width: 0, height: 0 });
          w.win.contentView.addChildView(view);
          const id = view.webContents.id;
          let done = false;
          const finish = (outcome: SilentOutcome): void => {
            if (done) return;
            done = true;
            clearTimeout(timer);
            silentPages.delete(id);
            if (!w.win.isDestroyed()) w.win.contentView.removeChildView(view);
            if (!view.webContents.isDestroyed()) view.webContents.close();
            resolve(outcome);
          };
          const timer = setTimeout(() => finish({ kind: 'timeout' }), timeoutMs);
          silentPages.set(id, { redirectUri, finish });
          view.webContents.on('did-fail-load', (_e, code, description, _url, isMainFrame) => {
            // ERR_ABORTED (-3) is the cancelled redirect itself; anything else on the main frame is a failure.
            if (isMainFrame && code !== -3) finish({ kind: 'failed', reason: `${description} (${code})` });
          });
          void view.webContents.loadURL(url).catch(() => undefined);
        }),
      close: async () => {
        closing = true;
        for (const p of [...silentPages.values()]) p.finish({ kind: 'failed', reason: 'The session was closed.' });
        return { wiped: await w.wipe() };
      },
    };
  };
}
