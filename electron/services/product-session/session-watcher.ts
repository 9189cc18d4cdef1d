// Owns what happens to each request the product session's partition makes: a Microsoft authorize request is
// read, linted and (when the admin asked for it) rewritten with prompt=login + login_hint; a sign-in form posted
// to a login host gives away the account name it carries (the passive evidence); a request to the redirect_uri
// of an observed authorize request is classified (code / error / other) and let through, because the product
// itself must redeem its code — and once it has gone on, onCode tells the session to check whose account that
// was. Everything lands on the timeline, the app's own steps marked as the app's. Synchronous and plain Node, so
// Electron's webRequest and the harness's CDP interception can call it for every request. Because
// it runs inside the request hook, it reads nothing beyond a bounded size: a page in the session choosing a
// megabyte URL must not hold main's thread.
import type { CloudId } from '../../../shared/cloud/clouds';
import type { DiagnoseFinding } from '../../../shared/diagnose';
import type { PresetId } from '../../../shared/presets';
import {
  classifyCallback,
  isSignInPost,
  lintObservedRequest,
  parseAuthorizeRequest,
  rewriteAuthorizeUrl,
  sessionFindings,
  signInFormAccount,
  type ObservedAuthorizeRequest,
  type TimelineStep,
} from '../../../shared/product-session';
import { matchesRedirectUri, parseRedirectUri } from '../../../shared/authorize/redirect-uri';
import type { ObservedRequest, ProductWatcher, RequestDecision } from './product-browser';

export interface WatcherOptions {
  /** The account that must sign in: the login_hint of the rewrite and the findings. */
  readonly signInAccount: string;
  /** The mailbox the product opens (the lint's mailbox); defaults to signInAccount. */
  readonly mailbox?: string;
  readonly rewrite: boolean;
  readonly preset?: PresetId;
  readonly cloud?: CloudId;
  readonly tenant?: string;
  /** host[:port] of custom authorities watched like Microsoft's login hosts (emulator, test tenant). */
  readonly customHosts?: readonly string[];
  readonly now?: () => Date;
  /**
   * The product's callback carried a code, for this authorize request of the product's; called only after the
   * browser let the callback go on (RequestDecision.afterContinue).
   */
  readonly onCode?: (request: ObservedAuthorizeRequest) => void;
}

/** A step as the watcher's users add it: numbered and timed by the watcher. */
export type NewStep = Omit<TimelineStep, 'seq' | 'at'>;

const MAX_STEPS = 500;
/**
 * The longest request URL and form body the watcher reads (synchronously, inside the request hook). Entra's own
 * authorize and callback URLs are a few KB; anything longer is let through unread, with a step saying so.
 */
export const MAX_WATCHED_URL_CHARS = 32 * 1024;
export const MAX_WATCHED_BODY_CHARS = 64 * 1024;
const PARAM_LIMITS: Readonly<Record<string, number>> = {
  clientId: 512,
  redirectUri: 4096,
  scope: 16384,
  resource: 4096,
  loginHint: 512,
};
/** A rewritten URL is expected back once (the redirect); older ones are forgotten. */
const MAX_ISSUED = 16;

export class SessionWatcher implements Pick<ProductWatcher, 'onRequest'> {
  readonly #steps: TimelineStep[] = [];
  readonly #issued: string[] = [];
  readonly #redirects: URL[] = [];
  /** The product's latest authorize request per redirect URI (href): the client and URI a callback belongs to. */
  readonly #requests = new Map<string, ObservedAuthorizeRequest>();
  #signInAccount: string | undefined;
  readonly #now: () => Date;

  constructor(private readonly options: WatcherOptions) {
    this.#now = options.now ?? (() => new Date());
  }

  get steps(): readonly TimelineStep[] {
    return this.#steps;
  }

  /** The account name the last sign-in form of this session sent, if any (seen, not proven). */
  get signInFormAccount(): string | undefined {
    return this.#signInAccount;
  }

  /** Adds a step that is not a request (opened, closed). */
  note(kind: 'opened' | 'closed', title: string, host: string, message?: string): void {
    this.#push({ kind, by: 'app', title, host, findings: [], ...(message === undefined ? {} : { message }) });
  }

  /** Adds a step of the app's own (its silent requests, their answers, the verdict). */
  record(step: NewStep): void {
    this.#push(step);
  }

