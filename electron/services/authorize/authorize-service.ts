// The authorize flow: opens the product's authorize URL in an isolated browser, catches the redirect,
// redeems the code with MSAL-node (confidential client, PKCE S256, state, nonce), reads the refresh token
// from MSAL's cache, obtains a second resource's token with it when the scopes span two resources, and
// verifies whose tokens came back. One flow at a time; states are a discriminated union (shared/authorize/schema.ts).
// Recent runs stay here by flow id, and one of them is "current" until the admin starts over, so the renderer shows
// a run's verdict again when the admin comes back to the page instead of losing it.
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import {
  ConfidentialClientApplication,
  CryptoProvider,
  LogLevel,
  type AuthenticationResult,
  type INetworkModule,
} from '@azure/msal-node';
import type { AuthorizeConfig, FlowState, FlowStep } from '../../../shared/authorize/schema';
import { authorityOf, hostsFor } from '../../../shared/cloud/hosts';
import { isTransientAadsts } from '../../../shared/explain/catalog';
import { firstAadstsCode } from '../../../shared/explain/parse';
import { redact } from '../../../shared/text/redact';
import { parseRedirectUri, readAuthorizationResponse } from '../../../shared/authorize/redirect-uri';
import { CodedError, type AppError } from '../../../shared/result';
import { assertNever } from '../../../shared/assert-never';
import { codedError } from '../errors';
import { groupScopes } from '../../../shared/cloud/scopes';
import type { AuthBrowser, AuthBrowserFactory } from './auth-browser';
import { AuthorityMetadataCache, authorityMetadataKey } from './authority-metadata';
import { createNetworkModule } from './msal-network';
import type { TokenStore, StoredToken } from '../tokens/token-store';
import { createCaFetch, createTokenVerifier, type TokenVerifier } from '../tokens/token-verifier';
import { verifyTokenSet } from './verify-token-set';

export { caFilePath } from './ca-file';

export interface AuthorizeDeps {
  readonly browsers: AuthBrowserFactory;
  readonly store: TokenStore;
  /** MSAL network module; defaults to node:https trusting the custom authority's CA when given. */
  readonly network?: (cfg: AuthorizeConfig) => INetworkModule;
  /** ID token signature checks for Microsoft's clouds; a custom authority gets one trusting its host (and CA). */
  readonly verifier?: TokenVerifier;
  readonly now?: () => number;
  readonly log?: (line: string) => void;
  /** Told when a run finished verification (Watch records a good one against its saved profile). */
  readonly onVerified?: (run: { readonly profileId?: string; readonly ok: boolean; readonly at: number }) => void;
  /** How many finished runs are kept by flow id (default 10); the current one is always kept. */
  readonly keepRuns?: number;
  /** How long a brief step (redeeming, verifying) must last before a follower is answered with it (waitForChange). */
  readonly briefStepMs?: number;
  /** How long after a verdict the sign-in window is emptied and closed (default CLOSE_AFTER_VERDICT_MS). */
  readonly closeAfterVerdictMs?: number;
  /** The HTTP proxy MSAL's requests go through (Settings > Network), read at each flow's start; '' for none. */
  readonly proxyUrl?: () => string;
  /** Authority metadata MSAL discovered in an earlier flow (authority-metadata.ts); a fresh one per service by default. */
  readonly authorityMetadata?: AuthorityMetadataCache;
}

/** The authority MSAL gets for a config (https://<login host>/<tenant>) and the host it must trust as known. */
export function authorityFor(cfg: Pick<AuthorizeConfig, 'cloud' | 'customAuthority' | 'tenant'>): {
  authority: string;
  host: string;
} {
  const a = authorityOf(cfg);
  if (a === undefined) throw codedError('AUTHORITY_MISSING');
  return { authority: a.authority, host: a.host };
}

const b64url = (n: number): string => randomBytes(n).toString('base64url');

