// Owns the clean product session's lifecycle: one session at a time, opened on a fresh isolated partition
// through the ProductBrowser port (product-browser.ts; Electron's platform/product-session.ts, the harness's
// Playwright contexts), watched by a SessionWatcher, polled by the renderer through productSession.status, and
// wiped on close. After each product callback with a code, it runs the identity check (identity-check.ts) and
// keeps its verdict; the client secret given for that check stays here, for this session only.
import { randomUUID } from 'node:crypto';
import type { INetworkModule } from '@azure/msal-node';
import { LOGIN_HOSTS } from '../../../shared/cloud/clouds';
import type {
  ObservedAuthorizeRequest,
  ProductSessionOpenRequest,
  ProductSessionState,
  ProductSessionVerdict,
} from '../../../shared/product-session';
import { CodedError, type AppError } from '../../../shared/result';
import { redact } from '../../../shared/text/redact';
import { appError, codedError } from '../errors';
import { createTokenVerifier, type TokenVerifier } from '../tokens/token-verifier';
import { checkProductIdentity, type CheckSecret } from './identity-check';
import type { ProductBrowser, ProductBrowserFactory } from './product-browser';
import { SessionWatcher } from './session-watcher';

export interface ProductSessionDeps {
  readonly browsers: ProductBrowserFactory;
  /** Custom authority hosts always watched (the emulator in tests); the open request may add one. */
  readonly customAuthorityHosts?: readonly string[];
  /** Signature checks of ID tokens from Microsoft's login hosts (the app's shared verifier). */
  readonly verifier?: TokenVerifier;
  /** MSAL's network module for the identity check (tests); default node:https. */
  readonly network?: INetworkModule;
  /** Time limit of each silent request of the identity check (default 20 s). */
  readonly checkTimeoutMs?: number;
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
  #secret: CheckSecret | undefined;
  /** The identity checks of the current session run one after another, in callback order. */
  #checks: Promise<void> = Promise.resolve();
  #pendingChecks = 0;
  #verdict: ProductSessionVerdict | undefined;
  readonly #customVerifiers = new Map<string, TokenVerifier>();
  #defaultVerifier: TokenVerifier | undefined;
  readonly #log: (line: string) => void;
  readonly #now: () => Date;

  constructor(private readonly deps: ProductSessionDeps) {
    this.#log = deps.log ?? (() => undefined);
    this.#now = deps.now ?? (() => new Date());
  }

