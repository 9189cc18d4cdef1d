// An audit from a separate clean admin session: the admin signs in, in an isolated browser of its own (the
// authorize flow's AuthBrowser port: never the mailbox's session, never the everyday browser's), to a public
// client — Microsoft Graph Command Line Tools or the tenant's own registration — through MSAL-node (authorization
// code with PKCE, state checked, prompt=login). The access token lives in this function's scope for the reads only:
// it is never stored, never logged, never returned, and MSAL's in-memory cache is cleared when the audit ends.
// What the audit learnt (credential end dates, no values) is kept in the chosen saved profile for Watch.
import { randomBytes } from 'node:crypto';
import { CryptoProvider, LogLevel, PublicClientApplication, type INetworkModule } from '@azure/msal-node';
import { AUDIT_SCOPES, CONSENT_GRANTERS, GRAPH_CLI_CLIENT, graphReadOf } from '../../../shared/audit/graph-calls';
import { processAudit } from '../../../shared/audit/process';
import type { AuditClient, AuditResult, AuditRunRequest, AuditTarget } from '../../../shared/audit/schema';
import { parseRedirectUri, readAuthorizationResponse } from '../../../shared/authorize/redirect-uri';
import { authorityOf, hostsFor } from '../../../shared/cloud/hosts';
import { decodeToken } from '../../../shared/tokens';
import { CodedError } from '../../../shared/result';
import { redact } from '../../../shared/text/redact';
import type { AuthBrowser, AuthBrowserFactory } from '../authorize/auth-browser';
import { diagnoseDiscovery, fromMsalError, oauthError, stateMatches } from '../authorize/authorize-service';
import { createNetworkModule } from '../authorize/msal-network';
import { globalFetch, type FetchLike } from '../diagnose/online-requests';
import { codedError } from '../errors';
import type { ProfileStore } from '../profiles/profile-store';
import { createCaFetch } from '../tokens/token-verifier';
import { createGraphReader } from './graph-reader';
import { readDirectory } from './read-directory';

export interface AuditDeps {
  /** The isolated browser the admin signs in with: a fresh one per audit, wiped afterwards. */
  readonly browsers: AuthBrowserFactory;
  /** Graph requests (default the platform's fetch; a custom authority's CA file gets a fetch that trusts it). */
  readonly fetch?: FetchLike;
  /** MSAL network module (tests); default node:https trusting a custom authority's CA. */
  readonly network?: (target: AuditTarget) => INetworkModule;
  /** Where "keep in profile" goes. */
  readonly profiles?: Pick<ProfileStore, 'updateWatch'> | undefined;
  /** Told after an audit saved facts to a profile (Watch re-checks at once). */
  readonly onSaved?: (profileId: string) => void;
  readonly now?: () => number;
  readonly log?: (line: string) => void;
}

/** The client's id, redirect URI and the name the portal shows for it. */
export function auditClientOf(client: AuditClient): { clientId: string; redirectUri: string; label: string } {
  return client.kind === 'graph-cli'
    ? { clientId: GRAPH_CLI_CLIENT.clientId, redirectUri: GRAPH_CLI_CLIENT.redirectUri, label: GRAPH_CLI_CLIENT.label }
    : { clientId: client.clientId, redirectUri: client.redirectUri, label: 'your audit registration' };
}

/** The Graph service root for the target's cloud (a custom authority names its own). */
export function graphBaseOf(target: Pick<AuditTarget, 'cloud' | 'customAuthority'>): string {
  return `https://${hostsFor(target.cloud, target.customAuthority).graphHost.value}`;
}

/** Entra's codes that mean the audit client lacks consent for what it asked (so the sign-in stopped). */
const CONSENT_CODES = new Set(['AADSTS65001', 'AADSTS65004', 'AADSTS90094', 'AADSTS90008', 'AADSTS650057']);

/** A custom authority's CA as main read it from the file the admin chose (ca-file.ts): content, never a path. */
const caOf = (target: Pick<AuditTarget, 'cloud' | 'customAuthority'>): string | undefined =>
  target.cloud === 'custom' ? target.customAuthority?.caPem : undefined;