/** Constant-time comparison of the returned state with the one we sent. */
export function stateMatches(expected: string, received: string | undefined): boolean {
  if (received === undefined) return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(received, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Entra's error text taken apart: its AADSTS code, its sentence, and the description once (with its support ids). */
export interface EntraErrorText {
  readonly aadsts?: number;
  /** The words after "AADSTSnnnn:", before "Trace ID:" / "Correlation ID:" / "Request Id:" / "Timestamp:". */
  readonly sentence: string;
  /** The error_description once, on one line: what the detail shows. */
  readonly description: string;
}

const MSAL_WRAPPER = 'Error(s):';
const DESCRIPTION_LABEL = ' - Description: ';
/**
 * Where the support ids start, compared in lower case: the token endpoint writes "Trace ID:" / "Correlation ID:",
 * the sign-in page's troubleshooting details "Request Id:" / "Correlation Id:".
 */
const SUPPORT_LABELS = ['trace id:', 'correlation id:', 'request id:', 'timestamp:'] as const;

/**
 * Reads Entra's error text wherever it arrived: a redirect's or a JSON body's error_description, or MSAL's
 * ServerError message, which wraps it as "Error(s): <codes> - Timestamp: … - Description: <error_description> -
 * Correlation ID: … - Trace ID: …" (@azure/msal-common ResponseHandler.validateTokenResponse). Bounded input and
 * indexOf only, so hostile text cannot make it slow.
 */
export function readEntraError(text: string | undefined): EntraErrorText {
  let t = (text ?? '').slice(0, 8000).replace(/\s+/g, ' ').trim();
  if (t.startsWith(MSAL_WRAPPER)) {
    const at = t.indexOf(DESCRIPTION_LABEL);
    if (at >= 0) {
      const rest = t.slice(at + DESCRIPTION_LABEL.length);
      // MSAL appends its own " - Correlation ID: … - Trace ID: …" after the description.
      const end = rest.lastIndexOf(' - Correlation ID: ');
      t = (end >= 0 ? rest.slice(0, end) : rest).trim();
    }
  }
  const aadsts = firstAadstsCode(t);
  let sentence = t;
  if (aadsts !== undefined) {
    const label = `AADSTS${aadsts}:`;
    const at = sentence.indexOf(label);
    if (at >= 0) sentence = sentence.slice(at + label.length);
  }
  const lower = sentence.toLowerCase();
  let cut = sentence.length;
  for (const l of SUPPORT_LABELS) {
    const at = lower.indexOf(l);
    if (at >= 0 && at < cut) cut = at;
  }
  sentence = sentence.slice(0, cut);
  return { ...(aadsts === undefined ? {} : { aadsts }), sentence: sentence.trim(), description: t };
}

/** Turns an OAuth error (redirect or token endpoint) into a coded error carrying the AADSTS code. */
export function oauthError(
  error: string,
  description: string | undefined,
  where: 'redirect' | 'token' | 'sign-in-page',
): CodedError {
  const { aadsts, sentence: read, description: desc } = readEntraError(description);
  // The sign-in page writes its support ids as "Request Id: … Correlation Id: …", spellings the reader above does not
  // cut at: entraSentence keeps only Entra's words for the error's title, the ids stay in the detail.
  const sentence = where === 'sign-in-page' ? entraSentence(desc, aadsts) : read;
  const cause = sentence !== '' ? sentence : `The identity provider answered "${error}".`;
  // A passing problem at Entra (the catalog's service codes) is retried, not "fixed" in the configuration.
  const transient = error === 'temporarily_unavailable' || (aadsts !== undefined && isTransientAadsts(aadsts));
  const next = transient
    ? 'This is a temporary problem at the identity provider: wait a minute and authorize again.'
    : where === 'sign-in-page'
      ? 'Read the explanation below, correct the app registration or the values, and authorize again.'
      : where === 'redirect'
        ? 'Open "Explain error" for the fix, correct the app registration or the values, and authorize again.'
        : 'Check the client secret (the Value, not the Secret ID), the redirect URI and the scopes, then authorize again.';
  return new CodedError(
    aadsts !== undefined ? `AADSTS${aadsts}` : oauthCode(error),
    redact(cause).slice(0, 600),
    next,
    {
      detail: redact(desc).slice(0, 2000),
    },
  );
}

/**
 * Entra's own sentence from an error description: after "AADSTS<code>:", up to the support ids that follow it. MSAL
 * wraps a token-endpoint error as "Error(s): 7000215 - Timestamp: … - Description: AADSTS7000215: … - Trace ID: …",
 * so cutting at the first support id alone would leave "Error(s): 7000215 -".
 */
export function entraSentence(desc: string, aadsts: number | undefined): string {
  // The code goes on the error's code line, not into the sentence the admin reads first.
  const label = aadsts === undefined ? '' : `AADSTS${aadsts}:`;
  const start = label === '' ? -1 : desc.indexOf(label);
  let text = start >= 0 ? desc.slice(start + label.length) : desc;
  // The support ids Entra appends, in any of the spellings its JSON errors and its sign-in page use.
  const support = /\s(?:-\s)?(?:Trace ID|Request Id|Correlation ID|Timestamp)\b\s*:?/i.exec(text);
  if (support !== null && support.index > 0) text = text.slice(0, support.index);
  return text.replace(/\s*-\s*$/, '').trim();
}

const oauthCode = (error: string): string => {
  const c = error
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[A-Z][A-Z0-9_]{1,63}$/.test(`OAUTH_${c}`) ? `OAUTH_${c}` : 'OAUTH_ERROR';
};

/** Node's TLS verification failures (certificate untrusted, expired, for another name). */
const TLS_FAILURE = /certificate|self.signed|CERT_|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS_/i;

/** A network error's text with its cause's code (undici and https put the TLS code on the cause). */
function errorText(e: unknown): string {
  const err = e as { message?: unknown; code?: unknown; cause?: { message?: unknown; code?: unknown } };
  return [err.message, err.code, err.cause?.message, err.cause?.code].filter((x) => typeof x === 'string').join(' ');
}

/** MSAL throws ServerError/AuthError; keep Entra's own code and words (redacted). */
export function fromMsalError(e: unknown, host = 'the identity provider'): CodedError {
  if (e instanceof CodedError) return e;
  const anyE = e as { errorCode?: string; errorMessage?: string; message?: string; subError?: string };
  // errorMessage is the server's text; message repeats it behind the code, so read one of them, not both.
  const text = anyE.errorMessage !== undefined && anyE.errorMessage !== '' ? anyE.errorMessage : (anyE.message ?? '');
  if (text.startsWith(MSAL_WRAPPER) || firstAadstsCode(text) !== undefined)
    return oauthError(anyE.errorCode || 'server_error', text, 'token');
  const reason = redact(String(anyE.message ?? e)).slice(0, 400);
  // A certificate problem first: its message often also says "network", but checking the network will not fix it.
  if (TLS_FAILURE.test(`${text} ${errorText(e)}`)) return codedError('IDP_TLS', { host, reason, cause: e });
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|socket hang up|No answer from|network/i.test(text))
    return codedError('IDP_UNREACHABLE', { reason, cause: e });
  // Any 5xx in the text (the former /status.*5\d\d|5\d\d/ meant the same, with a quadratic first half).
  if (/5\d\d/.test(text) || anyE.errorCode === 'http_status_code_error')
    return codedError('IDP_SERVER_ERROR', { reason, cause: e });
  return codedError('TOKEN_REDEMPTION_FAILED', { reason, cause: e });
}

/** The refresh token MSAL keeps in its cache (MSAL does not return it on the result). */
export function refreshTokenFromCache(serialized: string): string | undefined {
  try {
    const cache = JSON.parse(serialized) as { RefreshToken?: Record<string, { secret?: string }> };
    const first = Object.values(cache.RefreshToken ?? {})[0];
    return first?.secret;
  } catch {
    return undefined;
  }
}

function storedAccess(r: AuthenticationResult, resource: string): StoredToken {
  return {
    value: r.accessToken,
    resource,
    scopes: [...r.scopes],
    ...(r.expiresOn ? { expiresAt: r.expiresOn.getTime() } : {}),
  };
}

/** Flow steps that usually last milliseconds; see waitForChange. */
const BRIEF_STEPS: ReadonlySet<FlowState['kind']> = new Set<FlowState['kind']>(['redeeming', 'verifying']);
/**
 * Brief too: a sign-in window that shows no page yet. Its host follows as soon as the first page commits, usually
 * within a tenth of a second, and is what the step names.
 */
const isBrief = (s: FlowState): boolean => BRIEF_STEPS.has(s.kind) || (s.kind === 'signing-in' && s.host === undefined);
const BRIEF_STEP_MS = 120;
/**
 * How long after a verdict its sign-in window is emptied and closed. Tearing the window down (its storage cleared, its
 * renderer process ended) takes CPU the app's window needs at that moment to render and paint the verdict; on two
 * cores the verdict reached the screen 15-25 ms later when both ran together (issue 22). The verdict's render and first
 * frame take 40-80 ms there, so a quarter of a second leaves them the CPU; the window has nothing left to do by then.
 */
const CLOSE_AFTER_VERDICT_MS = 250;

export class AuthorizeService {
  #state: FlowState = { kind: 'idle' };
  #abort: AbortController | undefined;
  #running: Promise<void> | undefined;
  /** Recent runs by flow id, oldest first; the latest flow's state is also #state. */
  readonly #runs = new Map<string, FlowState>();
  /** The run the renderer shows when the admin comes back, until they start over. */
  #current: string | undefined;
  /**
   * The last flow's sign-in window closing, after its verdict, then the next one being made ahead if prepare() asked
   * for that: a new flow's window opens only once this has settled.
   */
  #closing: Promise<void> | undefined;
  /** Whether a clean sign-in window is kept ready for the next flow (prepare()). */
  #keepReady = false;
  /** The next flow's sign-in window, made ahead and never used; each flow takes it, or makes its own without one. */
  #standby: Promise<AuthBrowser> | undefined;
  readonly #now: () => number;
  readonly #log: (line: string) => void;
  readonly #authorityMetadata: AuthorityMetadataCache;

  constructor(private readonly deps: AuthorizeDeps) {
    this.#now = deps.now ?? Date.now;
    this.#log = deps.log ?? (() => undefined);
    this.#authorityMetadata = deps.authorityMetadata ?? new AuthorityMetadataCache({ now: this.#now });
  }

  /** The latest flow's state. */
  get state(): FlowState {
    return this.#state;
  }

  /** The current run's state (idle after startOver()), which the renderer restores when the admin comes back. */
  get current(): FlowState {
    return this.#current === undefined ? { kind: 'idle' } : (this.#runs.get(this.#current) ?? { kind: 'idle' });
  }

  /** A recent run's state by flow id; undefined once it has been dropped. */
  run(flowId: string): FlowState | undefined {
    return this.#runs.get(flowId);
  }

  /**
   * "Start a new authorization": the current run is no longer shown (it stays available by id for its field sheet,
   * export and report). Refused while a flow runs: cancel it first.
   */
  startOver(flowId?: string): boolean {
    if (this.#running !== undefined) throw codedError('FLOW_IN_PROGRESS');
    if (this.#current === undefined || (flowId !== undefined && flowId !== this.#current)) return false;
    this.#current = undefined;
    return true;
  }

  /** Starts a flow; refuses (does not race) while one runs. Returns at once with the flow id. */
  start(cfg: AuthorizeConfig): { flowId: string } {
    if (this.#running !== undefined) throw codedError('FLOW_IN_PROGRESS');
    if (cfg.clientSecret === undefined) throw codedError('CLIENT_SECRET_MISSING');
    const redirect = parseRedirectUri(cfg.redirectUri);
    if (!redirect.ok) throw new CodedError(redirect.code, redirect.message, redirect.nextStep);
    const flowId = randomUUID();
    const startedAt = this.#now();
    this.#abort = new AbortController();
    this.#current = flowId;
    this.#set({ kind: 'opening', flowId, startedAt });
    this.#running = this.#run(flowId, startedAt, cfg, redirect.url, this.#abort.signal).finally(() => {
      this.#running = undefined;
      this.#abort = undefined;
    });
    return { flowId };
  }

  /**
   * From now on keeps one clean sign-in window ready for the next flow, made ahead while the admin fills in the form:
   * a new in-memory partition with a blank page and nothing else, hidden, which exactly one flow takes at its start
   * and disposes at its end, as it would one made at the click. Opening it at the click is then showing it (a new
   * renderer process takes ~100 ms on two cores, issue 22). The next is made once the last flow's window has closed,
   * so it never competes with a sign-in or a verdict. Main calls this once its window is up; idempotent.
   */
  prepare(): void {
    if (this.#keepReady) return;
    this.#keepReady = true;
    if (this.#running === undefined) this.#stock();
  }

  /**
   * Stops keeping a window ready and disposes the one made ahead, if any (the next flow opens its own at the click).
   * The benchmark measures that cold path with it.
   */
  async release(): Promise<void> {
    this.#keepReady = false;
    const standby = this.#standby;
    this.#standby = undefined;
    await this.#closing;
    await standby?.then(
      (b) => b.dispose(),
      () => undefined,
    );
  }

  /** Makes the next flow's window once the last one has closed, unless one is made already. */
  #stock(): void {
    if (!this.#keepReady || this.#standby !== undefined) return;
    const after = this.#closing;
    const made = (async () => {
      await after;
      return this.deps.browsers();
    })();
    this.#standby = made;
    this.#closing = made.then(
      () => undefined,
      (e: unknown) => {
        // A flow then makes its own window at its start, as without prepare().
        if (this.#standby === made) this.#standby = undefined;
        this.#log(
          `authorize: preparing a sign-in window failed: ${redact(e instanceof Error ? e.message : String(e))}`,
        );
      },
    );
  }

  /** The window made ahead for this flow, if any (it then is no longer kept), or a new one. */
  #takeBrowser(): Promise<AuthBrowser> {
    const standby = this.#standby;
    this.#standby = undefined;
    return standby?.catch(() => this.deps.browsers()) ?? this.deps.browsers();
  }

  /** Resolves when the current flow (if any) has finished. */
  async settled(): Promise<FlowState> {
    await this.#running;
    await this.#closing;
    return this.#state;
  }

  cancel(flowId?: string): boolean {
    if (this.#abort === undefined) return false;
    if (flowId !== undefined && 'flowId' in this.#state && this.#state.flowId !== flowId) return false;
    this.#abort.abort();
    return true;
  }

  /**
   * Resolves with the state as soon as it differs from `kind` (or its host changed while signing in), or after
   * `maxWaitMs`: the renderer long-polls with it instead of polling on a timer, so a verdict shows at once.
   * A brief step (redeeming, verifying: milliseconds after the redirect, most of the time) is answered only once it
   * has lasted BRIEF_STEP_MS (deps.briefStepMs); a state that follows it sooner is answered instead. The page then renders the verdict
   * once, not three states in a row each after its own round trip while the verdict waits (issue 22); a step that
   * lasts (a slow token endpoint) still shows, long before the ~300 ms after which progress must show. Likewise a
   * window without its first page yet: the follower is answered once with the host the window shows, not once
   * without it and again with it a moment later, a render of the app's window fewer while the sign-in page loads.
   */
  waitForChange(kind: FlowState['kind'], maxWaitMs: number, host?: string): Promise<FlowState> {
    const changed = (): boolean =>
      this.#state.kind !== kind || (this.#state.kind === 'signing-in' && this.#state.host !== host);
    return new Promise((resolve) => {
      let brief: ReturnType<typeof setTimeout> | undefined;
      const done = (): void => {
        clearTimeout(timer);
        clearTimeout(brief);
        this.#waiters.delete(check);
        resolve(this.#state);
      };
      const check = (): void => {
        if (!changed()) return;
        if (isBrief(this.#state)) brief ??= setTimeout(done, this.deps.briefStepMs ?? BRIEF_STEP_MS);
        else done();
      };
      const timer = setTimeout(done, maxWaitMs);
      this.#waiters.add(check);
      check();
    });
  }

  readonly #waiters = new Set<() => void>();
  /** Verifiers for custom authorities, kept so discovery and the JWKS are cached across flows. */
  readonly #customVerifiers = new Map<string, TokenVerifier>();
  #defaultVerifier: TokenVerifier | undefined;

  #customVerifier(host: string, ca: string | undefined): TokenVerifier {
    const key = `${host}\n${ca ?? ''}`;
    let v = this.#customVerifiers.get(key);
    if (v === undefined) {
      v = createTokenVerifier({
        trustedIssuerHosts: [host],
        ...(ca === undefined ? {} : { fetch: createCaFetch(ca) }),
      });
      if (this.#customVerifiers.size >= 8) this.#customVerifiers.clear();
      this.#customVerifiers.set(key, v);
    }
    return v;
  }

  #set(state: FlowState): void {
    this.#state = state;
    if ('flowId' in state) {
      this.#runs.delete(state.flowId);
      this.#runs.set(state.flowId, state);
      const keep = Math.max(1, this.deps.keepRuns ?? 10);
      for (const id of this.#runs.keys()) {
        if (this.#runs.size <= keep) break;
        if (id !== this.#current && id !== state.flowId) this.#runs.delete(id);
      }
    }
    for (const w of [...this.#waiters]) w();
    // One line per transition, for the log file: ids, hosts and codes only (the logger redacts anyway).
    this.#log(`authorize ${'flowId' in state ? state.flowId : '-'}: ${state.kind}${transitionNote(state)}`);
  }

  async #run(
    flowId: string,
    startedAt: number,
    cfg: AuthorizeConfig,
    redirectUri: URL,
    signal: AbortSignal,
  ): Promise<void> {
    const finish = { flowId, startedAt };
    let browserReady: ReturnType<AuthBrowserFactory> | undefined;
    // The step a failure or a cancellation happened in, for the progress list.
    let step: FlowStep = 'opening';
    // The authority's metadata key, forgotten when this flow fails (so a stale endpoint costs one flow at most).
    let metadataKey: string | undefined;
    const enter = (next: FlowStep, state: FlowState): void => {
      step = next;
      this.#set(state);
    };
    try {
      const { authority, host } = authorityFor(cfg);
      // The CA's content as main read it from the file the admin chose in main's dialog (ca-file.ts), never a path.
      const ca = cfg.cloud === 'custom' ? cfg.customAuthority?.caPem : undefined;
      const hostname = host.replace(/:\d+$/, '');
      const proxyUrl = this.deps.proxyUrl?.() ?? '';
      const network =
        this.deps.network?.(cfg) ??
        createNetworkModule({ ...(ca === undefined ? {} : { ca }), ...(proxyUrl === '' ? {} : { proxyUrl }) });
      // The admin named this authority explicitly, so its keys are trusted for this flow's ID token.
      const idTokenVerifier =
        cfg.cloud === 'custom'
          ? this.#customVerifier(host, ca)
          : (this.#defaultVerifier ??= this.deps.verifier ?? createTokenVerifier());
      // The endpoints MSAL discovered for this authority in a recent flow, if any: no discovery round trip then.
      metadataKey = authorityMetadataKey(authority, ca, proxyUrl);
      const authorityMetadata = this.#authorityMetadata.get(metadataKey);
      const msal = new ConfidentialClientApplication({
        auth: {
          clientId: cfg.clientId.trim(),
          authority,
          clientSecret: cfg.clientSecret,
          knownAuthorities: [host],
          ...(authorityMetadata === undefined ? {} : { authorityMetadata }),
        },
        system: {
          networkClient: network,
          loggerOptions: {
            piiLoggingEnabled: false,
            logLevel: LogLevel.Error,
            loggerCallback: (_l, m) => this.#log(`msal: ${redact(m)}`),
          },
        },
      });
      // Short scope names mean Graph; a custom authority (emulator, test tenant) issues for Global's resource ids.
      const graphResource = `https://${hostsFor(cfg.cloud === 'custom' ? 'global' : cfg.cloud).graphHost.value}`;
      const groups = groupScopes(cfg.scopes, graphResource);
      const [first, ...rest] = groups.byResource;
      const firstScopes = [...(first?.scopes ?? []), ...groups.oidc];
      const extra = rest.flatMap((g) => g.scopes);
      const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
      const state = b64url(32);
      const nonce = b64url(24);
      const mailbox = cfg.mailbox ?? cfg.signInAccount;
      let url: string;
      try {
        url = await msal.getAuthCodeUrl({
          scopes: firstScopes,
          ...(extra.length > 0 ? { extraScopesToConsent: extra } : {}),
          redirectUri: cfg.redirectUri,
          codeChallenge: challenge,
          codeChallengeMethod: 'S256',
          state,
          nonce,
          prompt: cfg.prompt,
          loginHint: cfg.signInAccount,
          responseMode: 'query',
        });
      } catch (e) {
        // MSAL reports any discovery failure as endpoints_resolution_error; ask the authority ourselves
        // (error path only) to tell an unknown tenant from an unreachable host.
        throw await diagnoseDiscovery(network, authority, e, host);
      }
      // Discovered now (MSAL validated the issuer): the next flows against this authority skip it for a while.
      if (authorityMetadata === undefined) this.#authorityMetadata.learn(metadataKey, authority, msal);
      url = withLoginHint(url, cfg.signInAccount);
      if (signal.aborted) throw codedError('CANCELLED');

      // The previous flow's window is closed first (it closes after its verdict): one sign-in window at a time.
      await this.#closing;
      // Cancelled while that close went on: no window shows (an abort before authorize() would never reach it).
      if (signal.aborted) throw codedError('CANCELLED');
      // Taken (or made) only once the authority answered: a discovery error is reported before any window shows.
      browserReady = this.#takeBrowser();
      const browser = await browserReady;
      enter('signing-in', { kind: 'signing-in', ...finish });
      const outcome = await browser.authorize(url, redirectUri, {
        timeoutMs: cfg.timeoutMs,
        signal,
        // The sign-in window trusts exactly this CA for exactly this host, nothing process-wide.
        ...(ca === undefined ? {} : { trust: { host: hostname, caPem: ca } }),
        onHost: (h) => {
          if (this.#state.kind === 'signing-in') this.#set({ kind: 'signing-in', ...finish, host: h });
        },
      });
      if (outcome.kind === 'error-page') {
        // Entra stopped the sign-in on its own page: say which error, with its words, at once (the window is
        // disposed in finally, after the admin already sees the error).
        const detail = [outcome.page.message, outcome.page.details].filter((x) => x !== '').join('\n');
        throw oauthError('error-page', detail, 'sign-in-page');
      }
      // The window is done with once the redirect is caught, but it is emptied and closed only once the flow has
      // ended (finally, below): not before redeeming, which then waited for it, nor during, when the teardown took
      // the CPU the token request and the verdict needed (issue 22: callback to verdict frame 85-93 ms -> 69-74 ms).
      if (outcome.kind === 'cancelled') {
        this.#set({
          kind: 'cancelled',
          ...finish,
          finishedAt: this.#now(),
          reason: signal.aborted ? 'user' : 'window-closed',
          step,
        });
        return;
      }
      if (outcome.kind === 'timeout') throw codedError('AUTH_TIMEOUT', { seconds: Math.round(cfg.timeoutMs / 1000) });
      // A certificate the window refused ends the flow at once, naming the host (not a 10-minute wait).
      if (outcome.kind === 'certificate-error')
        throw codedError('IDP_TLS', { host: outcome.host, reason: outcome.reason ?? 'the sign-in window refused it.' });

      const response = readAuthorizationResponse(outcome.callbackUrl, outcome.formBody);
      if (!stateMatches(state, response.state)) throw codedError('STATE_MISMATCH');
      if (response.error !== undefined) throw oauthError(response.error, response.errorDescription, 'redirect');
      if (response.code === undefined) throw codedError('NO_CODE');

      enter('redeeming', { kind: 'redeeming', ...finish });
      let primary: AuthenticationResult;
      try {
        primary = await msal.acquireTokenByCode({
          code: response.code,
          scopes: firstScopes,
          redirectUri: cfg.redirectUri,
          codeVerifier: verifier,
          nonce,
          state,
        });
      } catch (e) {
        throw fromMsalError(e, host);
      }
      const refreshToken = refreshTokenFromCache(msal.getTokenCache().serialize());
      const accessTokens: StoredToken[] = [storedAccess(primary, first?.resource ?? 'openid')];
      for (const g of rest) {
        if (refreshToken === undefined) throw codedError('NO_REFRESH_TOKEN', { resource: g.resource });
        try {
          const second = await msal.acquireTokenByRefreshToken({
            refreshToken,
            scopes: [...g.scopes],
            forceCache: false,
          });
          if (second) accessTokens.push(storedAccess(second, g.resource));
        } catch (e) {
          throw fromMsalError(e, host);
        }
      }

      enter('verifying', { kind: 'verifying', ...finish });
      const set = this.deps.store.put({
        accessTokens,
        ...(primary.idToken ? { idToken: { value: primary.idToken } } : {}),
        ...(refreshToken !== undefined ? { refreshToken: { value: refreshToken } } : {}),
        clientSecret: cfg.clientSecret,
        ...(cfg.profileId === undefined ? {} : { profileId: cfg.profileId }),
      });
      const result = await verifyTokenSet(set, { cfg, mailbox, nonce, now: this.#now, verifier: idTokenVerifier });
      this.deps.store.setResult(set.id, result);
      this.deps.onVerified?.({
        ...(cfg.profileId === undefined ? {} : { profileId: cfg.profileId }),
        ok: result.verdict.ok,
        at: set.createdAt,
      });
      this.#set({ kind: 'done', ...finish, finishedAt: this.#now(), result });
    } catch (e) {
      const error: AppError = e instanceof CodedError ? e.toAppError() : fromMsalError(e).toAppError();
      if (error.code === 'CANCELLED') {
        this.#set({ kind: 'cancelled', ...finish, finishedAt: this.#now(), reason: 'user', step });
      } else {
        if (metadataKey !== undefined) this.#authorityMetadata.forget(metadataKey);
        this.#log(`authorize failed: ${error.code} ${redact(error.message)}`);
        this.#set({ kind: 'failed', ...finish, finishedAt: this.#now(), error, step });
      }
    } finally {
      // Every flow's window is emptied and closed here, once its end state is set: the verdict is out first, and
      // gets the CPU for its first frame before the teardown starts. A cancel or an error closes the window at once.
      const wait = this.#state.kind === 'done' ? (this.deps.closeAfterVerdictMs ?? CLOSE_AFTER_VERDICT_MS) : 0;
      const disposing = browserReady?.then(async (b) => {
        if (wait > 0) await delay(wait);
        await b.dispose();
      });
      // Not awaited here: the verdict is out already; a new flow may start, and waits for this before its window. A
      // flow that ended before it had a window leaves what is still closing (or being made) as it was.
      this.#closing =
        disposing?.catch((e: unknown) =>
          this.#log(
            `authorize: closing the sign-in window failed: ${redact(e instanceof Error ? e.message : String(e))}`,
          ),
        ) ?? this.#closing;
      // The next flow's window, once this one has closed (a flow that ended before taking one left it ready).
      this.#stock();
    }
  }
}

/**
 * The authorize URL with login_hint set to the account that must sign in. msal-common drops every account hint
 * when prompt is select_account (its comment: "AAD will throw if prompt=select_account is passed with an account
 * hint", which concerns sid and the opaque login_hint claim); Entra documents login_hint as pre-filling the
 * username of the sign-in page (entra-docs v2-oauth2-auth-code-flow.md), so the mailbox stays prefilled behind the
 * picker's "Use another account" too.
 */
export function withLoginHint(url: string, account: string): string {
  const u = new URL(url);
  if (u.searchParams.get('login_hint') === account) return url;
  u.searchParams.set('login_hint', account);
  return u.toString();
}

/** What the log line of a transition adds to the state's name: the verdict, the error code, the host. */
function transitionNote(state: FlowState): string {
  switch (state.kind) {
    case 'done':
      return ` verdict ${state.result.verdict.code}`;
    case 'failed':
      return ` ${state.error.code}`;
    case 'cancelled':
      return ` (${state.reason})`;
    case 'signing-in':
      return state.host === undefined ? '' : ` at ${state.host}`;
    case 'idle':
    case 'opening':
    case 'redeeming':
    case 'verifying':
      return '';
    default:
      return assertNever(state, 'flow state');
  }
}

/** Why the authority's OpenID configuration could not be loaded: unknown tenant (with Entra's code), or unreachable. */
export async function diagnoseDiscovery(
  network: INetworkModule,
  authority: string,
  original: unknown,
  host = new URL(authority).host,
): Promise<CodedError> {
  try {
    const r = await network.sendGetRequestAsync<{ error?: string; error_description?: string }>(
      `${authority}/v2.0/.well-known/openid-configuration`,
      {},
      5000,
    );
    if (r.status >= 500)
      return codedError('IDP_SERVER_ERROR', {
        reason: `HTTP ${r.status} while loading its configuration.`,
        cause: original,
      });
    if (r.body.error !== undefined) return oauthError(r.body.error, r.body.error_description, 'token');
    return fromMsalError(original, host);
  } catch (e) {
    const reason = redact(errorText(e)).slice(0, 300);
    // An untrusted certificate is a certificate problem, not "check the network".
    if (TLS_FAILURE.test(errorText(e))) return codedError('IDP_TLS', { host, reason, cause: e });
    return codedError('IDP_UNREACHABLE', { reason, cause: e });
  }
}
