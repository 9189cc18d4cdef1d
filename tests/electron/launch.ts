// What every real-Electron spec shares: whether an Electron binary exists (build/electron-binary.ts, never
// require('electron')), the MAH_REQUIRE_ELECTRON=1 switch that turns "no binary" from a skip into a failure
// (set by .github/workflows/ci.yml), launching the built app (out/main/main.cjs) in its own user-data folder,
// calling window.api from the main window, finding web contents in the main process, and small loopback
// servers that record what a window actually sent. Test-only state (listeners, a trusted test certificate) is
// installed into the running main process through Playwright's evaluate, so the app needs no test hook.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { _electron as electron, test, type ElectronApplication, type Page } from '@playwright/test';
import { findElectronBinary } from '../../build/electron-binary';
import type { MethodName, RequestOf, ResponseOf } from '../../shared/contract';
import { REPO_ROOT } from '../support/repo-root';

export const ELECTRON = findElectronBinary();
/** CI's switch: a missing Electron binary (or packaged app) fails the specs instead of skipping them. */
export const REQUIRE_ELECTRON = process.env.MAH_REQUIRE_ELECTRON === '1';
export const MAIN_ENTRY = join(REPO_ROOT, 'out/main/main.cjs');

/** Why these specs cannot run here, or undefined (binary found, or the switch demands they run and fail). */
export const ELECTRON_SKIP_REASON: string | undefined = ELECTRON.found
  ? undefined
  : REQUIRE_ELECTRON
    ? undefined
    : `${ELECTRON.reason}; set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron ${ELECTRON.version} to run them`;

/** Call at the top of a spec file's describe: skips (printing why once) unless Electron can run or must. */
export function requireElectronOrSkip(file: string): void {
  if (ELECTRON_SKIP_REASON !== undefined) console.log(`[tests/electron/${file}] skipped: ${ELECTRON_SKIP_REASON}`);
  test.skip(ELECTRON_SKIP_REASON !== undefined, ELECTRON_SKIP_REASON ?? '');
}

/** What a spec opens in a test and the scope closes after it (apps, loopback servers, the emulator). */
export interface Closable {
  close(): Promise<void>;
}

/**
 * The set-up every real-Electron describe shares: the skip with its printed reason, the time a cold launch
 * needs, and closing whatever each test opened (last opened, first closed) even when the test fails.
 */
export function electronSpec(file: string, timeoutMs = 90_000) {
  requireElectronOrSkip(file);
  test.setTimeout(timeoutMs);
  const opened: Closable[] = [];
  test.afterEach(async () => {
    for (const item of opened.splice(0).reverse()) await item.close();
  });
  /** Registers anything with close() so the scope closes it after the test; returns it unchanged. */
  const track = <T extends Closable>(item: T): T => {
    opened.push(item);
    return item;
  };
  return {
    track,
    launch: async (options?: Parameters<typeof launchApp>[0]) => track(await launchApp(options)),
    serve: async (handle: Parameters<typeof startLoopbackServer>[0]) => track(await startLoopbackServer(handle)),
  };
}

export interface LaunchedApp {
  readonly app: ElectronApplication;
  /** The app's own window (app://renderer), ready for window.api calls. */
  readonly page: Page;
  /** The folder passed as --user-data-dir (removed by close()). */
  readonly userDataDir: string;
  close(): Promise<void>;
}

