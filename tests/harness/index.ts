// The harness: the real built renderer in Debian's Chromium (playwright-core), with the app's real handler
// table bound through page.exposeBinding instead of Electron IPC. window.api gets the same shape as the
// preload's (exactly METHOD_NAMES, frozen), and every call goes through the same dispatcher and sender check.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Api } from '../../shared/api-types';
import { METHOD_NAMES } from '../../shared/contract-methods';
import type { Result } from '../../shared/result';
import {
  createDispatcher,
  trustedOriginPredicate,
  type CallContext,
  type HandlerTable,
} from '../../electron/services/ipc/dispatch';
import { createHandlers } from '../../electron/services/ipc/handlers';
import { createServices, type ServiceDeps, type Services } from '../../electron/services/ipc/services';
import { serveRenderer } from './static-server';

declare global {
  interface Window {
    /** Installed by the harness in every frame (see installApi), as the preload does in Electron. */
    readonly api?: Api;
  }
}

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEFAULT_RENDERER_DIR = `${REPO_ROOT}out/renderer`;
export const CHROMIUM_PATH = process.env.MAH_CHROMIUM ?? '/usr/bin/chromium';

/** The binding name window.api calls; the Electron preload uses ipcRenderer.invoke instead. */
export const INVOKE_BINDING = '__mahInvoke';

export interface HarnessOptions {
  /** Show the browser window (default: headless). */
  readonly headed?: boolean;
  /** Emulated prefers-color-scheme for the page. */
  readonly colorScheme?: 'light' | 'dark';
  readonly viewport?: { readonly width: number; readonly height: number };
  /** Built renderer directory (default out/renderer). */
  readonly rendererDir?: string;
  /**
   * Adapters and configuration for createServices (the isolated browsers, the emulator's authority and CA…);
   * `runtime` is filled in. A function gets the launched browser, e.g. for the authorize flow's isolated contexts.
   */
  readonly deps?: Partial<ServiceDeps> | ((browser: Browser) => Partial<ServiceDeps>);
  /** Built services to use instead of createServices' own, e.g. a profile store a test filled beforehand. */
  readonly services?: Partial<Omit<Services, 'runtime'>>;
  /** Extra Chromium switches, e.g. --ignore-certificate-errors-spki-list for the emulator's certificate. */
  readonly chromiumArgs?: readonly string[];
  /** Keep every request and response of every call (as JSON) in `payloadLog`, for secret-leak scans. */
  readonly recordPayloads?: boolean;
  /** Replace individual handlers after the table is built, e.g. to make one method slow or failing in a test. */
  readonly handlers?: Partial<HandlerTable>;
  /** Initial route, e.g. 'settings' → #/settings. */
  readonly area?: string;
  /** Where dispatcher log lines go (already redacted); they are also kept in `dispatchLog`. */
  readonly log?: (line: string) => void;
}

export interface DispatchRecord {
  readonly method: string;
  readonly senderUrl: string;
  readonly isMainFrame: boolean;
  /** 'ok' or the error code; payloads are never recorded (they may hold tokens). */
  readonly outcome: string;
}

export interface Harness {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  /** The renderer's entry URL (http://127.0.0.1:<port>/index.html). */
  readonly url: string;
  /** The trusted origin (http://127.0.0.1:<port>). */
  readonly origin: string;
  /** The services behind the handler table (the token store, the product session…). */
  readonly services: Services;
  /** Every call that reached the dispatcher, in order. */
  readonly dispatchLog: readonly DispatchRecord[];
  /** Dispatcher log lines (refusals, internal failures). */
  readonly logLines: readonly string[];
  /** With `recordPayloads`: every call's request and response as JSON, in order. */
  readonly payloadLog: readonly { method: string; request: string; response: string }[];
  readonly close: () => Promise<void>;
}

export class HarnessSetupError extends Error {
  override readonly name = 'HarnessSetupError';
  constructor(
    message: string,
    readonly nextStep: string,
  ) {
    super(message);
  }
}

function packageFacts(): { name: string; version: string } {
  const pkg = JSON.parse(readFileSync(`${REPO_ROOT}package.json`, 'utf8')) as {
    productName?: string;
    name: string;
    version: string;
  };
  return { name: pkg.productName ?? pkg.name, version: pkg.version };
}

/**
 * Builds window.api in every frame, mirroring shared/api-surface.ts (which the preload uses). Runs in the
 * page, so it must be self-contained: the method names arrive as its argument.
 */
function installApi(arg: { names: readonly string[]; binding: string }): void {
  const api: Record<string, Record<string, (request?: unknown) => Promise<unknown>>> = {};
  for (const name of arg.names) {
    const dot = name.indexOf('.');
    const area = name.slice(0, dot);
    const action = name.slice(dot + 1);
    const group = (api[area] ??= {});
    group[action] = (request?: unknown) => {
      const invoke = (globalThis as unknown as Record<string, (m: string, p: unknown) => Promise<unknown>>)[
        arg.binding
      ];
      if (typeof invoke !== 'function') return Promise.reject(new Error('harness binding missing'));
      return invoke(name, request ?? {});
    };
  }
  for (const group of Object.values(api)) Object.freeze(group);
  Object.defineProperty(globalThis, 'api', {
    value: Object.freeze(api),
    writable: false,
    configurable: false,
    enumerable: false,
  });
}

/**
 * Writes the page's JS coverage of the renderer's own scripts (served from `origin`) to <dir>/browser, with the
 * per-run port taken out of the URL so every harness's coverage of one asset merges into one.
 */
