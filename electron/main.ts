// The main process entry: applies the security policy, serves the renderer from app://renderer, hands
// Electron's adapters (platform/*) and this machine's facts to the services (services/ipc/services.ts), binds
// their handler table to IPC and opens the main window.
import { app, Menu, protocol, session, type WebContents } from 'electron';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bindIpc } from './ipc';
import { guardClientCertificates } from './platform/client-certificate';
import { electronClipboard } from './platform/clipboard';
import { electronConfirmDialog } from './platform/confirm-dialog';
import { electronAuthBrowsers } from './platform/isolated-browser';
import { electronNotifier } from './platform/notifier';
import { electronOpenDialog } from './platform/open-dialog';
import { electronFolderOpener } from './platform/open-folder';
import { electronProductBrowsers } from './platform/product-session';
import { electronSaveDialog } from './platform/save-dialog';
import { electronSecretVault } from './platform/secret-vault';
import {
  applicationMenuTemplate,
  HARDENING_SWITCHES,
  lockDownSession,
  RENDERER_ORIGIN,
  RENDERER_SCHEME,
  RENDERER_SCHEME_PRIVILEGES,
  rendererResponseHeaders,
  resolveRendererAsset,
} from './security-policy';
import { createFileLogger } from './services/app/log';
import { createDispatcher, trustedOriginPredicate } from './services/ipc/dispatch';
import { createHandlers } from './services/ipc/handlers';
import { createServices } from './services/ipc/services';
import { createMainWindow, guardAnyWebContents } from './window';

for (const [name, value] of HARDENING_SWITCHES) app.commandLine.appendSwitch(name, value);
app.enableSandbox();

protocol.registerSchemesAsPrivileged([{ scheme: RENDERER_SCHEME, privileges: { ...RENDERER_SCHEME_PRIVILEGES } }]);

function serveRenderer(rendererRoot: string): void {
  protocol.handle(RENDERER_SCHEME, async (request) => {
    const asset = resolveRendererAsset(request.url);
    if (!asset) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(join(rendererRoot, asset.relativePath));
      return new Response(body, { status: 200, headers: rendererResponseHeaders(asset.contentType) });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}

const single = app.requestSingleInstanceLock();
if (!single) app.quit();

app.on('web-contents-created', (_event, contents: WebContents) => {
  guardAnyWebContents(contents);
});

app.on('window-all-closed', () => app.quit());

// HTTP auth challenges (Basic/NTLM/Negotiate) from any page are left cancelled: no credential is ever
// supplied silently, so a login window cannot be signed in with the desktop's identity.
app.on('login', (event, _wc, _details, _authInfo, callback) => {
  event.preventDefault();
  callback();
});

// Client certificates likewise: none unless the admin picks one for a clean window's host (security-policy.ts).
guardClientCertificates();

// Windows shows an app's notifications (Watch's warnings) only under an app user model id that matches its Start
// menu shortcut, which the installer creates with build/electron-builder.yml's appId.
if (process.platform === 'win32') app.setAppUserModelId('dev.mailboxauthhelper.app');

void app.whenReady().then(() => {
  lockDownSession(session.defaultSession);
  // The installed app has no default menu (no reload, no developer tools); a development run keeps it.
  const menu = applicationMenuTemplate(process.platform, { packaged: app.isPackaged });
  if (menu !== undefined) Menu.setApplicationMenu(menu === null ? null : Menu.buildFromTemplate(menu));
  serveRenderer(join(__dirname, '../renderer'));
  // Every line through the redactor (log.ts); rotated at 1 MiB, 3 old files kept.
  const logFolder = app.getPath('logs');
  const logger = createFileLogger({ path: join(logFolder, 'main.log') });
  logger.info(
    `${app.getName()} ${app.getVersion()} starting (electron ${process.versions.electron ?? '?'}, ${process.platform})`,
  );
  // Only Electron's adapters and this machine's facts: the services are built in services/ipc/services.ts.
  const services = createServices({
    runtime: {
      name: app.getName(),
      version: app.getVersion(),
      platform: process.platform,
      runtime: 'electron',
      versions: { ...process.versions },
    },
    log: (line) => logger.info(line),
    confirm: electronConfirmDialog(),
    authorize: { browsers: electronAuthBrowsers() },
    caDialog: electronOpenDialog(),
    appOnly: { certificateDialog: electronOpenDialog() },
    handover: { clipboard: electronClipboard(), saveDialog: electronSaveDialog() },
    profiles: { dir: app.getPath('userData'), vault: electronSecretVault() },
    productSession: { browsers: electronProductBrowsers() },
    // The admin's audit sign-in gets an isolated browser of its own, like every authorize flow.
    audit: { browsers: electronAuthBrowsers() },
    watch: { notifier: electronNotifier() },
    settings: { dir: app.getPath('userData'), logFolder, folderOpener: electronFolderOpener() },
  });
  const handlers = createHandlers(services);
  const dispatch = createDispatcher(handlers, {
    isTrustedSender: trustedOriginPredicate([RENDERER_ORIGIN]),
    log: (line) => logger.warn(line),
  });
  bindIpc(dispatch);
  // A secret or token copied just before quitting must not outlive the app on the clipboard.
  let flushed = false;
  app.on('before-quit', (event) => {
    const guard = services.handover.guard;
    if (flushed || guard === undefined || guard.pending === 0) return;
    event.preventDefault();
    void guard
      .flush()
      .catch((e: unknown) => logger.warn(`clearing the clipboard on quit failed: ${String(e)}`))
      .finally(() => {
        flushed = true;
        app.quit();
      });
  });
  const mainWindow = createMainWindow(join(__dirname, '../preload/preload.cjs'));
  // The app is its main window: closing it quits, even while a sign-in window made ahead (hidden) or still closing
  // would keep 'window-all-closed' from firing.
  mainWindow.on('closed', () => app.quit());
  // Once the app's page is up (not competing with its first paint): a clean sign-in window is kept ready for the
  // next Authorize click, so the click shows it instead of starting its renderer process (AuthorizeService.prepare).
  mainWindow.webContents.once('did-finish-load', () => services.authorize?.prepare());
  // Watch checks the saved connections now and daily while the app is open, raising OS notifications when due.
  services.watch?.start();
  app.on('will-quit', () => services.watch?.stop());
});
