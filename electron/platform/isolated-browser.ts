// The Electron AuthBrowser: one window per flow on a fresh in-memory partition (no `persist:`), so no
// cookie, SSO session or cached credential from anywhere else can sign the user in silently. The product's
// redirect is caught in webRequest and cancelled (it never reaches the product); Seamless SSO and
// integrated Windows auth are blocked; permissions and downloads are refused; federated IdP popups stay in
// the same partition; a strip above the page shows the current host and that the session is clean.
import { randomUUID } from 'node:crypto';
import { BaseWindow, session, WebContentsView, type WebContents } from 'electron';
import type { AuthBrowser, AuthBrowserFactory, AuthBrowserOptions, AuthBrowserOutcome } from '../services/auth-browser';
import { matchesRedirectUri } from '../../shared/redirect-uri';
import { lockDownSession, loginPopupWindowOptions, loginStripWebPreferences, loginWebPreferences } from '../security-policy';

/** Seamless SSO would sign a domain-joined machine in without a prompt: never let it load. */
export const BLOCKED_HOSTS: readonly string[] = ['autologon.microsoftazuread-sso.com'];
const STRIP_HEIGHT = 36;

function stripHtml(host: string): string {
  const safe = host.replace(/[^A-Za-z0-9.:-]/g, '');
  return `data:text/html;charset=utf-8,${encodeURIComponent(
    `<!doctype html><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><body style="margin:0;font:13px system-ui,sans-serif;background:#0f6cbd;color:#fff;display:flex;align-items:center;gap:12px;height:${STRIP_HEIGHT}px;padding:0 12px"><strong>Clean session — not signed in anywhere else</strong><span>Signing in at: ${safe || '…'}</span></body>`,
  )}`;
}

export function electronAuthBrowsers(): AuthBrowserFactory {
  return async () => {
    const partition = `auth-${randomUUID()}`;
    const s = session.fromPartition(partition, { cache: false });
    lockDownSession(s);
    const win = new BaseWindow({ width: 520, height: 720, title: 'Sign in — clean session', show: false, autoHideMenuBar: true });
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
    let disposed = false;

    const containPopups = (wc: WebContents): void => {
      // Federated IdPs (ADFS, Okta…) may open a popup: it stays in this partition, sandboxed, no preload.
      wc.setWindowOpenHandler(() => ({ action: 'allow', overrideBrowserWindowOptions: loginPopupWindowOptions(partition) }));
      wc.on('will-attach-webview', (event) => event.preventDefault());
      wc.on('did-create-window', (child) => containPopups(child.webContents));
    };
    containPopups(view.webContents);

    const browser: AuthBrowser = {
      authorize: (url: string, redirectUri: URL, opts: AuthBrowserOptions) =>
        new Promise<AuthBrowserOutcome>((resolve) => {
          let settled = false;
          const finish = (outcome: AuthBrowserOutcome): void => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            opts.signal?.removeEventListener('abort', onAbort);
            resolve(outcome);
          };
          const timer = setTimeout(() => finish({ kind: 'timeout' }), opts.timeoutMs);
          const onAbort = (): void => finish({ kind: 'cancelled' });
          opts.signal?.addEventListener('abort', onAbort);
          win.on('closed', () => finish({ kind: 'cancelled' }));

          s.webRequest.onBeforeRequest((details, callback) => {
            const host = safeHost(details.url);
            if (host !== undefined && BLOCKED_HOSTS.includes(host)) return callback({ cancel: true });
            if (matchesRedirectUri(details.url, redirectUri)) {
              // The redirect carries the code: read it here and cancel, so the product never receives it.
              const body = details.uploadData?.map((d) => (d.bytes ? d.bytes.toString('utf8') : '')).join('');
              finish({ kind: 'callback', callbackUrl: details.url, ...(details.method === 'POST' && body !== undefined ? { formBody: body } : {}) });
              return callback({ cancel: true });
            }
            callback({});
          });
          view.webContents.on('did-navigate', (_e, navigated) => {
            const host = safeHost(navigated) ?? '';
            opts.onHost?.(host);
            void strip.webContents.loadURL(stripHtml(host));
          });
          win.show();
          void view.webContents.loadURL(url).catch(() => undefined);
        }),
      dispose: async () => {
        if (disposed) return;
        disposed = true;
        s.webRequest.onBeforeRequest(null);
        await s.clearStorageData().catch(() => undefined);
        await s.clearCache().catch(() => undefined);
        await s.clearAuthCache().catch(() => undefined);
        if (!win.isDestroyed()) win.destroy();
      },
    };
    return browser;
  };
}

function safeHost(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}
