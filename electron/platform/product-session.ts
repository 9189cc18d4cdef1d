// The Electron ProductBrowser: the product's own admin page in a window on a fresh in-memory partition (no
// `persist:`), hardened like the Authorize window (permissions and downloads refused, Seamless SSO blocked,
// sandboxed login preferences, IdP popups kept in the partition). Every request of the partition goes through
// the session's watcher in webRequest.onBeforeRequest: a Microsoft authorize request may be redirected to its
// rewritten URL (prompt=login + login_hint); the callback to the product is observed and NOT cancelled, since
// the product itself must receive and redeem its code. close() wipes storage, cache and auth cache.
import type { ProductBrowserFactory } from '../services/product-session/product-browser';
import { isBlockedHost, openCleanWindow, uploadText } from './clean-window';

export function electronProductBrowsers(): ProductBrowserFactory {
  return async (baseUrl, watcher) => {
    const w = openCleanWindow({
      partitionPrefix: 'product',
      title: 'Product — clean session',
      width: 1100,
      height: 800,
      stripTitle: 'Clean product session — watched by Mailbox Auth Helper',
      hostLabel: 'At:',
    });
    w.session.webRequest.onBeforeRequest((details, callback) => {
      if (isBlockedHost(details.url)) return callback({ cancel: true });
      const formBody = details.method === 'POST' ? uploadText(details.uploadData) : undefined;
      let redirectTo: string | undefined;
      try {
        redirectTo = watcher.onRequest({
          url: details.url,
          method: details.method,
          ...(formBody === undefined ? {} : { formBody }),
        }).redirectTo;
      } catch {
        redirectTo = undefined; // watching must never break the product's own navigation
      }
      callback(redirectTo === undefined ? {} : { redirectURL: redirectTo });
    });

    let closing = false;
    w.win.on('closed', () => {
      if (!closing) watcher.onWindowClosed();
    });
    w.win.show();
    void w.view.webContents.loadURL(baseUrl).catch(() => undefined);

    return {
      close: async () => {
        closing = true;
        return { wiped: await w.wipe() };
      },
    };
  };
}
