// The Electron ProductBrowser: the product's own admin page in a window on a fresh in-memory partition (no
// `persist:`), hardened like the Authorize window (permissions and downloads refused, Seamless SSO blocked,
// sandboxed login preferences, IdP popups kept in the partition). Every request of the partition goes through
// the session's watcher in webRequest.onBeforeRequest: a Microsoft authorize request may be redirected to its
// rewritten URL (prompt=login + login_hint); the callback to the product is observed and NOT cancelled, since
// the product itself must receive and redeem its code. close() wipes storage, cache and auth cache.
import { randomUUID } from 'node:crypto';
import { BaseWindow, session, WebContentsView, type WebContents } from 'electron';
import type { ProductBrowserFactory } from '../services/product-session/product-session';
import { lockDownSession, loginPopupWindowOptions, loginStripWebPreferences, loginWebPreferences } from '../security-policy';
import { BLOCKED_HOSTS } from './isolated-browser';

const STRIP_HEIGHT = 36;

function stripHtml(host: string): string {
  const safe = host.replace(/[^A-Za-z0-9.:-]/g, '');
  return `data:text/html;charset=utf-8,${encodeURIComponent(
    `<!doctype html><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><body style="margin:0;font:13px system-ui,sans-serif;background:#0f6cbd;color:#fff;display:flex;align-items:center;gap:12px;height:${STRIP_HEIGHT}px;padding:0 12px"><strong>Clean product session — watched by Mailbox Auth Helper</strong><span>At: ${safe || '…'}</span></body>`,
  )}`;
}

function safeHost(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

export function electronProductBrowsers(): ProductBrowserFactory {
  return async (baseUrl, watcher) => {
    const partition = `product-${randomUUID()}`;
    const s = session.fromPartition(partition, { cache: false });
    lockDownSession(s);
    const win = new BaseWindow({ width: 1100, height: 800, title: 'Product — clean session', show: false, autoHideMenuBar: true });
    const strip = new WebContentsView({ webPreferences: loginStripWebPreferences(partition) });
    const view = new WebContentsView({ webPreferences: loginWebPreferences(partition) });
    win.contentView.addChildView(strip);
    win.contentView.addChildView(view);
    const layout = (): void => {
      const { width, height } = win.getContentBounds();
      strip.setBounds({ x: 0, y: 0, width, height: STRIP_HEIGHT });
      view.setBounds({ x: 0, y: STRIP_HEIGHT, width, height: Math.max(0, height - STRIP_HEIGHT) });
    };
    win.on('resize', layout);
    layout();
    void strip.webContents.loadURL(stripHtml(''));

    const containPopups = (wc: WebContents): void => {
      wc.setWindowOpenHandler(() => ({ action: 'allow', overrideBrowserWindowOptions: loginPopupWindowOptions(partition) }));
      wc.on('will-attach-webview', (event) => event.preventDefault());
      wc.on('did-create-window', (child) => containPopups(child.webContents));
    };
    containPopups(view.webContents);

    s.webRequest.onBeforeRequest((details, callback) => {
      const host = safeHost(details.url);
      if (host !== undefined && BLOCKED_HOSTS.includes(host)) return callback({ cancel: true });
      const formBody = details.method === 'POST' ? details.uploadData?.map((d) => (d.bytes ? d.bytes.toString('utf8') : '')).join('') : undefined;
      let redirectTo: string | undefined;
      try {
        redirectTo = watcher.onRequest({ url: details.url, method: details.method, ...(formBody === undefined ? {} : { formBody }) }).redirectTo;
      } catch {
        redirectTo = undefined; // watching must never break the product's own navigation
      }
      callback(redirectTo === undefined ? {} : { redirectURL: redirectTo });
    });

    let closing = false;
    win.on('closed', () => {
      if (!closing) watcher.onWindowClosed();
    });
    view.webContents.on('did-navigate', (_e, navigated) => {
      void strip.webContents.loadURL(stripHtml(safeHost(navigated) ?? ''));
    });
    win.show();
    void view.webContents.loadURL(baseUrl).catch(() => undefined);

    return {
      close: async () => {
        if (closing) return { wiped: true };
        closing = true;
        s.webRequest.onBeforeRequest(null);
        let wiped = true;
        await s.clearStorageData().catch(() => (wiped = false));
        await s.clearCache().catch(() => (wiped = false));
        await s.clearAuthCache().catch(() => (wiped = false));
        if (!win.isDestroyed()) win.destroy();
        return { wiped };
      },
    };
  };
}
