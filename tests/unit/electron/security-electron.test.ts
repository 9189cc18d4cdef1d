// Electron's security checklist (docs/tutorial/security.md, items 1–20), one test per item, asserted on the
// code that configures it: the pure builders and guards in electron/security-policy.ts (applied by main.ts,
// window.ts and platform/isolated-browser.ts), fakes for Session/WebContents, the fuse config and the
// sources where the only evidence is the call site. No Electron binary. The map is security-checklist.test.ts.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  cleanWindowOptions,
  CONTENT_SECURITY_POLICY,
  guardWebContents,
  MAX_OPEN_POPUPS,
  MAX_POPUPS_PER_FLOW,
  PopupLedger,
  PRODUCT_WINDOW,
  SIGN_IN_WINDOW,
  isAllowedAuthNavigation,
  isAllowedExternalUrl,
  lockDownSession,
  loginPopupWindowOptions,
  loginStripWebPreferences,
  loginWebPreferences,
  mainWindowOptions,
  RENDERER_ENTRY,
  RENDERER_SCHEME_PRIVILEGES,
  rendererResponseHeaders,
  resolveRendererAsset,
  type ContentsRole,
  type GuardableContents,
  type LockableSession,
} from '../../../electron/security-policy';
import { createDispatcher, trustedOriginPredicate, type HandlerTable } from '../../../electron/services/ipc/dispatch';
import { buildApiSurface } from '../../../shared/api-surface';
import { METHOD_NAMES } from '../../../shared/contract-methods';
import { REPO_ROOT } from '../../support/repo-root';

const root = REPO_ROOT;
const read = (rel: string): string => readFileSync(join(root, rel), 'utf8');

function sourcesUnder(rel: string): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(join(root, dir))) {
      const p = `${dir}/${name}`;
      if (statSync(join(root, p)).isDirectory()) walk(p);
      else if (p.endsWith('.ts')) out.push({ path: p, text: read(p) });
    }
  };
  walk(rel);
  return out;
}
const electronSources = sourcesUnder('electron');
/** Source without comments, so a comment mentioning an API is not taken for a call. */
const code = (text: string): string => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');

const MAIN = mainWindowOptions('/app/preload.cjs', false, { packaged: true }).webPreferences ?? {};
const LOGIN = loginWebPreferences('auth-1234');
const STRIP = loginStripWebPreferences('auth-1234');
const POPUP = loginPopupWindowOptions('auth-1234').webPreferences ?? {};
const SIGN_IN = cleanWindowOptions(SIGN_IN_WINDOW, 'auth-1234');
const PRODUCT = cleanWindowOptions(PRODUCT_WINDOW, 'product-1234');
/** Every renderer the app creates: the main window, the login-flow contents and the product session's. */
const ALL_PREFS = {
  main: MAIN,
  login: LOGIN,
  strip: STRIP,
  popup: POPUP,
  signInPage: SIGN_IN.page.webPreferences ?? {},
  signInStrip: SIGN_IN.strip.webPreferences ?? {},
  productPage: PRODUCT.page.webPreferences ?? {},
  productStrip: PRODUCT.strip.webPreferences ?? {},
} as const;
const { main: _main, ...REMOTE_PREFS } = ALL_PREFS;

type Listener = (e: { preventDefault(): void; url?: string; isMainFrame?: boolean }, url: string) => void;

/** A WebContents stand-in that records what the guard registers and lets a test fire the events. */
function fakeContents(): GuardableContents & {
  open: (url: string) => { action: string } | undefined;
  fire: (event: 'will-navigate' | 'will-redirect' | 'will-attach-webview', url?: string) => boolean;
  fireFrame: (url: string, isMainFrame: boolean) => boolean;
} {
  let openHandler: ((d: { url: string }) => { action: 'deny' }) | undefined;
  const listeners = new Map<string, Listener[]>();
  const emit = (event: string, e: { preventDefault(): void; url?: string; isMainFrame?: boolean }, url: string) => {
    const ls = listeners.get(event) ?? [];
    if (ls.length === 0) throw new Error(`no listener for ${event}`);
    for (const l of ls) l(e, url);
  };
  return {
    setWindowOpenHandler: (h) => {
      openHandler = h;
    },
    on: ((event: string, listener: Listener) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return undefined;
    }) as GuardableContents['on'],
    open: (url) => openHandler?.({ url }),
    fire: (event, url = '') => {
      let prevented = false;
      emit(event, { preventDefault: () => (prevented = true) }, url);
      return prevented;
    },
    // Electron's will-frame-navigate carries its details on the event object.
    fireFrame: (url, isMainFrame) => {
      let prevented = false;
      emit('will-frame-navigate', { url, isMainFrame, preventDefault: () => (prevented = true) }, url);
      return prevented;
    },
  };
}

