// A window on a fresh in-memory partition (no `persist:`), the building block of the Authorize window and
// the clean product session: the session locked down (permissions, downloads), Seamless SSO blocked by the
// caller's request filter, sandboxed login preferences, IdP popups kept in the same partition, a strip above
// the page naming the current host, and wipe() clearing storage, cache and auth cache before destroying it.
import { randomUUID } from 'node:crypto';
import { BaseWindow, session, WebContentsView, type Session, type WebContents } from 'electron';
import { certificateVerdict, type HostTrust } from '../services/authorize/ca-trust';
import {
  lockDownSession,
  loginPopupWindowOptions,
  loginStripWebPreferences,
  loginWebPreferences,
} from '../security-policy';

/** Seamless SSO would sign a domain-joined machine in without a prompt: never let it load. */
export const BLOCKED_HOSTS: readonly string[] = ['autologon.microsoftazuread-sso.com'];
const STRIP_HEIGHT = 36;

export interface CleanWindowOptions {
  readonly partitionPrefix: 'auth' | 'product';
  readonly title: string;
  readonly width: number;
  readonly height: number;
  /** Bold text of the strip, e.g. "Clean session — not signed in anywhere else". */
  readonly stripTitle: string;
  /** Label before the host, e.g. "Signing in at:". */
  readonly hostLabel: string;
}

export interface CleanWindow {
  /** The in-memory partition's name, for further views that must share its cookies (the product session's hidden page). */
  readonly partition: string;
  readonly session: Session;
  readonly win: BaseWindow;
  readonly view: WebContentsView;
  /** Calls back with every main-frame navigation's host (after updating the strip). */
  onHost(listener: (host: string) => void): void;
  /** Clears storage, cache and auth cache, then destroys the window; false if clearing failed. Idempotent. */
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

function stripHtml(o: CleanWindowOptions, host: string): string {
  const safe = host.replace(/[^A-Za-z0-9.:-]/g, '');
  return `data:text/html;charset=utf-8,${encodeURIComponent(
    `<!doctype html><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><body style="margin:0;font:13px system-ui,sans-serif;background:#0f6cbd;color:#fff;display:flex;align-items:center;gap:12px;height:${STRIP_HEIGHT}px;padding:0 12px"><strong>${o.stripTitle}</strong><span>${o.hostLabel} ${safe || '…'}</span></body>`,
  )}`;
}

export function openCleanWindow(o: CleanWindowOptions): CleanWindow {
  const partition = `${o.partitionPrefix}-${randomUUID()}`;
  const s = session.fromPartition(partition, { cache: false });
  lockDownSession(s);
  const win = new BaseWindow({ width: o.width, height: o.height, title: o.title, show: false, autoHideMenuBar: true });
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
  void strip.webContents.loadURL(stripHtml(o, ''));

  const containPopups = (wc: WebContents): void => {
    // Federated IdPs (ADFS, Okta…) may open a popup: it stays in this partition, sandboxed, no preload.
    wc.setWindowOpenHandler(() => ({
      action: 'allow',
      overrideBrowserWindowOptions: loginPopupWindowOptions(partition),
    }));
    wc.on('will-attach-webview', (event) => event.preventDefault());
    wc.on('did-create-window', (child) => containPopups(child.webContents));
  };
  containPopups(view.webContents);

  const listeners: ((host: string) => void)[] = [];
  view.webContents.on('did-navigate', (_e, navigated) => {
    const host = safeHost(navigated) ?? '';
    void strip.webContents.loadURL(stripHtml(o, host));
    for (const l of listeners) l(host);
  });

  let wiped: Promise<boolean> | undefined;
  return {
    partition,
    session: s,
    win,
    view,
    onHost: (l) => listeners.push(l),
    wipe: () =>
      (wiped ??= (async () => {
        s.webRequest.onBeforeRequest(null);
        let ok = true;
        await s.clearStorageData().catch(() => (ok = false));
        await s.clearCache().catch(() => (ok = false));
        await s.clearAuthCache().catch(() => (ok = false));
        if (!win.isDestroyed()) win.destroy();
        return ok;
      })()),
  };
}
