// Owns what happens to each request the product session's partition makes: a Microsoft authorize request is
// read, linted and (when the admin asked for it) rewritten with prompt=login + login_hint; a request to the
// redirect_uri of an observed authorize request is classified (code / error / other) and let through, because
// the product itself must redeem its code. Everything lands on the timeline. Synchronous and plain Node, so
// Electron's webRequest and the harness's CDP interception can call it for every request.
import type { CloudId } from '../../../shared/cloud/clouds';
import type { DiagnoseFinding } from '../../../shared/diagnose';
import type { PresetId } from '../../../shared/presets';
import {
  classifyCallback,
  lintObservedRequest,
  parseAuthorizeRequest,
  rewriteAuthorizeUrl,
  sessionFindings,
  type TimelineStep,
} from '../../../shared/product-session';
import { matchesRedirectUri, parseRedirectUri } from '../../../shared/authorize/redirect-uri';
import type { ObservedRequest, ProductWatcher, RequestDecision } from './product-browser';

export interface WatcherOptions {
  readonly mailbox: string;
  readonly rewrite: boolean;
  readonly preset?: PresetId;
  readonly cloud?: CloudId;
  readonly tenant?: string;
  /** host[:port] of custom authorities watched like Microsoft's login hosts (emulator, test tenant). */
  readonly customHosts?: readonly string[];
  readonly now?: () => Date;
}

const MAX_STEPS = 500;
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
  readonly #now: () => Date;

  constructor(private readonly options: WatcherOptions) {
    this.#now = options.now ?? (() => new Date());
  }

  get steps(): readonly TimelineStep[] {
    return this.#steps;
  }

  /** Adds a step that is not a request (opened, closed). */
  note(kind: 'opened' | 'closed', title: string, host: string, message?: string): void {
    this.#push({ kind, title, host, findings: [], ...(message === undefined ? {} : { message }) });
  }

  onRequest(request: ObservedRequest): RequestDecision {
    const authorize = parseAuthorizeRequest(request.url, { customHosts: this.options.customHosts ?? [] });
    if (authorize) {
      const i = this.#issued.indexOf(request.url);
      if (i >= 0) {
        // Our own rewrite coming back through the interception: already on the timeline.
        this.#issued.splice(i, 1);
        return {};
      }
      const rewrite = this.options.rewrite ? rewriteAuthorizeUrl(request.url, this.options.mailbox) : undefined;
      const findings: DiagnoseFinding[] = [
        ...sessionFindings(authorize, rewrite, this.options.mailbox),
        ...lintObservedRequest(authorize, {
          ...(this.options.preset === undefined ? {} : { preset: this.options.preset }),
          ...(this.options.cloud === undefined ? {} : { cloud: this.options.cloud }),
          ...(this.options.tenant === undefined || this.options.tenant === '' ? {} : { tenant: this.options.tenant }),
          mailbox: this.options.mailbox,
        }),
      ];
      if (authorize.redirectUri !== undefined) {
        const r = parseRedirectUri(authorize.redirectUri);
        if (r.ok && !this.#redirects.some((u) => u.href === r.url.href)) this.#redirects.push(r.url);
      }
      const { host, cloud, version, tenant, endpoint, hasPkce, hasState, ...params } = authorize;
      // Clipped to the contract's limits: a product's odd values must not make the status call fail.
      const clipped = Object.fromEntries(
        Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v.slice(0, PARAM_LIMITS[k] ?? 256) : v]),
      );
      this.#push({
        kind: 'authorize-request',
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
          title: `The product's callback received an authorization code`,
          host,
          message: reading.message,
          findings: [],
        });
      } else if (reading.kind === 'error') {
        this.#push({
          kind: 'callback-error',
          title: `The product's callback received an error: ${reading.error}`.slice(0, 300),
          host,
          explanation: reading.explanation,
          ...(reading.description === undefined ? {} : { message: reading.description.slice(0, 2000) }),
          findings: [],
        });
      } else {
        this.#push({
          kind: 'callback-other',
          title: `A request reached the product's callback without a code or an error`,
          host,
          findings: [],
        });
      }
    }
    return {};
  }

  #push(step: Omit<TimelineStep, 'seq' | 'at'>): void {
    if (this.#steps.length >= MAX_STEPS) return;
    this.#steps.push({ seq: this.#steps.length + 1, at: this.#now().toISOString(), ...step });
  }
}
