// Owns the clean product session's lifecycle: one session at a time, opened on a fresh isolated partition
// through the ProductBrowser port (product-browser.ts; Electron's platform/product-session.ts, the harness's
// Playwright contexts), watched by a SessionWatcher, polled by the renderer through productSession.status, and
// wiped on close.
import { randomUUID } from 'node:crypto';
import type { ProductSessionOpenRequest, ProductSessionState } from '../../../shared/product-session';
import { CodedError, type AppError } from '../../../shared/result';
import { appError, codedError } from '../errors';
import type { ProductBrowser, ProductBrowserFactory } from './product-browser';
import { SessionWatcher } from './session-watcher';

export interface ProductSessionDeps {
  readonly browsers: ProductBrowserFactory;
  /** Custom authority hosts always watched (the emulator in tests); the open request may add one. */
  readonly customAuthorityHosts?: readonly string[];
  readonly log?: (line: string) => void;
  readonly now?: () => Date;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The product's URL: https anywhere, http only on loopback (a product under test on this machine). */
export function parseProductUrl(raw: string): URL {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    throw codedError('PRODUCT_URL_INVALID', { problem: 'is not an absolute URL' });
  }
  if (u.username !== '' || u.password !== '')
    throw codedError('PRODUCT_URL_INVALID', { problem: 'contains a user name or password' });
  if (!(u.protocol === 'https:' || (u.protocol === 'http:' && LOOPBACK.has(u.hostname))))
    throw codedError('PRODUCT_URL_INVALID', {
      problem: `uses ${u.protocol} ; only https (or http on this machine) is opened`,
    });
  return u;
}

export class ProductSessionService {
  #state: ProductSessionState = { kind: 'idle' };
  #browser: ProductBrowser | undefined;
  #watcher: SessionWatcher | undefined;
  #closing: Promise<void> | undefined;
  readonly #log: (line: string) => void;
  readonly #now: () => Date;

  constructor(private readonly deps: ProductSessionDeps) {
    this.#log = deps.log ?? (() => undefined);
    this.#now = deps.now ?? (() => new Date());
  }

  /** The state with the timeline as observed so far. */
  get state(): ProductSessionState {
    const s = this.#state;
    if (s.kind === 'idle' || !this.#watcher) return s;
    return { ...s, steps: [...this.#watcher.steps] };
  }

  async open(req: ProductSessionOpenRequest): Promise<{ sessionId: string }> {
    if (this.#state.kind === 'opening' || this.#state.kind === 'open') {
      throw codedError('PRODUCT_SESSION_OPEN');
    }
    await this.#closing;
    const url = parseProductUrl(req.baseUrl);
    const mailbox = req.mailbox.trim();
    const sessionId = randomUUID();
    const watcher = new SessionWatcher({
      mailbox,
      rewrite: req.rewrite,
      customHosts: [...(this.deps.customAuthorityHosts ?? []), ...(req.authorityHost ? [req.authorityHost] : [])],
      now: this.#now,
      ...(req.preset === undefined ? {} : { preset: req.preset }),
      ...(req.cloud === undefined ? {} : { cloud: req.cloud }),
      ...(req.tenant === undefined ? {} : { tenant: req.tenant }),
    });
    const facts = {
      sessionId,
      baseUrl: url.href,
      mailbox,
      rewrite: req.rewrite,
      openedAt: this.#now().toISOString(),
      steps: [],
    };
    this.#watcher = watcher;
    this.#state = { kind: 'opening', ...facts };
    this.#log(`product-session ${sessionId}: opening ${url.host} (rewrite ${req.rewrite ? 'on' : 'off'})`);
    const onClosed = (): void => {
      if (this.#watcher === watcher && (this.#state.kind === 'open' || this.#state.kind === 'opening'))
        void this.#close('window-closed');
    };
    watcher.note(
      'opened',
      'Opened the product in a clean, isolated session',
      url.host,
      req.rewrite
        ? `Its Microsoft sign-in requests get prompt=login and login_hint=${mailbox}.`
        : 'Its Microsoft sign-in requests are watched but not changed.',
    );
    try {
      this.#browser = await this.deps.browsers(url.href, {
        onRequest: (r) => watcher.onRequest(r),
        onWindowClosed: onClosed,
      });
    } catch (e) {
      const error: AppError =
        e instanceof CodedError
          ? { code: e.code, message: e.message, nextStep: e.nextStep }
          : appError('PRODUCT_SESSION_FAILED');
      this.#state = { kind: 'failed', ...facts, error };
      this.#log(`product-session ${sessionId}: failed ${error.code}`);
      throw new CodedError(error.code, error.message, error.nextStep, { cause: e });
    }
    this.#state = { kind: 'open', ...facts };
    this.#log(`product-session ${sessionId}: open`);
    return { sessionId };
  }

  /** Closes and wipes the session; false when there is none (or another one is current). */
  async close(sessionId?: string): Promise<{ closed: boolean; wiped: boolean }> {
    const s = this.#state;
    if (s.kind !== 'open' && s.kind !== 'opening') return { closed: false, wiped: false };
    if (sessionId !== undefined && s.sessionId !== sessionId) return { closed: false, wiped: false };
    const wiped = await this.#close('closed-by-admin');
    return { closed: true, wiped };
  }

  async #close(reason: 'closed-by-admin' | 'window-closed'): Promise<boolean> {
    const s = this.#state;
    if (s.kind !== 'open' && s.kind !== 'opening') return false;
    const browser = this.#browser;
    this.#browser = undefined;
    let done!: () => void;
    this.#closing = new Promise((r) => (done = r));
    try {
      const { wiped } = browser ? await browser.close().catch(() => ({ wiped: false })) : { wiped: false };
      this.#watcher?.note(
        'closed',
        wiped
          ? 'Closed; the session’s cookies, storage and cache were wiped'
          : 'Closed; wiping the session’s data could not be confirmed',
        new URL(s.baseUrl).host,
      );
      this.#state = { ...s, kind: 'closed', reason, wiped };
      this.#log(`product-session ${s.sessionId}: closed (${reason}, wiped ${wiped})`);
      return wiped;
    } finally {
      done();
    }
  }
}