/** The diagnose FetchLike over createCaFetch (GET only, which is all an audit sends). */
export function caFetchLike(ca: string): FetchLike {
  const caFetch = createCaFetch(ca);
  return (url, init) =>
    caFetch(url, {
      headers: new Headers(init?.headers ?? {}),
      signal: init?.signal ?? AbortSignal.timeout(15_000),
    } as Parameters<typeof caFetch>[1]);
}

export class AuditService {
  readonly #running = new Map<string, AbortController>();
  readonly #now: () => number;
  readonly #log: (line: string) => void;

  constructor(private readonly deps: AuditDeps) {
    this.#now = deps.now ?? Date.now;
    this.#log = deps.log ?? (() => undefined);
  }

  /** Cancels a running audit (closes its sign-in window); false when none runs with that id. */
  cancel(runId: string): boolean {
    const c = this.#running.get(runId);
    if (c === undefined) return false;
    c.abort();
    return true;
  }

  /** Signs the admin in, reads the directory, judges it, keeps the facts; one audit at a time. */
  async run(req: AuditRunRequest): Promise<AuditResult> {
    if (this.#running.size > 0) throw codedError('AUDIT_IN_PROGRESS');
    const abort = new AbortController();
    this.#running.set(req.runId, abort);
    try {
      return await this.#run(req, abort.signal);
    } finally {
      this.#running.delete(req.runId);
    }
  }

  async #run(req: AuditRunRequest, signal: AbortSignal): Promise<AuditResult> {
    const { target } = req;
    const client = auditClientOf(req.client);
    const ca = caOf(target);
    const accessToken = await this.#signIn(req, client, ca, signal);
    const fetch = ca === undefined ? (this.deps.fetch ?? globalFetch) : caFetchLike(ca);
    const reader = createGraphReader({ fetch, graphBase: graphBaseOf(target), accessToken, signal });
    const readings = await readDirectory(reader, target);
    if (signal.aborted) throw codedError('AUDIT_CANCELLED');
    // Without the registration there is nothing to audit: a refusal there ends the audit with who must grant what.
    if (readings.application.status === 'denied')
      throw codedError('AUDIT_READ_DENIED', {
        permission: graphReadOf('application').permission,
        client: client.label,
        clientId: client.clientId,
        granters: CONSENT_GRANTERS,
        detail: `${readings.application.code}: ${readings.application.message}`,
      });
    if (readings.application.status === 'failed')
      throw codedError('AUDIT_GRAPH_FAILED', {
        host: new URL(graphBaseOf(target)).host,
        reason: `${readings.application.code}: ${readings.application.message}`,
      });
    const auditedAt = this.#now();
    const outcome = processAudit(target, readings, new Date(auditedAt), client);
    const signedInAs = upnOf(accessToken);
    let savedToProfile: AuditResult['savedToProfile'];
    if (req.profileId !== undefined && outcome.facts.application !== undefined) {
      if (!this.deps.profiles)
        throw codedError('NOT_AVAILABLE', { part: 'a profile store', activity: 'keeping audit facts' });
      const appName = outcome.facts.application.displayName;
      const credentials = outcome.facts.application.credentials;
      const saved = await this.deps.profiles.updateWatch(req.profileId, (w) => ({
        ...w,
        audit: { auditedAt: new Date(auditedAt).toISOString(), appName, credentials },
      }));
      savedToProfile = { id: saved.id, name: saved.name };
      this.deps.onSaved?.(saved.id);
    }
    this.#log(
      `audit of ${target.clientId}: ${outcome.findings.length} finding(s), checks ${outcome.checks.map((c) => `${c.id}=${c.status}`).join(' ')}`,
    );
    return {
      auditedAt,
      client: { label: client.label, clientId: client.clientId },
      ...(signedInAs === undefined ? {} : { signedInAs }),
      facts: outcome.facts,
      checks: outcome.checks,
      findings: outcome.findings,
      ...(savedToProfile === undefined ? {} : { savedToProfile }),
    };
  }

  /** The admin's sign-in in a clean isolated browser; returns the Graph access token (kept by the caller only). */
  async #signIn(
    req: AuditRunRequest,
    client: { clientId: string; redirectUri: string; label: string },
    ca: string | undefined,
    signal: AbortSignal,
  ): Promise<string> {
    const { target } = req;
    const redirect = parseRedirectUri(client.redirectUri);
    if (!redirect.ok) throw new CodedError(redirect.code, redirect.message, redirect.nextStep);
    const a = authorityOf(target);
    if (a === undefined) throw codedError('AUTHORITY_MISSING');
    const network = this.deps.network?.(target) ?? createNetworkModule(ca === undefined ? {} : { ca });
    const msal = new PublicClientApplication({
      auth: { clientId: client.clientId, authority: a.authority, knownAuthorities: [a.host] },
      system: {
        networkClient: network,
        loggerOptions: {
          piiLoggingEnabled: false,
          logLevel: LogLevel.Error,
          loggerCallback: (_l, m) => this.#log(`msal (audit): ${redact(m)}`),
        },
      },
    });
    // Short names are Graph's in every cloud (and the emulator's); no openid: the audit needs no ID token.
    const scopes = [...AUDIT_SCOPES];
    const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
    const state = randomBytes(32).toString('base64url');
    let url: string;
    try {
      url = await msal.getAuthCodeUrl({
        scopes,
        redirectUri: client.redirectUri,
        codeChallenge: challenge,
        codeChallengeMethod: 'S256',
        state,
        prompt: 'login',
        ...(req.adminAccount ? { loginHint: req.adminAccount } : {}),
        responseMode: 'query',
      });
    } catch (e) {
      throw await diagnoseDiscovery(network, a.authority, e);
    }
    // Cancelled while MSAL was loading the authority's metadata: no window at all.
    if (signal.aborted) throw codedError('AUDIT_CANCELLED');
    let browser: AuthBrowser | undefined;
    try {
      browser = await this.deps.browsers();
      const outcome = await browser.authorize(url, redirect.url, {
        timeoutMs: req.timeoutMs,
        signal,
        // As the authorize flow: the window trusts exactly this CA for exactly the authority's host.
        ...(ca === undefined ? {} : { trust: { host: a.host.replace(/:\d+$/, ''), caPem: ca } }),
      });
      if (outcome.kind === 'cancelled') throw codedError('AUDIT_CANCELLED');
      if (outcome.kind === 'certificate-error')
        throw codedError('IDP_TLS', { host: outcome.host, reason: outcome.reason ?? 'the sign-in window refused it.' });
      if (outcome.kind === 'timeout') throw codedError('AUDIT_TIMEOUT', { seconds: Math.round(req.timeoutMs / 1000) });
      if (outcome.kind === 'error-page') {
        // Entra stopped the admin's sign-in on its own page: its AADSTS code, explained, ends the audit at once.
        const detail = [outcome.page.message, outcome.page.details].filter((x) => x !== '').join('\n');
        throw consentOr(oauthError('error-page', detail, 'sign-in-page'), client);
      }
      const response = readAuthorizationResponse(outcome.callbackUrl, outcome.formBody);
      if (!stateMatches(state, response.state)) throw codedError('STATE_MISMATCH');
      if (response.error !== undefined)
        throw consentOr(oauthError(response.error, response.errorDescription, 'redirect'), client);
      if (response.code === undefined) throw codedError('NO_CODE');
      try {
        const result = await msal.acquireTokenByCode({
          code: response.code,
          scopes,
          redirectUri: client.redirectUri,
          codeVerifier: verifier,
          state,
        });
        return result.accessToken;
      } catch (e) {
        throw consentOr(fromMsalError(e), client);
      }
    } finally {
      await browser?.dispose().catch(() => undefined);
      // MSAL keeps what it redeemed in memory: drop it, the audit is the token's only use.
      await msal.clearCache();
    }
  }
}

/** A consent refusal becomes AUDIT_CONSENT_REQUIRED (who must grant what); anything else stays as it is. */
function consentOr(e: CodedError, client: { readonly label: string; readonly clientId: string }): CodedError {
  if (!CONSENT_CODES.has(e.code)) return e;
  return codedError('AUDIT_CONSENT_REQUIRED', {
    client: client.label,
    clientId: client.clientId,
    permissions: AUDIT_SCOPES.join(', '),
    granters: CONSENT_GRANTERS,
    code: e.code,
    detail: e.detail ?? e.message,
  });
}

/** The admin's sign-in name from the (unverified, only displayed) access token. */
function upnOf(accessToken: string): string | undefined {
  const d = decodeToken(accessToken);
  if (!d.ok) return undefined;
  const upn = d.claims.upn ?? d.claims.unique_name ?? d.claims.preferred_username;
  return typeof upn === 'string' ? upn : undefined;
}
