// The main process entry: applies the security policy, serves the renderer from app://renderer, binds
// the handler table to IPC and opens the main window.
import { app, protocol, session, type WebContents } from 'electron';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bindIpc } from './ipc';
import { electronClipboard } from './platform/clipboard';
import { electronAuthBrowsers } from './platform/isolated-browser';
import { electronProductBrowsers } from './platform/product-session';
import { electronSaveDialog } from './platform/save-dialog';
import { electronSecretVault } from './platform/secret-vault';
import {
  HARDENING_SWITCHES,
  lockDownSession,
  RENDERER_ORIGIN,
  RENDERER_SCHEME,
  RENDERER_SCHEME_PRIVILEGES,
  rendererResponseHeaders,
  resolveRendererAsset,
} from './security-policy';
import { createDispatcher, trustedOriginPredicate } from './services/ipc/dispatch';
import { AuthorizeService } from './services/authorize/authorize-service';
import { ProfileStore } from './services/profiles/profile-store';
import { createHandlers } from './services/ipc/handlers';
import { ProductSessionService } from './services/product-session/product-session';
import { createFileLogger } from './services/app/log';
import { accessTokenFor, TokenStore } from './services/tokens/token-store';
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

void app.whenReady().then(() => {
  lockDownSession(session.defaultSession);
  serveRenderer(join(__dirname, '../renderer'));
  const store = new TokenStore();
  // Every line through the redactor (log.ts); rotated at 1 MiB, 3 old files kept.
  const logger = createFileLogger({ path: join(app.getPath('logs'), 'main.log') });
  logger.info(
    `${app.getName()} ${app.getVersion()} starting (electron ${process.versions.electron ?? '?'}, ${process.platform})`,
  );
  const authorize = new AuthorizeService({ browsers: electronAuthBrowsers(), store, log: (line) => logger.info(line) });
  const handlers = createHandlers({
    authorize,
    productSession: new ProductSessionService({
      browsers: electronProductBrowsers(),
      log: (line) => logger.info(line),
    }),
    tokenStore: store,
    handover: {
      clipboard: electronClipboard(),
      saveDialog: electronSaveDialog(),
      profiles: new ProfileStore({ dir: app.getPath('userData'), vault: electronSecretVault() }),
    },
    resolveToken: async (id, protocol) => {
      const set = store.get(id);
      return set === undefined ? undefined : accessTokenFor(set, protocol);
    },
    runtime: {
      name: app.getName(),
      version: app.getVersion(),
      platform: process.platform,
      runtime: 'electron',
      versions: { ...process.versions },
    },
  });
  const dispatch = createDispatcher(handlers, {
    isTrustedSender: trustedOriginPredicate([RENDERER_ORIGIN]),
    log: (line) => logger.warn(line),
  });
  bindIpc(dispatch);
  createMainWindow(join(__dirname, '../preload/preload.cjs'));
});