  onRequest(request: ObservedRequest): RequestDecision {
    if (request.url.length > MAX_WATCHED_URL_CHARS || (request.formBody?.length ?? 0) > MAX_WATCHED_BODY_CHARS) {
      this.#oversized(request);
      return {};
    }
    const customHosts = this.options.customHosts ?? [];
    if (request.formBody !== undefined && isSignInPost(request.url, request.method, customHosts)) {
      const account = signInFormAccount(request.formBody);
      // Entra's pages post the name again on the password page and on "Stay signed in?": one step per account.
      if (account !== undefined && account.toLowerCase() !== this.#signInAccount?.toLowerCase()) {
        this.#signInAccount = account;
        this.#push({
          kind: 'sign-in-form',
          by: 'product',
          title: `The sign-in page sent the account ${account}`.slice(0, 300),
          host: new URL(request.url).host.slice(0, 255),
          message: 'What the form said, not a proof: the app checks whose account it was after the product’s callback.',
          findings: [],
        });
      }
      return {};
    }
    const authorize = parseAuthorizeRequest(request.url, { customHosts });
    if (authorize) {
      const i = this.#issued.indexOf(request.url);
      if (i >= 0) {
        // Our own rewrite coming back through the interception: already on the timeline.
        this.#issued.splice(i, 1);
        return {};
      }
      const signIn = this.options.signInAccount;
      const rewrite = this.options.rewrite ? rewriteAuthorizeUrl(request.url, signIn) : undefined;
      const findings: DiagnoseFinding[] = [
        ...sessionFindings(authorize, rewrite, signIn),
        ...lintObservedRequest(authorize, {
          ...(this.options.preset === undefined ? {} : { preset: this.options.preset }),
          ...(this.options.cloud === undefined ? {} : { cloud: this.options.cloud }),
          ...(this.options.tenant === undefined || this.options.tenant === '' ? {} : { tenant: this.options.tenant }),
          mailbox: this.options.mailbox ?? signIn,
        }),
      ];
      if (authorize.redirectUri !== undefined) {
        const r = parseRedirectUri(authorize.redirectUri);
        if (r.ok) {
          if (!this.#redirects.some((u) => u.href === r.url.href)) this.#redirects.push(r.url);
          // What the product asked for is what reaches Entra: the rewrite changes only prompt and login_hint.
          this.#requests.set(r.url.href, authorize);
        }
      }
      const { host, cloud, version, tenant, endpoint, hasPkce, hasState, ...params } = authorize;
      // Clipped to the contract's limits: a product's odd values must not make the status call fail.
      const clipped = Object.fromEntries(
        Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v.slice(0, PARAM_LIMITS[k] ?? 256) : v]),
      );
      this.#push({
        kind: 'authorize-request',
        by: 'product',
        title: `The product sent its ${version} authorize request to ${host}`.slice(0, 300),
        host: host.slice(0, 255),
        request: {
          host: host.slice(0, 255),
          cloud,
          version,
          tenant: tenant.slice(0, 512),
          endpoint: endpoint.slice(0, 4096),
          hasPkce,
          hasState,
          ...clipped,
        },
        rewrite: {
          enabled: this.options.rewrite,
          changed: rewrite?.changed ?? false,
          changes: (rewrite?.changes ?? []).map((c) => ({
            param: c.param,
            after: c.after.slice(0, 512),
            ...(c.before === undefined ? {} : { before: c.before.slice(0, 512) }),
          })),
        },
        findings,
      });
      if (rewrite?.changed) {
        this.#issued.push(rewrite.url);
        if (this.#issued.length > MAX_ISSUED) this.#issued.shift();
        return { redirectTo: rewrite.url };
      }
      return {};
    }
    const redirect = this.#redirects.find((u) => matchesRedirectUri(request.url, u));
    if (redirect) {
      const reading = classifyCallback(request.url, request.formBody, this.options.preset);
      const host = redirect.host;
      if (reading.kind === 'code') {
        this.#push({
          kind: 'callback-code',
          by: 'product',
          title: `The product's callback received an authorization code`,
          host,
          message: reading.message,
          findings: [],
        });
        const observed = this.#requests.get(redirect.href);
        const onCode = this.options.onCode;
        if (observed !== undefined && onCode !== undefined) return { afterContinue: () => onCode(observed) };
      } else if (reading.kind === 'error') {
        this.#push({
          kind: 'callback-error',
          by: 'product',
          title: `The product's callback received an error: ${reading.error}`.slice(0, 300),
          host,
          explanation: reading.explanation,
          ...(reading.description === undefined ? {} : { message: reading.description.slice(0, 2000) }),
          findings: [],
        });
      } else {
        this.#push({
          kind: 'callback-other',
          by: 'product',
          title: `A request reached the product's callback without a code or an error`,
          host,
          findings: [],
        });
      }
    }
    return {};
  }

  /** A request too long to read: only its address up to the query is compared with the watched callbacks. */
  #oversized(request: ObservedRequest): void {
    const q = request.url.indexOf('?');
    const bare = request.url.slice(0, Math.min(q < 0 ? request.url.length : q, 4096));
    const redirect = this.#redirects.find((u) => matchesRedirectUri(bare, u));
    if (redirect === undefined) return;
    const size = request.url.length + (request.formBody?.length ?? 0);
    this.#push({
      kind: 'callback-other',
      by: 'product',
      title: `A request of ${size} characters reached the product's callback: too long to read, let through unread`,
      host: redirect.host,
      findings: [],
    });
  }

  #push(step: NewStep): void {
    if (this.#steps.length >= MAX_STEPS) return;
    this.#steps.push({ seq: this.#steps.length + 1, at: this.#now().toISOString(), ...step });
  }
}