function guarded(role: ContentsRole): { contents: ReturnType<typeof fakeContents>; opened: string[] } {
  const contents = fakeContents();
  const opened: string[] = [];
  guardWebContents(contents, role, (u) => opened.push(u));
  return { contents, opened };
}

describe('Electron security checklist', () => {
  it('#1 only secure content: app:// renderer, https-only remote loads, no http source in the CSP', () => {
    expect(RENDERER_ENTRY.startsWith('app://')).toBe(true);
    expect(RENDERER_SCHEME_PRIVILEGES.secure).toBe(true);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/\bhttp:|\bws:|\*/);
    for (const url of ['http://login.microsoftonline.com/', 'http://evil.test/', 'ftp://x.test/', 'ws://x.test/'])
      expect(isAllowedAuthNavigation(url), url).toBe(false);
    expect(isAllowedAuthNavigation('https://login.microsoftonline.com/contoso/oauth2/v2.0/authorize')).toBe(true);
    // A product's http://localhost redirect URI is reachable only on loopback (the isolated browser cancels it).
    expect(isAllowedAuthNavigation('http://localhost:3000/callback')).toBe(true);
    expect(isAllowedExternalUrl('http://learn.microsoft.com/')).toBe(false);
    // No source loads a plain-http URL literal.
    for (const f of electronSources) expect(code(f.text), f.path).not.toMatch(/loadURL\(\s*['"`]http:/);
  });

  it('#2 no Node.js integration in any renderer that shows remote content (login page, popups, strip), nor in the main window', () => {
    for (const [name, p] of Object.entries(ALL_PREFS)) {
      expect(p, name).toMatchObject({
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
      });
    }
    for (const [name, p] of Object.entries(REMOTE_PREFS)) expect(p.preload, name).toBeUndefined();
  });

  it('#3 context isolation in every renderer', () => {
    for (const [name, p] of Object.entries(ALL_PREFS)) expect(p.contextIsolation, name).toBe(true);
  });

  it('#4 process sandboxing in every renderer, and app.enableSandbox() before ready', () => {
    for (const [name, p] of Object.entries(ALL_PREFS)) expect(p.sandbox, name).toBe(true);
    expect(code(read('electron/main.ts'))).toMatch(/app\.enableSandbox\(\)/);
  });

  it('#5 permission request handler on every session: default session and each auth partition deny everything', () => {
    const calls: string[] = [];
    const got: {
      request?: Parameters<LockableSession['setPermissionRequestHandler']>[0];
      check?: Parameters<LockableSession['setPermissionCheckHandler']>[0];
      download?: (e: { preventDefault(): void }) => void;
    } = {};
    const fake: LockableSession = {
      setPermissionRequestHandler: (h) => {
        calls.push('request');
        got.request = h;
      },
      setPermissionCheckHandler: (h) => {
        calls.push('check');
        got.check = h;
      },
      on: (_event, l) => {
        calls.push('will-download');
        got.download = l;
      },
    };
    const { request, check, download } = {
      request: () => got.request,
      check: () => got.check,
      download: () => got.download,
    };
    lockDownSession(fake);
    expect(calls.sort()).toEqual(['check', 'request', 'will-download']);
    for (const p of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'pointerLock',
      'fullscreen',
      'hid',
      'serial',
      'usb',
    ]) {
      let granted: boolean | undefined;
      request()?.({}, p, (g) => (granted = g));
      expect(granted, p).toBe(false);
      expect(check()?.({}, p), p).toBe(false);
    }
    let prevented = false;
    download()?.({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    // Every session the app makes is locked down: the default one in main.ts, each partition right after fromPartition.
    expect(code(read('electron/main.ts'))).toMatch(/lockDownSession\(session\.defaultSession\)/);
    for (const f of electronSources) {
      const src = code(f.text);
      const made = src.match(/session\.fromPartition\(/g)?.length ?? 0;
      const locked = src.match(/lockDownSession\(/g)?.length ?? 0;
      expect(locked, `${f.path}: every fromPartition is followed by lockDownSession`).toBeGreaterThanOrEqual(made);
    }
  });

  it('#6 webSecurity stays on in every renderer', () => {
    for (const [name, p] of Object.entries(ALL_PREFS)) expect(p.webSecurity, name).toBe(true);
  });

  it('#7 a restrictive Content-Security-Policy on the main window (header and meta), script-src self only', () => {
    expect(CONTENT_SECURITY_POLICY).toMatch(/(^|; )default-src 'none'(;|$)/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/(^|; )script-src 'self'(;|$)/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|wasm-unsafe-eval/);
    expect(rendererResponseHeaders('text/html; charset=utf-8')['Content-Security-Policy']).toBe(
      CONTENT_SECURITY_POLICY,
    );
    const meta =
      /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(read('renderer/index.html'))?.[1] ?? '';
    expect(meta).toMatch(/(^|; )script-src 'self'(;|$)/);
    expect(meta).toMatch(/(^|; )default-src 'none'(;|$)/);
    expect(RENDERER_SCHEME_PRIVILEGES.bypassCSP).toBe(false);
  });

  it('#8 allowRunningInsecureContent is never enabled', () => {
    for (const [name, p] of Object.entries(ALL_PREFS)) expect(p.allowRunningInsecureContent, name).toBe(false);
    for (const f of electronSources) expect(code(f.text), f.path).not.toMatch(/allowRunningInsecureContent:\s*true/);
  });

  it('#9 experimental features are never enabled', () => {
    for (const [name, p] of Object.entries(ALL_PREFS)) expect(p.experimentalFeatures, name).toBe(false);
    for (const f of electronSources) expect(code(f.text), f.path).not.toMatch(/experimentalFeatures:\s*true/);
  });

  it('#10 enableBlinkFeatures is never used', () => {
    for (const [name, p] of Object.entries(ALL_PREFS)) expect(p, name).not.toHaveProperty('enableBlinkFeatures');
    for (const f of electronSources) expect(code(f.text), f.path).not.toMatch(/enableBlinkFeatures/);
    expect(MAIN.disableBlinkFeatures).toBe('Auxclick');
  });

  it('#11 <webview> allowpopups: the webview tag is disabled everywhere, so no webview (and no allowpopups) exists', () => {
    for (const [name, p] of Object.entries(ALL_PREFS)) expect(p.webviewTag, name).toBe(false);
    for (const f of electronSources) expect(code(f.text), f.path).not.toMatch(/allowpopups|webviewTag:\s*true/);
  });

  it('#12 <webview> options verified: every attach is refused, in the app window and in login contents', () => {
    for (const role of ['app', 'auth'] as const)
      expect(guarded(role).contents.fire('will-attach-webview'), role).toBe(true);
  });

  it('#13 navigation limited: the app window stays on app://renderer, login contents on https (and loopback http)', () => {
    const app = guarded('app').contents;
    for (const ev of ['will-navigate', 'will-redirect'] as const) {
      expect(app.fire(ev, 'app://renderer/index.html#/tokens')).toBe(false);
      for (const bad of [
        'https://login.microsoftonline.com/',
        'https://renderer/',
        'app://renderer.evil.test/',
        'file:///etc/passwd',
        'javascript:alert(1)',
        'data:text/html,x',
      ]) {
        expect(app.fire(ev, bad), `${ev} ${bad}`).toBe(true);
      }
    }
    const auth = guarded('auth').contents;
    expect(auth.fire('will-navigate', 'https://login.microsoftonline.com/common/login')).toBe(false);
    expect(auth.fire('will-redirect', 'https://adfs.contoso.test/adfs/ls')).toBe(false);
    for (const bad of [
      'file:///C:/Windows/win.ini',
      'app://renderer/index.html',
      'javascript:alert(1)',
      'ms-settings:',
      'http://evil.test/',
      'https://user:pw@login.microsoftonline.com/',
    ]) {
      expect(auth.fire('will-navigate', bad), bad).toBe(true);
      // will-frame-navigate: the same rule for subframes, which will-navigate never sees.
      expect(auth.fireFrame(bad, false), `subframe ${bad}`).toBe(true);
      expect(auth.fireFrame(bad, true), `main frame ${bad}`).toBe(true);
    }
    expect(auth.fireFrame('https://login.microsoftonline.com/common/login', false)).toBe(false);
    // The app window has no frame that may navigate anywhere but its own main frame to app://renderer.
    expect(app.fireFrame('app://renderer/index.html#/tokens', true)).toBe(false);
    expect(app.fireFrame('app://renderer/index.html', false)).toBe(true);
    expect(app.fireFrame('https://evil.test/', false)).toBe(true);
  });

  it('#14 new windows denied (app) or contained in the flow’s partition with login preferences (auth popups)', () => {
    for (const role of ['app', 'auth'] as const) {
      const { contents } = guarded(role);
      for (const url of [
        'https://evil.test/',
        'https://learn.microsoft.com/x',
        'about:blank',
        'app://renderer/index.html',
      ])
        expect(contents.open(url)?.action, `${role} ${url}`).toBe('deny');
    }
    expect(POPUP.partition).toBe('auth-1234');
    expect(POPUP.preload).toBeUndefined();
    // A clean window lets popups open only to login URLs, counted: a few at once, a few per flow.
    const ledger = new PopupLedger();
    for (const bad of ['file:///etc/passwd', 'app://renderer/index.html', 'http://evil.test/', 'javascript:x'])
      expect(ledger.request(bad), bad).toBe(false);
    for (let i = 0; i < MAX_OPEN_POPUPS; i++) expect(ledger.request('https://adfs.contoso.test/ls')).toBe(true);
    expect(ledger.request('https://adfs.contoso.test/ls')).toBe(false);
    let opened = ledger.opened;
    while (opened < MAX_POPUPS_PER_FLOW) {
      ledger.closed();
      expect(ledger.request('https://adfs.contoso.test/ls')).toBe(true);
      opened = ledger.opened;
    }
    ledger.closed();
    expect(ledger.open).toBeLessThan(MAX_OPEN_POPUPS);
    expect(ledger.request('https://adfs.contoso.test/ls')).toBe(false);
  });

  it('#15 shell.openExternal only with allow-listed https URLs, and only from the app window', () => {
    const { contents, opened } = guarded('app');
    for (const url of [
      'https://learn.microsoft.com/en-us/entra/',
      'https://evil.test/',
      'file:///C:/Windows/System32/calc.exe',
      'ms-msdt:/id',
      'smb://evil.test/share',
      'https://learn.microsoft.com.evil.test/',
    ])
      contents.open(url);
    expect(opened).toEqual(['https://learn.microsoft.com/en-us/entra/']);
    const auth = guarded('auth');
    auth.contents.open('https://learn.microsoft.com/en-us/entra/');
    expect(auth.opened).toEqual([]);
    // The only call sites of shell.openExternal check the URL on the same line.
    const sites = electronSources.flatMap((f) =>
      code(f.text)
        .split('\n')
        .filter((l) => l.includes('openExternal(') && l.includes('shell.'))
        .map((l) => `${f.path}: ${l.trim()}`),
    );
    expect(sites.length).toBeGreaterThan(0);
    for (const s of sites) expect(s).toMatch(/isAllowedExternalUrl\(/);
  });

  it('#16 Electron is current: the electron devDependency major is at least 45 (current stable)', () => {
    const pkg = JSON.parse(read('package.json')) as {
      devDependencies?: Record<string, string>;
      dependencies?: Record<string, string>;
    };
    const spec = pkg.devDependencies?.electron ?? pkg.dependencies?.electron ?? '';
    const major = Number(/(\d+)\./.exec(spec)?.[1] ?? NaN);
    expect(major).toBeGreaterThanOrEqual(45);
  });

  it('#17 the sender of every IPC message is validated: only the app origin’s main frame may call', async () => {
    const isTrusted = trustedOriginPredicate(['app://renderer']);
    expect(isTrusted({ senderUrl: 'app://renderer/index.html', isMainFrame: true })).toBe(true);
    for (const ctx of [
      { senderUrl: 'app://renderer/index.html', isMainFrame: false },
      { senderUrl: 'https://login.microsoftonline.com/', isMainFrame: true },
      { senderUrl: 'app://renderer.evil.test/', isMainFrame: true },
      { senderUrl: 'file:///index.html', isMainFrame: true },
      { senderUrl: '', isMainFrame: true },
    ]) {
      expect(isTrusted(ctx), JSON.stringify(ctx)).toBe(false);
    }
    let called = false;
    const handlers = new Proxy({}, { get: () => async () => ((called = true), {}) }) as unknown as HandlerTable;
    const dispatch = createDispatcher(handlers, { isTrustedSender: isTrusted });
    for (const method of METHOD_NAMES) {
      const r = await dispatch(method, {}, { senderUrl: 'https://evil.test/', isMainFrame: true });
      expect(r.ok === false && r.error.code).toBe('UNTRUSTED_SENDER');
    }
    expect(called).toBe(false);
    // ipc.ts hands every channel's sender frame to the dispatcher (no handler bypasses it).
    const ipc = code(read('electron/ipc.ts'));
    expect(ipc).toMatch(
      /ipcMain\.handle\(method, \(event, payload: unknown\) => dispatch\(method, payload, senderContext\(event\)\)\)/,
    );
    expect(ipc.match(/ipcMain\.(handle|on)\(/g)?.length).toBe(1);
  });

  it('#18 no file:// for the renderer: a custom standard, secure scheme, refusing file: and traversal; file: privileges fuse off', () => {
    expect(new URL(RENDERER_ENTRY).protocol).toBe('app:');
    expect(RENDERER_SCHEME_PRIVILEGES).toMatchObject({
      standard: true,
      secure: true,
      bypassCSP: false,
      corsEnabled: false,
    });
    expect(resolveRendererAsset('file:///etc/passwd')).toBeUndefined();
    expect(resolveRendererAsset('app://renderer/%2e%2e/main/main.cjs')).toBeUndefined();
    for (const f of electronSources) expect(code(f.text), f.path).not.toMatch(/loadFile\(|loadURL\(\s*['"`]file:/);
    const builder = parseYaml(read('build/electron-builder.yml')) as { electronFuses: Record<string, boolean> };
    expect(builder.electronFuses.grantFileProtocolExtraPrivileges).toBe(false);
  });

  it('#19 fuses: run-as-node, NODE_OPTIONS, inspect and file: privileges off; cookie encryption, asar integrity and asar-only on', () => {
    const builder = parseYaml(read('build/electron-builder.yml')) as { electronFuses: Record<string, boolean> };
    expect(builder.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('#20 no Electron API reaches web content: the preload exposes only the contract’s methods, frozen, through contextBridge', async () => {
    const invoked: [string, unknown][] = [];
    const api = buildApiSurface(async (m, p) => {
      invoked.push([m, p]);
      return undefined;
    });
    const exposed = Object.entries(api).flatMap(([area, group]) =>
      Object.keys(group).map((action) => `${area}.${action}`),
    );
    expect(exposed.sort()).toEqual([...METHOD_NAMES].sort());
    expect(Object.isFrozen(api)).toBe(true);
    for (const group of Object.values(api)) {
      expect(Object.isFrozen(group)).toBe(true);
      for (const fn of Object.values(group)) expect(typeof fn).toBe('function');
    }
    await api.app?.info?.();
    expect(invoked).toEqual([['app.info', {}]]);
    const preload = code(read('electron/preload.ts'));
    expect(preload.match(/exposeInMainWorld\(/g)?.length).toBe(1);
    expect(preload).toMatch(/exposeInMainWorld\(\s*'api',\s*buildApiSurface\(/);
    expect(preload).not.toMatch(/ipcRenderer\s*[,)]|ipcRenderer\.(on|send|sendSync)\b/);
  });
});
