// A window on a fresh in-memory partition (no `persist:`), the building block of the Authorize window and
// the clean product session: the session locked down (permissions, downloads), Seamless SSO blocked by the
// caller's request filter, sandboxed login preferences, a strip above the page naming the current host, and
// wipe() closing every window of the flow before clearing storage, cache and auth cache. Every option object
// comes from security-policy.ts (cleanWindowOptions, popupWindowOptions), where a test builds and reads them.
// IdP popups (ADFS, Okta…) open only to URLs a login page may visit, counted and limited (PopupLedger), in the
// same partition, framed like the sign-in window: a child window with its own host strip; wipe() destroys them.
import { randomUUID } from 'node:crypto';
import { BaseWindow, session, WebContentsView, type Session, type WebContents } from 'electron';
import { certificateVerdict, type HostTrust } from '../services/authorize/ca-trust';
import {
  cleanWindowOptions,
  lockDownSession,
  loginPopupWindowOptions,
  PopupLedger,
  popupWindowOptions,
  STRIP_HEIGHT,
  type CleanWindowOptions,
  type CleanWindowSpec,
} from '../security-policy';

/** Seamless SSO would sign a domain-joined machine in without a prompt: never let it load. */
export const BLOCKED_HOSTS: readonly string[] = ['autologon.microsoftazuread-sso.com'];

export interface CleanWindow {
  /** The in-memory partition's name, for further views that must share its cookies (the product session's hidden page). */
  readonly partition: string;
  readonly session: Session;
  readonly win: BaseWindow;
  readonly view: WebContentsView;
  /** Calls back with every main-frame navigation's host of the main page (after updating the strip). */
  onHost(listener: (host: string) => void): void;
  /** Closes every window of the flow (popups first), then clears storage, cache and auth cache; false if clearing failed. Idempotent. */
  wipe(): Promise<boolean>;
}

/**
 * Makes this window's partition trust exactly `trust.caPem` for exactly `trust.host` (its own verify proc; other
 * hosts keep Chromium's verification), nothing process-wide. A refused certificate is reported with its host.
 */
export function trustOnlyFor(s: Session, trust: HostTrust, onRefused: (host: string, reason: string) => void): void {
  s.setCertificateVerifyProc((request, callback) => {
    callback(certificateVerdict(request, trust, onRefused));
  });
}

export function safeHost(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

export const isBlockedHost = (url: string): boolean => {
  const host = safeHost(url);
  return host !== undefined && BLOCKED_HOSTS.includes(host);
};

/** The body a POST carries (form_post responses), as text. */
export const uploadText = (data: readonly { bytes?: Buffer }[] | undefined): string | undefined =>
  data?.map((d) => (d.bytes ? d.bytes.toString('utf8') : '')).join('');

function stripHtml(o: CleanWindowSpec, host: string): string {
  const safe = host.replace(/[^A-Za-z0-9.:-]/g, '');
  return `data:text/html;charset=utf-8,${encodeURIComponent(
    `<!doctype html><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><body style="margin:0;font:13px system-ui,sans-serif;background:#0f6cbd;color:#fff;display:flex;align-items:center;gap:12px;height:${STRIP_HEIGHT}px;padding:0 12px"><strong>${o.stripTitle}</strong><span>${o.hostLabel} ${safe || '…'}</span></body>`,
  )}`;
}

interface Framed {
  readonly win: BaseWindow;
  readonly view: WebContentsView;
}

/** A frame with the host strip on top and the page below; the strip follows the page's main-frame host. */
function framed(spec: CleanWindowSpec, options: CleanWindowOptions, onHost?: (host: string) => void): Framed {
  const win = new BaseWindow(options.window);
  const strip = new WebContentsView(options.strip);
  const view = new WebContentsView(options.page);
  win.contentView.addChildView(strip);
  win.contentView.addChildView(view);
  const layout = (): void => {
    const { width, height } = win.getContentBounds();
    strip.setBounds({ x: 0, y: 0, width, height: STRIP_HEIGHT });
    view.setBounds({ x: 0, y: STRIP_HEIGHT, width, height: Math.max(0, height - STRIP_HEIGHT) });
  };
  win.on('resize', layout);
  layout();
  void strip.webContents.loadURL(stripHtml(spec, ''));
  view.webContents.on('did-navigate', (_e, navigated) => {
    const host = safeHost(navigated) ?? '';
    void strip.webContents.loadURL(stripHtml(spec, host));
    onHost?.(host);
  });
  return { win, view };
}

export function openCleanWindow(spec: CleanWindowSpec): CleanWindow {
  const partition = `${spec.partitionPrefix}-${randomUUID()}`;
  const s = session.fromPartition(partition, { cache: false });
  lockDownSession(s);
  const listeners: ((host: string) => void)[] = [];
  const main = framed(spec, cleanWindowOptions(spec, partition), (host) => {
    for (const l of listeners) l(host);
  });
  const popups = new Set<BaseWindow>();
  const ledger = new PopupLedger();

  const containPopups = (wc: WebContents): void => {
    wc.setWindowOpenHandler(({ url }) => {
      if (main.win.isDestroyed() || !ledger.request(url)) return { action: 'deny' };
      return {
        action: 'allow',
        // Electron creates the popup's contents with these preferences (this partition, sandboxed, no preload)…
        overrideBrowserWindowOptions: loginPopupWindowOptions(partition),
        // …and we frame them: parented to the flow's window, with their own host strip.
        createWindow: (options) => {
          const guest = (options as { webContents?: WebContents }).webContents;
          const popup = framed(spec, {
            ...popupWindowOptions(spec, partition, main.win),
            page: guest === undefined ? { webPreferences: options.webPreferences ?? {} } : { webContents: guest },
          });
          popups.add(popup.win);
          popup.win.on('closed', () => {
            popups.delete(popup.win);
            ledger.closed();
          });
          containPopups(popup.view.webContents);
          return popup.view.webContents;
        },
      };
    });
    wc.on('will-attach-webview', (event) => event.preventDefault());
  };
  containPopups(main.view.webContents);

  let wiped: Promise<boolean> | undefined;
  return {
    partition,
    session: s,
    win: main.win,
    view: main.view,
    onHost: (l) => listeners.push(l),
    wipe: () =>
      (wiped ??= (async () => {
        // Windows first, while the request hook still catches what they send; then the hook, then storage.
        for (const p of [...popups]) if (!p.isDestroyed()) p.destroy();
        if (!main.win.isDestroyed()) main.win.destroy();
        s.webRequest.onBeforeRequest(null);
        let ok = true;
        await s.clearStorageData().catch(() => (ok = false));
        await s.clearCache().catch(() => (ok = false));
        await s.clearAuthCache().catch(() => (ok = false));
        return ok;
      })()),
  };
}
