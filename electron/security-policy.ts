// The app's Electron security policy as plain data and pure functions: the option objects of every window the
// app opens (main window, sign-in and product windows, their host strips and popups), CSP, navigation and
// external-link rules, popup limits, permission and client-certificate decisions, the application menu,
// renderer asset resolution. window.ts, main.ts and platform/* apply them; unit tests build and assert them
// without an Electron binary (type-only import of Electron here).
import type {
  BaseWindow,
  BaseWindowConstructorOptions,
  BrowserWindowConstructorOptions,
  MenuItemConstructorOptions,
  WebContentsViewConstructorOptions,
  WebPreferences,
} from 'electron';
import { posix } from 'node:path';

/** The renderer is served from this custom, privileged, standard scheme, never from file://. */
export const RENDERER_SCHEME = 'app';
export const RENDERER_HOST = 'renderer';
export const RENDERER_ORIGIN = `${RENDERER_SCHEME}://${RENDERER_HOST}`;
export const RENDERER_ENTRY = `${RENDERER_ORIGIN}/index.html`;

/** app:// is standard and secure (so the renderer is a secure context with an origin); no fetch from other origins, no streaming. */
export const RENDERER_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: false,
  stream: false,
  bypassCSP: false,
} as const;

/** CSP for the main window. Griffel (Fluent UI) injects <style> elements, hence 'unsafe-inline' for styles only. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'none'",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** What every web contents of the app gets, the main window and the login views alike. */
const HARDENED_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
} as const satisfies WebPreferences;

/** Whether this is the installed app (app.isPackaged) or a development run: developer tools only in the latter. */
export interface BuildFacts {
  readonly packaged: boolean;
}

export function mainWindowWebPreferences(preloadPath: string, build: BuildFacts): WebPreferences {
  return {
    preload: preloadPath,
    ...HARDENED_PREFERENCES,
    // Middle-click would open links in new windows; the window-open handler denies them anyway, this keeps
    // the event from reaching pages at all (Electronegativity's AUXCLICK check).
    disableBlinkFeatures: 'Auxclick',
    spellcheck: false,
    safeDialogs: true,
    disableDialogs: false,
    // The installed app has no developer tools: they would show the renderer's state to anyone at the keyboard
    // and let a pasted snippet call window.api.
    devTools: !build.packaged,
  };
}

export function mainWindowOptions(
  preloadPath: string,
  dark: boolean,
  build: BuildFacts,
): BrowserWindowConstructorOptions {
  return {
    width: 1180,
    height: 800,
    minWidth: 820,
    minHeight: 560,
    show: false,
    title: 'Mailbox Auth Helper',
    backgroundColor: dark ? '#1f1f1f' : '#fafafa',
    autoHideMenuBar: true,
    webPreferences: mainWindowWebPreferences(preloadPath, build),
  };
}

/**
 * The application menu: a development run keeps Electron's default (reload, developer tools); the installed app
 * gets none on Windows and Linux (Chromium handles copy and paste itself) and on macOS only the app, Edit and
 * Window menus, without which copy and paste do not work there. `undefined` means leave the default.
 */
export function applicationMenuTemplate(
  platform: NodeJS.Platform,
  build: BuildFacts,
): MenuItemConstructorOptions[] | null | undefined {
  if (!build.packaged) return undefined;
  if (platform !== 'darwin') return null;
  return [{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }];
}