export async function launchApp(
  options: { args?: readonly string[]; env?: Record<string, string> } = {},
): Promise<LaunchedApp> {
  if (!ELECTRON.found)
    throw new Error(`MAH_REQUIRE_ELECTRON=1, but ${ELECTRON.reason}. Download it first: npx --no install-electron`);
  if (!existsSync(MAIN_ENTRY)) throw new Error(`${MAIN_ENTRY} is not built: run npm run build first.`);
  const userDataDir = mkdtempSync(join(tmpdir(), 'mah-electron-spec-'));
  const app = await electron.launch({
    executablePath: ELECTRON.path,
    args: [`--user-data-dir=${userDataDir}`, ...(options.args ?? []), MAIN_ENTRY],
    env: { ...cleanEnv(), ...options.env },
  });
  const page = await mainWindow(app);
  return {
    app,
    page,
    userDataDir,
    close: async () => {
      await app.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'ELECTRON_RUN_AS_NODE') env[k] = v;
  return env;
}

async function mainWindow(app: ElectronApplication): Promise<Page> {
  const isApp = (p: Page): boolean => p.url().startsWith('app://renderer/');
  const existing = app.windows().find(isApp);
  if (existing) return existing;
  const first = await app.firstWindow();
  if (isApp(first)) return first;
  return app.waitForEvent('window', { predicate: isApp });
}

export interface ApiResult<T> {
  readonly ok: boolean;
  readonly value?: T;
  readonly error?: { code: string; message: string };
}

/**
 * window.api.<area>.<action>(request) in the app's window, exactly as the renderer calls it; typed by the
 * contract, so a renamed method or changed request fails the typecheck, not only a CI run with Electron.
 */
export async function callApi<M extends MethodName>(
  page: Page,
  method: M,
  request: RequestOf<M>,
): Promise<ApiResult<ResponseOf<M>>> {
  const [area, action] = method.split('.');
  return page.evaluate(
    async ([a, b, req]) => {
      const api = (globalThis as unknown as { api: Record<string, Record<string, (r: unknown) => Promise<unknown>>> })
        .api;
      return (await api[a as string]![b as string]!(req)) as ApiResult<ResponseOf<M>>;
    },
    [area, action, request as unknown] as const,
  );
}

/**
 * Stands in for the person at main's confirmation dialog: replaces Electron's dialog.showMessageBox in the running
 * main process so it answers with the button labelled `button` (Cancel when there is none) and records each
 * question's message; returns a reader of those messages. What the app asks stays the app's own code.
 */
export async function answerMessageBoxes(app: ElectronApplication, button: string): Promise<() => Promise<string[]>> {
  await app.evaluate(({ dialog }, label) => {
    const asked: string[] = [];
    (globalThis as unknown as { __specAsked: string[] }).__specAsked = asked;
    dialog.showMessageBox = (async (...args: unknown[]) => {
      const options = args.at(-1) as { message: string; buttons?: string[]; cancelId?: number };
      asked.push(options.message);
      const i = options.buttons?.indexOf(label) ?? -1;
      return { response: i >= 0 ? i : (options.cancelId ?? 0), checkboxChecked: false };
    }) as typeof dialog.showMessageBox;
  }, button);
  return () => app.evaluate(() => [...(globalThis as unknown as { __specAsked: string[] }).__specAsked]);
}

export interface ContentsInfo {
  readonly id: number;
  readonly url: string;
}

/** Polls the main process until some web contents' URL matches; returns its id and URL. */
export async function waitForContents(app: ElectronApplication, urlPrefix: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const all = await allContents(app);
    const hit = all.find((c) => c.url.startsWith(urlPrefix));
    if (hit) return hit;
    if (Date.now() > deadline)
      throw new Error(
        `no web contents at ${urlPrefix} within ${timeoutMs} ms (open: ${all.map((c) => c.url).join(', ')})`,
      );
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function allContents(app: ElectronApplication): Promise<ContentsInfo[]> {
  return app.evaluate(({ webContents }) =>
    webContents
      .getAllWebContents()
      .filter((w) => !w.isDestroyed())
      .map((w) => ({ id: w.id, url: w.getURL() })),
  );
}

/** Runs a script in a web contents (as a user gesture, so window.open and permission prompts behave as on a click). */
export function runInContents<T>(app: ElectronApplication, id: number, script: string): Promise<T> {
  return app.evaluate(
    async ({ webContents }, a) => {
      const wc = webContents.fromId(a.id);
      if (!wc || wc.isDestroyed()) throw new Error(`web contents ${a.id} is gone`);
      return (await wc.executeJavaScript(a.script, true)) as unknown;
    },
    { id, script },
  ) as Promise<T>;
}

/** Polls a script in a web contents until it returns a truthy value. */
export async function waitInContents<T>(app: ElectronApplication, id: number, script: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await runInContents<T>(app, id, script).catch(() => undefined);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`"${script}" stayed falsy for ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

export interface LoopbackServer {
  /** http://127.0.0.1:<port> */
  readonly origin: string;
  readonly port: number;
  readonly requests: readonly RecordedRequest[];
  close(): Promise<void>;
}

/** A plain-HTTP server on 127.0.0.1 that records every request before `handle` answers it. */
export async function startLoopbackServer(
  handle: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<LoopbackServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers });
    handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface PinnedCertificate {
  /** Electron's Certificate.fingerprint form: "sha256/" + base64 of the DER's SHA-256. */
  readonly fingerprint: string;
  /** The DER as base64 (a PEM body without line breaks). */
  readonly der64: string;
}

/** The certificate a TLS server on loopback presents (checked against its CA), for trustCertificateInMain. */
export function serverCertificate(port: number, caPem: string): Promise<PinnedCertificate> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host: '127.0.0.1', port, servername: 'localhost', ca: caPem }, () => {
      const raw = socket.getPeerCertificate().raw;
      socket.end();
      resolve({
        fingerprint: `sha256/${createHash('sha256').update(raw).digest('base64')}`,
        der64: raw.toString('base64'),
      });
    });
    socket.once('error', reject);
  });
}

/**
 * Makes the running app's Chromium accept exactly this certificate (the emulator's leaf, issued by a throwaway
 * CA no OS trusts), the way an admin's OS trust store would accept a real IdP's. Installed from the spec into
 * the main process; the app itself has no such hook.
 */
export async function trustCertificateInMain(app: ElectronApplication, cert: PinnedCertificate): Promise<void> {
  await app.evaluate(({ app: electronApp }, pinned) => {
    electronApp.on('certificate-error', (event, _wc, _url, _error, certificate, callback) => {
      const der64 = certificate.data.replace(/-----[^-]+-----|\s/g, '');
      if (certificate.fingerprint === pinned.fingerprint || der64 === pinned.der64) {
        event.preventDefault();
        callback(true);
      } else callback(false);
    });
  }, cert);
}
