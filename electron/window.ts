// The main window: created from the pure policy in security-policy.ts, with every escape hatch closed
// (new windows, navigation, webviews, permissions). Only this file and main.ts create windows.
import { BrowserWindow, nativeTheme, shell, type WebContents } from 'electron';
import {
  isAllowedExternalUrl,
  isAllowedMainWindowNavigation,
  mainWindowOptions,
  RENDERER_ENTRY,
} from './security-policy';

export function createMainWindow(preloadPath: string): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(preloadPath, nativeTheme.shouldUseDarkColors));
  guardWebContents(win.webContents);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(RENDERER_ENTRY);
  return win;
}

/** Navigation guard and window-open policy for the main window's contents. */
export function guardWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    // Help links go to the user's browser, only for allow-listed https hosts; nothing opens in-app.
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedMainWindowNavigation(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedMainWindowNavigation(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
