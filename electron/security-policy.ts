// The app's Electron security policy as plain data and pure functions: window options, CSP, navigation and
// external-link rules, permission decisions, renderer asset resolution. window.ts/main.ts apply them; unit
// tests assert them without an Electron binary (type-only import of Electron here).
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
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

export function mainWindowWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    ...HARDENED_PREFERENCES,
    // Middle-click would open links in new windows; the window-open handler denies them anyway, this keeps
    // the event from reaching pages at all (Electronegativity's AUXCLICK check).
    disableBlinkFeatures: 'Auxclick',
    spellcheck: false,
    safeDialogs: true,
    disableDialogs: false,
    devTools: true,
  };
}

export function mainWindowOptions(preloadPath: string, dark: boolean): BrowserWindowConstructorOptions {
  return {
    width: 1180,
    height: 800,
    minWidth: 820,
    minHeight: 560,
    show: false,
    title: 'Mailbox Auth Helper',
    backgroundColor: dark ? '#1f1f1f' : '#fafafa',
    autoHideMenuBar: true,
    webPreferences: mainWindowWebPreferences(preloadPath),
  };
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

/** A federated IdP's popup (ADFS, Okta…) stays in the flow's partition, with the login page's preferences. */
export function loginPopupWindowOptions(partition: string): BrowserWindowConstructorOptions {
  return { webPreferences: loginWebPreferences(partition), autoHideMenuBar: true };
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

/** The part of an Electron WebContents the guard touches (a fake in tests, the real one in main.ts). */
export interface GuardableContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (event: { preventDefault(): void }, url: string) => void,
  ): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
}

/**
 * Applied to every web contents ever created (app `web-contents-created`): no <webview>, navigation limited
 * by role, and new windows denied; the app window's help links go to the user's browser only when
 * allow-listed. The isolated browser replaces the window-open handler of its own views afterwards to keep
 * IdP popups inside the flow's partition.
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
  contents.on('will-attach-webview', (event) => event.preventDefault());
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