  /** The state with the timeline as observed so far, whether an identity check runs, and the latest verdict. */
  get state(): ProductSessionState {
    const s = this.#state;
    if (s.kind === 'idle' || !this.#watcher) return s;
    return {
      ...s,
      steps: [...this.#watcher.steps],
      checking: this.#pendingChecks > 0,
      ...(this.#verdict === undefined ? {} : { verdict: this.#verdict }),
    };
  }

  /** Resolves when every identity check started so far has finished (tests, and close). */
  async settled(): Promise<void> {
    await this.#checks;
  }

  /**
   * Opens the product. `secret` is the product app's client secret for the identity check — typed by the admin, or
   * a saved profile's, bound to that profile's client id and login host (the handler resolves it, never the renderer).
   */
  async open(req: ProductSessionOpenRequest, secret?: CheckSecret): Promise<{ sessionId: string }> {
    if (this.#state.kind === 'opening' || this.#state.kind === 'open') {
      throw codedError('PRODUCT_SESSION_OPEN');
    }
    await this.#closing;
    const url = parseProductUrl(req.baseUrl);
    const signInAccount = req.signInAccount.trim();
    const mailbox = req.mailbox?.trim() || signInAccount;
    const sessionId = randomUUID();
    const customHosts = [...(this.deps.customAuthorityHosts ?? []), ...(req.authorityHost ? [req.authorityHost] : [])];
    const watcher: SessionWatcher = new SessionWatcher({
      signInAccount,
      mailbox,
      rewrite: req.rewrite,
      customHosts,
      now: this.#now,
      ...(req.preset === undefined ? {} : { preset: req.preset }),
      ...(req.cloud === undefined ? {} : { cloud: req.cloud }),
      ...(req.tenant === undefined ? {} : { tenant: req.tenant }),
      onCode: (request) => this.#startCheck(sessionId, watcher, request, customHosts, req.preset),
    });
    const facts = {
      sessionId,
      baseUrl: url.href,
      signInAccount,
      mailbox,
      rewrite: req.rewrite,
      hasSecret: secret !== undefined,
      openedAt: this.#now().toISOString(),
      steps: [],
      checking: false,
    };
    this.#watcher = watcher;
    this.#secret = secret;
    this.#verdict = undefined;
    this.#state = { kind: 'opening', ...facts };
    this.#log(
      `product-session ${sessionId}: opening ${url.host} (rewrite ${req.rewrite ? 'on' : 'off'}, secret ${secret ? 'given' : 'none'})`,
    );
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
      this.#secret = undefined;
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

  /** After the product's callback went on: check whose account it was, in order with earlier checks. */
  #startCheck(
    sessionId: string,
    watcher: SessionWatcher,
    request: ObservedAuthorizeRequest,
    customHosts: readonly string[],
    preset: ProductSessionOpenRequest['preset'],
  ): void {
    const current = (): boolean =>
      this.#watcher === watcher && 'sessionId' in this.#state && this.#state.sessionId === sessionId;
    if (!current()) return;
    const browser = this.#browser;
    const secret = this.#secret;
    const s = this.#state;
    if (!('signInAccount' in s)) return;
    this.#pendingChecks += 1;
    const run = async (): Promise<void> => {
      if (!current() || browser === undefined) return;
      const verdict = await checkProductIdentity(
        {
          request,
          signInAccount: s.signInAccount,
          mailbox: s.mailbox,
          secret,
          signInFormAccount: watcher.signInFormAccount,
          preset,
        },
        {
          silent: (url, redirectUri, options) => browser.silentRequest(url, redirectUri, options),
          verifierFor: (host) => this.#verifierFor(host, customHosts),
          record: (step) => watcher.record(step),
          ...(this.deps.network === undefined ? {} : { network: this.deps.network }),
          ...(this.deps.checkTimeoutMs === undefined ? {} : { timeoutMs: this.deps.checkTimeoutMs }),
          now: () => this.#now().getTime(),
          log: this.#log,
        },
      );
      if (current()) this.#verdict = verdict;
      this.#log(
        `product-session ${sessionId}: verdict ${verdict.code} (${verdict.proof}, by ${verdict.decidedBy ?? 'nothing'})`,
      );
    };
    this.#checks = this.#checks
      .then(run)
      .catch((e: unknown) => this.#log(`product-session ${sessionId}: identity check failed: ${redact(String(e))}`))
      .finally(() => {
        this.#pendingChecks -= 1;
      });
  }

  /** Microsoft's hosts: the app's shared verifier; a custom authority the admin named: one trusting that host. */
  #verifierFor(host: string, customHosts: readonly string[]): TokenVerifier {
    const name = host.toLowerCase();
    if (LOGIN_HOSTS.includes(name.replace(/:443$/, '')) || !customHosts.some((h) => h.toLowerCase() === name))
      return (this.#defaultVerifier ??= this.deps.verifier ?? createTokenVerifier());
    let v = this.#customVerifiers.get(name);
    if (v === undefined) {
      v = createTokenVerifier({ trustedIssuerHosts: [host] });
      this.#customVerifiers.set(name, v);
    }
    return v;
  }

  async #close(reason: 'closed-by-admin' | 'window-closed'): Promise<boolean> {
    const s = this.#state;
    if (s.kind !== 'open' && s.kind !== 'opening') return false;
    const browser = this.#browser;
    this.#browser = undefined;
    this.#secret = undefined;
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