/** The main window may only ever show our own renderer. */
export function isAllowedMainWindowNavigation(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${RENDERER_SCHEME}:` && u.host === RENDERER_HOST && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/** Hosts whose documentation pages the app may open in the user's browser (help links only). */
export const EXTERNAL_ALLOWLIST: readonly string[] = [
  'learn.microsoft.com',
  'entra.microsoft.com',
  'portal.azure.com',
  'admin.microsoft.com',
  'admin.exchange.microsoft.com',
  'login.microsoftonline.com',
];

/** shell.openExternal is only ever called with https URLs to allow-listed hosts, without credentials. */
export function isAllowedExternalUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (
      u.protocol === 'https:' &&
      u.username === '' &&
      u.password === '' &&
      u.port === '' &&
      EXTERNAL_ALLOWLIST.includes(u.hostname)
    );
  } catch {
    return false;
  }
}

/** Every permission (camera, notifications, geolocation, clipboard-read, …) is denied, in every session. */
export const permissionDecision = (_permission: string): boolean => false;

/** The part of an Electron Session the lockdown touches (a fake in tests, a real Session in main.ts). */
export interface LockableSession {
  setPermissionRequestHandler(
    handler: ((webContents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null,
  ): void;
  setPermissionCheckHandler(handler: ((webContents: unknown, permission: string) => boolean) | null): void;
  on(event: 'will-download', listener: (event: { preventDefault(): void }) => void): unknown;
}

/**
 * Applied to every session the app creates (the default session and each auth partition): every
 * permission request and check is denied, every download refused.
 */
export function lockDownSession(s: LockableSession): void {
  s.setPermissionRequestHandler((_wc, permission, callback) => callback(permissionDecision(permission)));
  s.setPermissionCheckHandler((_wc, permission) => permissionDecision(permission));
  s.on('will-download', (event) => event.preventDefault());
}

/**
 * Remote login pages (auth partitions, their federated-IdP popups, the host strip): no preload, no Node,
 * the sandbox, context isolation, web security, and their own partition.
 */
export function loginWebPreferences(partition: string): WebPreferences {
  return {
    partition,
    ...HARDENED_PREFERENCES,
    spellcheck: false,
  };
}

/** The host strip above a login page: our own static data: page, with JavaScript off. */
export function loginStripWebPreferences(partition: string): WebPreferences {
  return { ...loginWebPreferences(`strip-${partition}`), javascript: false };
}

/**
 * A federated IdP's popup (ADFS, Okta…): the preferences Electron creates its contents with (in the flow's
 * partition, the login page's preferences). platform/clean-window.ts then frames it like the sign-in window:
 * parented, with its own host strip (popupWindowOptions).
 */
export function loginPopupWindowOptions(partition: string): BrowserWindowConstructorOptions {
  return { webPreferences: loginWebPreferences(partition), autoHideMenuBar: true };
}

/**
 * The product session's hidden silent page (a prompt=none request of the app's identity check): a zero-sized view in
 * the product window that exists only to carry the flow partition's cookies; the login page's preferences.
 */
export function silentViewOptions(partition: string): { webPreferences: WebPreferences } {
  return { webPreferences: loginWebPreferences(partition) };
}

/** What a clean window (sign-in, product) says about itself: title, size, the host strip's words. */
export interface CleanWindowSpec {
  readonly partitionPrefix: 'auth' | 'product';
  readonly title: string;
  readonly width: number;
  readonly height: number;
  /** Bold text of the strip, e.g. "Clean session — not signed in anywhere else". */
  readonly stripTitle: string;
  /** Label before the host, e.g. "Signing in at:". */
  readonly hostLabel: string;
}

export const SIGN_IN_WINDOW: CleanWindowSpec = {
  partitionPrefix: 'auth',
  title: 'Sign in — clean session',
  width: 520,
  height: 720,
  stripTitle: 'Clean session — not signed in anywhere else',
  hostLabel: 'Signing in at:',
};

export const PRODUCT_WINDOW: CleanWindowSpec = {
  partitionPrefix: 'product',
  title: 'Product — clean session',
  width: 1100,
  height: 800,
  stripTitle: 'Clean product session — watched by Mailbox Auth Helper',
  hostLabel: 'At:',
};

/** Height of the host strip above every clean page and popup. */
export const STRIP_HEIGHT = 36;

/** The option objects of one clean window: its frame, the host strip's view and the page's view. */
export interface CleanWindowOptions {
  readonly window: BaseWindowConstructorOptions;
  readonly strip: WebContentsViewConstructorOptions;
  readonly page: WebContentsViewConstructorOptions;
}

/** A sign-in or product window on `partition` (a fresh in-memory one: never `persist:`). */
export function cleanWindowOptions(spec: CleanWindowSpec, partition: string): CleanWindowOptions {
  return {
    window: { width: spec.width, height: spec.height, title: spec.title, show: false, autoHideMenuBar: true },
    strip: { webPreferences: loginStripWebPreferences(partition) },
    page: { webPreferences: loginWebPreferences(partition) },
  };
}

/**
 * A popup a login page opened, framed like its opener: a child of the flow's window (so it stays above it and
 * closes with it), its own host strip. The page view adopts the contents Electron made with
 * loginPopupWindowOptions; its preferences are repeated here for the record and for the test that reads them.
 */
export function popupWindowOptions(spec: CleanWindowSpec, partition: string, parent: BaseWindow): CleanWindowOptions {
  return {
    window: {
      width: Math.min(spec.width, 600),
      height: Math.min(spec.height, 700),
      title: `${spec.title} — sign-in popup`,
      show: true,
      autoHideMenuBar: true,
      parent,
    },
    strip: { webPreferences: loginStripWebPreferences(partition) },
    page: { webPreferences: loginWebPreferences(partition) },
  };
}

/** At most this many popups open at once, and this many per flow: a page cannot flood the desktop with windows. */
export const MAX_OPEN_POPUPS = 2;
export const MAX_POPUPS_PER_FLOW = 8;

/**
 * Counts a flow's popups and decides each window.open: allowed only to a URL a login page may navigate to
 * (isAllowedAuthNavigation) and within both limits. platform/clean-window.ts keeps one per clean window.
 */
export class PopupLedger {
  #open = 0;
  #opened = 0;

  /** True (and counted) when a popup to `url` may open now. */
  request(url: string): boolean {
    if (!isAllowedAuthNavigation(url)) return false;
    if (this.#open >= MAX_OPEN_POPUPS || this.#opened >= MAX_POPUPS_PER_FLOW) return false;
    this.#open++;
    this.#opened++;
    return true;
  }

  /** A popup was closed (by the user, the page or wipe). */
  closed(): void {
    this.#open = Math.max(0, this.#open - 1);
  }

  get open(): number {
    return this.#open;
  }

  get opened(): number {
    return this.#opened;
  }
}

/**
 * Login pages may go to https anywhere (Entra, federated IdPs) and to loopback http (a product's
 * http://localhost redirect URI, which the isolated browser catches and cancels); never to file:,
 * data:, javascript:, app: or an OS scheme handler.
 */
export function isAllowedAuthNavigation(url: string): boolean {
  try {
    const u = new URL(url);
    if (u.username !== '' || u.password !== '') return false;
    if (u.protocol === 'https:') return true;
    return (
      u.protocol === 'http:' && (u.hostname === 'localhost' || u.hostname === '127.0.0.1' || u.hostname === '[::1]')
    );
  } catch {
    return false;
  }
}

/** Whose web contents these are: the app's own window (default session) or a login flow (an auth partition). */
export type ContentsRole = 'app' | 'auth';

/** What `will-frame-navigate` gives a listener (Electron's event carries the details on the event itself). */
export interface FrameNavigationEvent {
  readonly url: string;
  readonly isMainFrame: boolean;
  preventDefault(): void;
}

/** The part of an Electron WebContents the guard touches (a fake in tests, the real one in main.ts). */
export interface GuardableContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (event: { preventDefault(): void }, url: string) => void,
  ): unknown;
  on(event: 'will-frame-navigate', listener: (event: FrameNavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
}

/**
 * Where a frame may navigate: the app window's main frame stays on app://renderer and it has no subframes worth
 * a navigation (its CSP says frame-src 'none'); a login page's frames, main or sub, follow the login rule.
 */
export function isAllowedFrameNavigation(role: ContentsRole, url: string, isMainFrame: boolean): boolean {
  if (role === 'app') return isMainFrame && isAllowedMainWindowNavigation(url);
  return isAllowedAuthNavigation(url);
}

/**
 * Applied to every web contents ever created (app `web-contents-created`): no <webview>, navigation of every
 * frame limited by role (will-navigate and will-redirect for the main frame, will-frame-navigate for any frame),
 * and new windows denied; the app window's help links go to the user's browser only when allow-listed. A clean
 * window replaces the window-open handler of its own views afterwards, to let counted IdP popups open framed.
 */
export function guardWebContents(
  contents: GuardableContents,
  role: ContentsRole,
  openExternal: (url: string) => void,
): void {
  const allowed = role === 'app' ? isAllowedMainWindowNavigation : isAllowedAuthNavigation;
  contents.setWindowOpenHandler(({ url }) => {
    if (role === 'app' && isAllowedExternalUrl(url)) openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!allowed(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!allowed(url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAllowedFrameNavigation(role, event.url, event.isMainFrame)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** The parts of a client certificate the chooser names (Electron's Certificate has these fields). */
export interface CertificateFacts {
  readonly subjectName: string;
  readonly issuerName: string;
  readonly validExpiry: number;
}

/** The question the client-certificate chooser asks: which host wants one, and which certificates could go. */
export interface CertificateQuestion {
  readonly message: string;
  readonly detail: string;
  /** buttons[0] is always "Don't send a certificate" (the default and the cancel answer). */
  readonly buttons: readonly string[];
}

/** At most this many certificates are offered in the chooser (the rest are not sent). */
export const MAX_CERTIFICATE_CHOICES = 5;

/**
 * The chooser for a site that asks for a client certificate in a clean window. Electron's default would send the
 * first certificate of the OS store (a device or corporate certificate) silently — a sign-in with the desktop's
 * identity, which the clean session exists to prevent. So nothing is sent unless the admin picks one here.
 * `undefined` for the app's own window and main-process requests: they never need one, so nothing is offered.
 */
export function clientCertificateQuestion(
  role: ContentsRole | 'none',
  url: string,
  certificates: readonly CertificateFacts[],
): CertificateQuestion | undefined {
  if (role !== 'auth' || certificates.length === 0) return undefined;
  let host: string;
  try {
    host = new URL(url).host;
  } catch {
    return undefined;
  }
  if (host === '') return undefined;
  const shown = certificates.slice(0, MAX_CERTIFICATE_CHOICES);
  return {
    message: `${host} asks for a client certificate.`,
    detail:
      'A certificate signs the clean session in as this device or as you, not as the mailbox account. Send one only if your organisation requires certificate sign-in for the mailbox account itself.',
    buttons: [
      'Don’t send a certificate',
      ...shown.map((c) => `${c.subjectName || '(no name)'} — issued by ${c.issuerName || '(unknown)'}`),
    ],
  };
}

/** The certificate the admin picked (button index), or undefined for "don't send" and anything out of range. */
export function chosenCertificate<C>(certificates: readonly C[], response: number): C | undefined {
  if (!Number.isInteger(response) || response < 1 || response > MAX_CERTIFICATE_CHOICES) return undefined;
  return certificates[response - 1];
}

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export interface RendererAsset {
  /** Path relative to the renderer root, normalised, never escaping it. */
  readonly relativePath: string;
  readonly contentType: string;
}

/**
 * Maps an app://renderer/... URL to a file below the renderer root. Refuses other hosts, traversal
 * (`..`, encoded or not), backslashes, NUL bytes, ':' and Windows device names, and unknown file types.
 */
export function resolveRendererAsset(url: string): RendererAsset | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.protocol !== `${RENDERER_SCHEME}:` || u.host !== RENDERER_HOST) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(u.pathname);
  } catch {
    return undefined;
  }
  if (path.includes('\0') || path.includes('\\')) return undefined;
  // Windows: ':' names a drive or an alternate data stream, and CON, NUL, COM1… are devices with any extension.
  if (path.includes(':') || path.split('/').some((seg) => /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(seg)))
    return undefined;
  // Any dot segment left after URL parsing came from an encoded form (%2e%2e, ..%2f): refuse, don't resolve.
  if (path.split('/').some((seg) => seg === '..' || seg === '.')) return undefined;
  if (path === '/' || path === '') path = '/index.html';
  const normal = posix.normalize(path);
  if (!normal.startsWith('/') || normal !== path) return undefined;
  const rel = normal.slice(1);
  const dot = rel.lastIndexOf('.');
  const type = dot >= 0 ? MIME[rel.slice(dot).toLowerCase()] : undefined;
  if (type === undefined) return undefined;
  return { relativePath: rel, contentType: type };
}

/** Response headers for every renderer asset. */
export function rendererResponseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
  };
}

/**
 * Command-line switches applied before `ready`: integrated Windows auth (Kerberos/NTLM) must match no
 * server, so an auth window can never sign in silently with the desktop's Windows identity.
 */
export const HARDENING_SWITCHES: readonly (readonly [string, string])[] = [
  ['auth-server-whitelist', '_no-integrated-auth.invalid'],
  ['auth-negotiate-delegate-whitelist', '_no-integrated-auth.invalid'],
];

/**
 * Answers Electron's select-client-certificate (platform/client-certificate.ts binds it to app): Electron's own
 * choice (the store's first certificate) is always prevented; a clean window's site gets a certificate only when
 * the admin picks one in the chooser that names the host; the app's window and main-process requests get none.
 */
export function answerClientCertificate<C extends CertificateFacts>(
  event: { preventDefault(): void },
  role: ContentsRole | 'none',
  url: string,
  certificates: readonly C[],
  callback: (certificate?: C) => void,
  ask: (question: CertificateQuestion) => Promise<number>,
): void {
  event.preventDefault();
  const question = clientCertificateQuestion(role, url, certificates);
  if (question === undefined) return callback();
  void ask(question).then(
    (response) => callback(chosenCertificate(certificates, response)),
    () => callback(),
  );
}
