// Every window the app opens, proven from the option objects the app really passes to Electron rather than by a
// scanner (Electronegativity matches only a callee named `BrowserWindow` and missed `new electron.BrowserWindow`
// and `WebContentsView`): the main window (installed and development builds), the sign-in and product windows'
// frame, host strip and page, and a login page's popup. Each is built by the same pure builder window.ts and
// platform/clean-window.ts call, and a source check makes sure no window is constructed any other way.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  applicationMenuTemplate,
  cleanWindowOptions,
  loginPopupWindowOptions,
  mainWindowOptions,
  popupWindowOptions,
  PRODUCT_WINDOW,
  SIGN_IN_WINDOW,
  silentViewOptions,
} from '../../../electron/security-policy';
import { REPO_ROOT } from '../../support/repo-root';

type WebPreferences = NonNullable<ReturnType<typeof mainWindowOptions>['webPreferences']>;
/** A stand-in parent window: the builders only pass it through. */
const parent = { id: 1 } as unknown as Parameters<typeof popupWindowOptions>[2];
const signIn = cleanWindowOptions(SIGN_IN_WINDOW, 'auth-1');
const product = cleanWindowOptions(PRODUCT_WINDOW, 'product-1');
const popup = popupWindowOptions(SIGN_IN_WINDOW, 'auth-1', parent);
const productPopup = popupWindowOptions(PRODUCT_WINDOW, 'product-1', parent);
const installed = mainWindowOptions('/app/preload.cjs', false, { packaged: true });
const development = mainWindowOptions('/app/preload.cjs', true, { packaged: false });

/** Every web contents' preferences, by the window and part they belong to. */
const REMOTE: Record<string, WebPreferences | undefined> = {
  'sign-in page': signIn.page.webPreferences,
  'sign-in host strip': signIn.strip.webPreferences,
  'product page': product.page.webPreferences,
  'product host strip': product.strip.webPreferences,
  'popup page (framed)': popup.page.webPreferences,
  'popup host strip': popup.strip.webPreferences,
  'popup contents (Electron creates them)': loginPopupWindowOptions('auth-1').webPreferences,
  'product popup page': productPopup.page.webPreferences,
  'product silent page (hidden view)': silentViewOptions('product-1').webPreferences,
};
const ALL: Record<string, WebPreferences | undefined> = {
  'main window (installed)': installed.webPreferences,
  'main window (development)': development.webPreferences,
  ...REMOTE,
};

describe('the option objects of every window', () => {
  it.each(Object.entries(ALL))('%s: sandboxed, isolated, no Node, web security on, no webview', (_name, prefs) => {
    expect(prefs).toBeDefined();
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(prefs?.enableBlinkFeatures).toBeUndefined();
  });

  it.each(Object.entries(REMOTE))('%s: no preload, an in-memory partition of its own flow', (_name, prefs) => {
    expect(prefs?.preload).toBeUndefined();
    expect(prefs?.partition).toMatch(/^(strip-)?(auth|product)-1$/);
    expect(prefs?.partition).not.toMatch(/^persist:/);
  });

  it('the main window: our preload only, developer tools only in a development run', () => {
    expect(installed.webPreferences?.preload).toBe('/app/preload.cjs');
    expect(installed.webPreferences?.partition).toBeUndefined();
    expect(installed.webPreferences?.devTools).toBe(false);
    expect(development.webPreferences?.devTools).toBe(true);
  });

  it('host strips run no JavaScript; a popup is a child of its flow’s window with its own strip', () => {
    for (const o of [signIn, product, popup, productPopup]) expect(o.strip.webPreferences?.javascript).toBe(false);
    expect(popup.window.parent).toBe(parent);
    expect(productPopup.window.parent).toBe(parent);
    expect(popup.window.title).toBe('Sign in — clean session — sign-in popup');
    expect(signIn.window.show).toBe(false);
  });

  it('the installed app has no default menu (no reload, no developer tools); macOS keeps app, Edit and Window', () => {
    expect(applicationMenuTemplate('win32', { packaged: true })).toBeNull();
    expect(applicationMenuTemplate('linux', { packaged: true })).toBeNull();
    const mac = applicationMenuTemplate('darwin', { packaged: true }) ?? [];
    expect(mac.map((m) => m.role)).toEqual(['appMenu', 'editMenu', 'windowMenu']);
    expect(applicationMenuTemplate('linux', { packaged: false })).toBeUndefined();
  });

  it('no window or view in electron/ is constructed except from these builders', () => {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true }))
        if (e.isDirectory()) walk(join(dir, e.name));
        else if (e.name.endsWith('.ts')) files.push(join(dir, e.name));
    };
    walk(join(REPO_ROOT, 'electron'));
    const constructions: string[] = [];
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      // Any spelling: `new BrowserWindow(`, `new electron.BrowserWindow(`, `new WebContentsView(`, `new BaseWindow(`.
      for (const m of text.matchAll(
        /new\s+(?:[\w$]+\.)?(BrowserWindow|BaseWindow|WebContentsView|BrowserView)\s*\(([^)]*)\)/g,
      ))
        constructions.push(`${relative(REPO_ROOT, f).split('\\').join('/')}: ${m[1]}(${m[2]})`);
    }
    expect(constructions.sort()).toEqual([
      'electron/platform/clean-window.ts: BaseWindow(options.window)',
      'electron/platform/clean-window.ts: WebContentsView(options.page)',
      'electron/platform/clean-window.ts: WebContentsView(options.strip)',
      'electron/platform/product-session.ts: WebContentsView(options)',
      'electron/window.ts: BrowserWindow(options)',
    ]);
    // And those `options` are the builders' output.
    const windowTs = readFileSync(join(REPO_ROOT, 'electron/window.ts'), 'utf8');
    expect(windowTs).toMatch(/const options = mainWindowOptions\(/);
    const clean = readFileSync(join(REPO_ROOT, 'electron/platform/clean-window.ts'), 'utf8');
    expect(clean).toMatch(/framed\(spec, cleanWindowOptions\(spec, partition\)/);
    expect(clean).toMatch(/\.\.\.popupWindowOptions\(spec, partition, main\.win\)/);
    expect(clean).toMatch(/overrideBrowserWindowOptions: loginPopupWindowOptions\(partition\)/);
    const productSession = readFileSync(join(REPO_ROOT, 'electron/platform/product-session.ts'), 'utf8');
    expect(productSession).toMatch(/const options = silentViewOptions\(w\.partition\);/);
  });
});