async function saveRendererCoverage(page: Page, origin: string, dir: string): Promise<void> {
  if (page.isClosed()) return;
  const entries = (await page.coverage.stopJSCoverage())
    .filter((e) => e.url.startsWith(`${origin}/`))
    .map((e) => ({ ...e, url: `http://renderer/${e.url.slice(origin.length + 1)}` }));
  if (entries.length === 0) return;
  mkdirSync(join(dir, 'browser'), { recursive: true });
  writeFileSync(join(dir, 'browser', `${randomUUID()}.json`), JSON.stringify(entries));
}

/**
 * V8 reports no counts for the scripts of a document that is gone: without this, a reload or a goto to another
 * document (fillAuthorizeForm reloads before each flow) silently dropped everything the page had run before it, even
 * with resetOnNavigation off. So the harness page's reload and goto save what ran so far, then measure afresh; a goto
 * that only changes the hash stays in the same document and needs nothing.
 */
function keepCoverageAcrossDocuments(page: Page, origin: string, dir: string): void {
  const save = async (): Promise<void> => {
    await saveRendererCoverage(page, origin, dir);
    if (!page.isClosed()) await page.coverage.startJSCoverage({ resetOnNavigation: false });
  };
  const sameDocument = (url: string): boolean => {
    const strip = (u: string) => u.replace(/#.*$/, '');
    return URL.canParse(url) && url.includes('#') && strip(url) === strip(page.url());
  };
  const reload = page.reload.bind(page);
  const goto = page.goto.bind(page);
  page.reload = async (options) => {
    await save();
    return reload(options);
  };
  page.goto = async (url, options) => {
    if (!sameDocument(url)) await save();
    return goto(url, options);
  };
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const rendererDir = options.rendererDir ?? DEFAULT_RENDERER_DIR;
  if (!existsSync(`${rendererDir}/index.html`)) {
    throw new HarnessSetupError(
      `No built renderer at ${rendererDir}/index.html.`,
      'Run `npm run build` (or `npx vite build --config build/vite.renderer.config.ts`) first.',
    );
  }
  if (!existsSync(CHROMIUM_PATH)) {
    throw new HarnessSetupError(
      `Chromium not found at ${CHROMIUM_PATH}.`,
      'Install it with `apt-get install chromium`, or set MAH_CHROMIUM to a Chromium binary.',
    );
  }

  const server = await serveRenderer(rendererDir);
  const closers: (() => Promise<unknown>)[] = [server.close];
  const closeAll = async () => {
    for (const c of closers.reverse()) await c().catch(() => undefined);
  };
  try {
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: !options.headed,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        ...(options.chromiumArgs ?? []),
      ],
    });
    closers.push(() => browser.close());

    const context = await browser.newContext({
      viewport: options.viewport ?? { width: 1280, height: 800 },
      colorScheme: options.colorScheme ?? 'light',
      reducedMotion: 'reduce',
      serviceWorkers: 'block',
    });

    const facts = packageFacts();
    const extraDeps = typeof options.deps === 'function' ? options.deps(browser) : options.deps;
    const deps: ServiceDeps = {
      ...extraDeps,
      runtime: {
        name: facts.name,
        version: facts.version,
        platform: process.platform,
        runtime: 'harness',
        versions: { chromium: browser.version(), node: process.versions.node, ...extraDeps?.runtime?.versions },
      },
    };
    const services: Services = { ...createServices(deps), ...options.services };
    const handlers: HandlerTable = { ...createHandlers(services), ...options.handlers };
    const logLines: string[] = [];
    const dispatch = createDispatcher(handlers, {
      isTrustedSender: trustedOriginPredicate([server.origin]),
      log: (line) => {
        logLines.push(line);
        options.log?.(line);
      },
    });
    const dispatchLog: DispatchRecord[] = [];
    const payloadLog: { method: string; request: string; response: string }[] = [];

    const page = await context.newPage();
    const coverageDir = process.env.MAH_COVERAGE_DIR;
    if (coverageDir) {
      // build/coverage.ts: the renderer's JS coverage for the merged report, across route changes and reloads.
      await page.coverage.startJSCoverage({ resetOnNavigation: false });
      closers.push(() => saveRendererCoverage(page, server.origin, coverageDir));
      keepCoverageAcrossDocuments(page, server.origin, coverageDir);
    }
    await page.exposeBinding(
      INVOKE_BINDING,
      async (source, method: unknown, payload: unknown): Promise<Result<unknown>> => {
        const ctx: CallContext = {
          senderUrl: source.frame.url(),
          isMainFrame: source.frame === source.page.mainFrame(),
        };
        const result = await dispatch(String(method), payload, ctx);
        dispatchLog.push({
          method: String(method),
          senderUrl: ctx.senderUrl,
          isMainFrame: ctx.isMainFrame,
          outcome: result.ok ? 'ok' : result.error.code,
        });
        if (options.recordPayloads)
          payloadLog.push({
            method: String(method),
            request: JSON.stringify(payload) ?? '',
            response: JSON.stringify(result),
          });
        return result;
      },
    );
    await page.addInitScript(installApi, { names: [...METHOD_NAMES], binding: INVOKE_BINDING });

    const url = `${server.origin}/index.html`;
    await page.goto(options.area ? `${url}#/${options.area}` : url);

    return {
      browser,
      context,
      page,
      url,
      origin: server.origin,
      services,
      dispatchLog,
      logLines,
      payloadLog,
      close: closeAll,
    };
  } catch (e) {
    await closeAll();
    throw e;
  }
}
