// The main window: created from the pure policy in security-policy.ts, with every escape hatch closed
// (new windows, navigation, webviews, permissions). Only this file and main.ts create windows.
import { app, BrowserWindow, nativeTheme, session, shell, type WebContents } from 'electron';
import { guardWebContents, isAllowedExternalUrl, mainWindowOptions, RENDERER_ENTRY } from './security-policy';

export function createMainWindow(preloadPath: string): BrowserWindow {
  // The contents is guarded by main.ts's web-contents-created hook (guardAnyWebContents) before it loads.
  const options = mainWindowOptions(preloadPath, nativeTheme.shouldUseDarkColors, { packaged: app.isPackaged });
  const win = new BrowserWindow(options);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(RENDERER_ENTRY);
  return win;
}

/** Whose web contents these are: the app's window (default session) or a clean window's (auth, product partitions). */
export function contentsRole(contents: WebContents): 'app' | 'auth' {
  return contents.session === session.defaultSession ? 'app' : 'auth';
}

/**
 * The pure guard (security-policy.ts) applied to a real WebContents: the app's window is the one in the
 * default session; anything in another session is a clean window's (sign-in, product, their popups).
 */
export function guardAnyWebContents(contents: WebContents): void {
  guardWebContents(contents, contentsRole(contents), (url) => {
    // Checked again here, right at the call, so no path reaches openExternal with an unchecked URL.
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
  });
}
