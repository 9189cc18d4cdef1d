// Owns the emulator's HTTP behaviour: routing Entra's paths (v2 and v1), the authorize → login → code flow
// with the SSO cookie, the token endpoint grants, discovery, /introspect for Dovecot and the small Graph
// surface. Handlers return a plain reply object; the writer applies injected faults to it.
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  findApp,
  findTenant,
  findUser,
  tenantOf,
  type AppRegistration,
  type Directory,
  type DirectoryUser,
  type Tenant,
} from './directory';
import { JWT_BEARER, verifyClientAssertion } from './client-assertion';
import { aadsts, describe, errorBody, newErrorContext, type AadstsError } from './errors';
import { graphDirectory, isDirectoryPath } from './graph-directory';
import {
  OUT_OF_SCOPE,
  appOnlyProtocolMailbox,
  findAppByClientId,
  inMailboxScope,
  messagesReply,
} from './mailbox-access';
import type { FaultPlan, Faults } from './faults';
import { parseFaultSpec } from './faults';
import { accountPickerPage, errorPage, formPostPage, passwordPage, staySignedInPage, usernamePage } from './pages';
import { grantDelegated, grantedRoles, isScopeProblem, parseScopes, responseScope, type ParsedScopes } from './scopes';
import {
  GRAPH,
  OUTLOOK,
  OUTLOOK365,
  appOnlyAccessClaims,
  clientInfo,
  delegatedAccessClaims,
  idTokenClaims,
  newOpaque,
  newSid,
  signJwt,
  verifyJwt,
  type SigningKey,
} from './tokens';

export const SSO_COOKIE = 'ESTSAUTH';
const CODE_TTL_MS = 10 * 60_000;
const REFRESH_TTL_MS = 90 * 86_400_000;

interface Reply {
  status: number;
  headers: Record<string, string | string[]>;
  body: string;
}

interface AuthorizeRequest {
  version: 'v1' | 'v2';
  tenantSegment: string;
  tenant: Tenant | undefined; // undefined for common/organizations
  app: AppRegistration;
  redirectUri: string;
  responseMode: 'query' | 'fragment' | 'form_post';
  /** What response_type asked for: a code, an ID token (implicit), or both (hybrid). */
  wants: { code: boolean; idToken: boolean };
  state?: string;
  nonce?: string;
  scopes: ParsedScopes;
  resource?: string; // v1
  prompt?: string;
  loginHint?: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
  correlationId?: string;
}

interface CodeRecord {
  req: AuthorizeRequest;
  user: DirectoryUser;
  tenant: Tenant;
  sid: string;
  issuedAt: number;
  used: boolean;
}

interface RefreshRecord {
  clientId: string;
  user: DirectoryUser;
  tenant: Tenant;
  sid: string;
  issuedAt: number;
}

export interface BrowserSession {
  accounts: { upn: string; sid: string }[];
}

export interface EmulatorState {
  dir: Directory;
  key: SigningKey;
  host: string;
  faults: FaultPlan;
  clockOffsetMs: number;
  flows: Map<string, AuthorizeRequest>;
  codes: Map<string, CodeRecord>;
  refreshTokens: Map<string, RefreshRecord>;
  /** Browser sessions by ESTSAUTH cookie: every account signed in to that browser, in sign-in order. */
  sessions: Map<string, BrowserSession>;
  /** Sign-ins whose password was accepted, waiting for the "Stay signed in?" answer: flow → account. */
  passwordsAccepted: Map<string, string>;
  /** Items per page of the Graph directory lists when the client sends no $top (graph-directory.ts). */
  graphPageSize: number;
  /** every request line seen, for tests that assert what a client actually sent */
  requestLog: { method: string; url: string; at: number }[];
  /** every code and token issued, for tests that assert none of them leaves where it must not go */
  issued: { kind: 'code' | 'id_token' | 'access_token' | 'refresh_token'; value: string; clientId: string }[];
}

const now = (s: EmulatorState): number => Date.now() + s.clockOffsetMs;
const nowSec = (s: EmulatorState): number => Math.floor(now(s) / 1000);

const json = (status: number, body: unknown, extra: Record<string, string> = {}): Reply => ({
  status,
  headers: {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store, no-cache',
    pragma: 'no-cache',
    ...extra,
  },
  body: JSON.stringify(body),
});
const html = (status: number, body: string, extra: Record<string, string | string[]> = {}): Reply => ({
  status,
  headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...extra },
  body,
});

function jsonError(s: EmulatorState, err: AadstsError, correlationId?: string): Reply {
  const ctx = newErrorContext(new Date(now(s)), correlationId);
  return json(err.status, errorBody(err, ctx, `https://${s.host}`), { 'x-ms-request-id': ctx.traceId });
}

function errorPageReply(s: EmulatorState, err: AadstsError): Reply {
  const ctx = newErrorContext(new Date(now(s)));
  return html(
    err.status === 503 ? 503 : 200,
    errorPage({
      code: err.code,
      message: err.message,
      requestId: ctx.traceId,
      correlationId: ctx.correlationId,
      timestamp: ctx.timestamp,
    }),
  );
}

/** Sends the browser back to the app: query, fragment, or an auto-submitting form (form_post). */
function redirectToApp(req: AuthorizeRequest, params: Record<string, string>, setCookie?: string): Reply {
  const all: Record<string, string> = { ...params, ...(req.state === undefined ? {} : { state: req.state }) };
  const cookie: Record<string, string | string[]> = setCookie ? { 'set-cookie': setCookie } : {};
  if (req.responseMode === 'form_post') return html(200, formPostPage(req.redirectUri, all), cookie);
  const qs = new URLSearchParams(all).toString();
  const sep = req.responseMode === 'fragment' ? '#' : req.redirectUri.includes('?') ? '&' : '?';
  return { status: 302, headers: { location: `${req.redirectUri}${sep}${qs}`, ...cookie }, body: '' };
}

/**
 * An error sent back to the app's redirect URI: error, error_description (with the AADSTS code, Trace ID, Correlation
 * ID, Timestamp) and the request's state (entra-docs v2-oauth2-auth-code-flow.md, "Error response" of the
 * authorization request); error_uri as Entra adds it.
 */
function redirectError(s: EmulatorState, req: AuthorizeRequest, err: AadstsError): Reply {
  const ctx = newErrorContext(new Date(now(s)), req.correlationId);
  return redirectToApp(req, {
    error: err.error,
    error_description: describe(err, ctx),
    error_uri: `https://${s.host}/error?code=${err.code}`,
  });
}

function parseCookies(header: string | undefined): Map<string, string> {
  const m = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) m.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
  }
  return m;
}

/** KMSI "Yes" makes the cookie persistent; otherwise it lasts for the browser session (how-to-manage-stay-signed-in-prompt.md). */
export function sessionCookieHeader(sessionId: string, persistent = false): string {
  return `${SSO_COOKIE}=${sessionId}; Path=/; Secure; HttpOnly; SameSite=None${persistent ? '; Max-Age=7776000' : ''}`;
}

/** A new browser session holding one signed-in account; returns its cookie value. */
export function mintSession(s: EmulatorState, upn: string): string {
  const id = newOpaque('', 32);
  s.sessions.set(id, { accounts: [{ upn, sid: newSid() }] });
  return id;
}

/** Adds an account to the browser's session (or starts one): Entra keeps every account signed in to a browser. */
function signInToSession(s: EmulatorState, sessionId: string | undefined, upn: string): { id: string; sid: string } {
  const existing = sessionId === undefined ? undefined : s.sessions.get(sessionId);
  if (existing === undefined) {
    const id = mintSession(s, upn);
    return { id, sid: s.sessions.get(id)?.accounts[0]?.sid ?? newSid() };
  }
  const same = existing.accounts.find((a) => a.upn.toLowerCase() === upn.toLowerCase());
  if (same) return { id: sessionId ?? '', sid: same.sid };
  const account = { upn, sid: newSid() };
  existing.accounts.push(account);
  return { id: sessionId ?? '', sid: account.sid };
}

// ---------------------------------------------------------------- discovery

function openidConfiguration(s: EmulatorState, segment: string, version: 'v1' | 'v2'): Reply {
  const generic = ['common', 'organizations'].includes(segment.toLowerCase());
  const tenant = generic ? undefined : findTenant(s.dir, segment);
  if (!generic && !tenant) return jsonError(s, aadsts.unknownTenant(segment, 'invalid_tenant'));
  const tid = tenant?.id ?? '{tenantid}';
  const seg = tenant?.id ?? segment.toLowerCase();
  const base = `https://${s.host}/${seg}`;
  if (version === 'v1') {
    return json(200, {
      token_endpoint: `${base}/oauth2/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `https://${s.host}/common/discovery/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'token id_token', 'token'],
      scopes_supported: ['openid'],
      issuer: `https://sts.windows.net/${tid}/`,
      microsoft_multi_refresh_token: true,
      authorization_endpoint: `${base}/oauth2/authorize`,
      device_authorization_endpoint: `${base}/oauth2/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/oauth2/logout`,
      claims_supported: [
        'sub',
        'iss',
        'aud',
        'exp',
        'iat',
        'auth_time',
        'acr',
        'amr',
        'nonce',
        'email',
        'given_name',
        'family_name',
        'nickname',
      ],
      check_session_iframe: `${base}/oauth2/checksession`,
      userinfo_endpoint: `${base}/openid/userinfo`,
      tenant_region_scope: 'NA',
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: 'graph.microsoft.com',
      rbac_url: 'https://pas.windows.net',
    });
  }
  return json(200, {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `https://${s.host}/${tid}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `https://${s.host}/oidc/userinfo`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    claims_supported: [
      'sub',
      'iss',
      'cloud_instance_name',
      'cloud_instance_host_name',
      'cloud_graph_host_name',
      'msgraph_host',
      'aud',
      'exp',
      'iat',
      'auth_time',
      'acr',
      'nonce',
      'preferred_username',
      'name',
      'tid',
      'ver',
      'at_hash',
      'c_hash',
      'email',
    ],
    kerberos_endpoint: `${base}/kerberos`,
    tenant_region_scope: 'NA',
    cloud_instance_name: 'microsoftonline.com',
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: 'graph.microsoft.com',
    rbac_url: 'https://pas.windows.net',
  });
}

function instanceDiscovery(s: EmulatorState): Reply {
  // Only reached if a client is configured without knownAuthorities; answer like Entra does for a host it knows.
  return json(200, {
    tenant_discovery_endpoint: `https://${s.host}/common/v2.0/.well-known/openid-configuration`,
    'api-version': '1.1',
    metadata: [{ preferred_network: s.host, preferred_cache: s.host, aliases: [s.host] }],
  });
}

// ---------------------------------------------------------------- authorize

function resolveTenant(s: EmulatorState, segment: string): { generic: boolean; tenant: Tenant | undefined } {
  const generic = ['common', 'organizations'].includes(segment.toLowerCase());
  return { generic, tenant: generic ? undefined : findTenant(s.dir, segment) };
}

function authorize(
  s: EmulatorState,
  segment: string,
  version: 'v1' | 'v2',
  q: URLSearchParams,
  cookies: Map<string, string>,
): Promise<Reply> | Reply {
  const { generic, tenant } = resolveTenant(s, segment);
  if (!generic && !tenant) return errorPageReply(s, aadsts.unknownTenant(segment));
  const clientId = q.get('client_id');
  if (!clientId) return errorPageReply(s, aadsts.missingParameter('client_id'));
  const app = findApp(s.dir, clientId);
  const appTenant = app ? tenantOf(s.dir, app.tenant) : undefined;
  if (!app || (tenant && appTenant?.id !== tenant.id)) {
    return errorPageReply(s, aadsts.unknownClient(clientId, tenant?.displayName ?? segment));
  }
  const redirectUri = q.get('redirect_uri') ?? app.redirectUris[0] ?? '';
  // Exact string match, as Entra does for web redirect URIs (a trailing slash or http vs https counts).
  if (!app.redirectUris.includes(redirectUri)) return errorPageReply(s, aadsts.redirectMismatch(redirectUri, clientId));

  const types = new Set((q.get('response_type') ?? '').split(' ').filter(Boolean));
  const wants = { code: types.has('code'), idToken: types.has('id_token') };
  // An ID token from the authorize endpoint defaults to the fragment (implicit grant reference).
  const responseModeRaw = q.get('response_mode') ?? (wants.idToken ? 'fragment' : 'query');
  const responseMode = responseModeRaw === 'form_post' || responseModeRaw === 'fragment' ? responseModeRaw : 'query';
  const scopeRaw = q.get('scope') ?? (version === 'v1' ? 'openid' : '');
  const parsed = parseScopes(scopeRaw);
  const base: Omit<AuthorizeRequest, 'scopes'> = {
    version,
    tenantSegment: segment,
    tenant,
    app,
    redirectUri,
    responseMode,
    wants,
    ...(q.get('state') === null ? {} : { state: q.get('state') ?? '' }),
    ...(q.get('nonce') === null ? {} : { nonce: q.get('nonce') ?? '' }),
    ...(q.get('resource') === null ? {} : { resource: q.get('resource') ?? '' }),
    ...(q.get('prompt') === null ? {} : { prompt: q.get('prompt') ?? '' }),
    ...(q.get('login_hint') === null ? {} : { loginHint: q.get('login_hint') ?? '' }),
    ...(q.get('code_challenge') === null ? {} : { codeChallenge: q.get('code_challenge') ?? '' }),
    ...(q.get('code_challenge_method') === null ? {} : { codeChallengeMethod: q.get('code_challenge_method') ?? '' }),
    ...(q.get('client-request-id') === null ? {} : { correlationId: q.get('client-request-id') ?? '' }),
  };
  const emptyScopes: ParsedScopes = { raw: scopeRaw, oidc: new Set(), resources: new Map() };
  if (isScopeProblem(parsed)) {
    return redirectError(
      s,
      { ...base, scopes: emptyScopes },
      parsed.kind === 'invalid' ? aadsts.invalidScope(scopeRaw) : aadsts.invalidScope(parsed.resource),
    );
  }
  const req: AuthorizeRequest = { ...base, scopes: parsed };
  if (q.get('response_type') === null) return redirectError(s, req, aadsts.missingParameter('response_type'));
  // code, id_token (implicit) or both (hybrid); a token from the authorize endpoint is not modelled.
  if (types.size === 0 || [...types].some((t) => t !== 'code' && t !== 'id_token'))
    return redirectError(s, req, aadsts.malformed('unsupported_response_type'));
  if (wants.idToken) {
    // "Microsoft identity platform and OAuth 2.0 implicit grant flow": an ID token from /authorize needs the
    // registration's "ID tokens (used for implicit and hybrid flows)", the openid scope and a nonce, and is
    // never delivered in the query.
    if (!app.enableIdTokenIssuance) return redirectError(s, req, aadsts.idTokenNotEnabled());
    if (!parsed.oidc.has('openid')) return redirectError(s, req, aadsts.invalidScope(scopeRaw));
    if (req.nonce === undefined || req.nonce === '') return redirectError(s, req, aadsts.missingParameter('nonce'));
    if (responseModeRaw === 'query') return redirectError(s, req, aadsts.malformed());
  }
  if (version === 'v2' && parsed.oidc.size === 0 && parsed.resources.size === 0)
    return redirectError(s, req, aadsts.invalidScope(scopeRaw));
  if (
    req.codeChallenge !== undefined &&
    req.codeChallengeMethod !== undefined &&
    !['S256', 'plain'].includes(req.codeChallengeMethod)
  ) {
    return redirectError(s, req, aadsts.malformed());
  }

  const accounts = s.sessions.get(cookies.get(SSO_COOKIE) ?? '')?.accounts ?? [];
  const prompt = req.prompt ?? '';
  const flow = newOpaque('', 24);
  s.flows.set(flow, req);
  const action = `/${segment}/login`;
  const hinted = req.loginHint
    ? accounts.find((a) => a.upn.toLowerCase() === req.loginHint?.trim().toLowerCase())
    : undefined;
  const picker = (): Reply =>
    html(
      200,
      accountPickerPage({
        action,
        flow,
        appName: app.displayName,
        accounts: accounts.map((a) => ({ upn: a.upn, name: findUser(s.dir, a.upn)?.displayName ?? a.upn })),
      }),
    );
  const username = (): Reply =>
    html(
      200,
      usernamePage({ action, flow, appName: app.displayName, ...(req.loginHint ? { loginHint: req.loginHint } : {}) }),
    );
  // entra-docs v2-oauth2-auth-code-flow.md (commit 0c1ac842), `prompt`: login "forces the user to enter their
  // credentials on that request, negating single-sign on"; none fails with interaction_required when the request
  // cannot complete silently; select_account "interrupts single sign-on providing account selection experience".
  if (prompt === 'none') {
    if (accounts.length === 0) return redirectError(s, req, aadsts.loginRequired());
    // A login_hint naming none of the signed-in accounts: "a single user couldn't be found" (login_required in the
    // code flow reference's error table), in Entra's words for it (AADSTS50058, see errors.ts).
    if (req.loginHint && !hinted) return redirectError(s, req, aadsts.loginHintNotSignedIn());
    const only = hinted ?? (accounts.length === 1 ? accounts[0] : undefined);
    // Several accounts and no hint: AADSTS16000 (entra-docs msal-js-sso.md, commit 290f92ef).
    if (!only) return redirectError(s, req, aadsts.multipleIdentities());
    return completeSignIn(s, req, only.upn, only.sid);
  }
  if (prompt === 'login') return username();
  if (prompt === 'select_account') return accounts.length > 0 ? picker() : username();
  // No prompt: "sign in the sole current user, show the account picker if there are multiple users, or show the
  // login page if there are no users signed in" (v2-oauth2-auth-code-flow.md). A login_hint naming a signed-in
  // account proceeds as that account; one naming none of them goes "through the standard sign-in experience,
  // including account selection" (msal-js-sso.md). The SSO trap is the product's own request: no prompt, no hint,
  // one account signed in (the admin's) — completed silently as that account.
  if (accounts.length === 0) return username();
  if (hinted) return completeSignIn(s, req, hinted.upn, hinted.sid);
  const [sole] = accounts;
  if (!req.loginHint && accounts.length === 1 && sole) return completeSignIn(s, req, sole.upn, sole.sid);
  return picker();
}

/**
 * Checks the signed-in user against the app's tenant and consent, then sends what response_type asked for (a
 * code, an ID token, or both) to the redirect URI. Under prompt=none a problem that would need a page comes
 * back to the app as interaction_required instead.
 */
async function completeSignIn(
  s: EmulatorState,
  req: AuthorizeRequest,
  upn: string,
  sid: string,
  setCookie?: string,
): Promise<Reply> {
  const page = (err: AadstsError): Reply =>
    req.prompt === 'none' ? redirectError(s, req, aadsts.multipleIdentities()) : errorPageReply(s, err);
  const user = findUser(s.dir, upn);
  if (!user) return page(aadsts.unknownUser(upn, req.tenant?.displayName ?? req.tenantSegment));
  const problem = signInProblem(s, req, user);
  if (problem) return req.prompt === 'none' ? redirectError(s, req, aadsts.multipleIdentities()) : problem;
  const appTenant = tenantOf(s.dir, req.app.tenant);
  for (const [resource, names] of req.scopes.resources) {
    if (grantDelegated(req.app, resource, names).missing.length) {
      return redirectError(s, req, aadsts.noConsent(req.app.clientId, req.app.displayName, 'consent_required'));
    }
  }
  const params: Record<string, string> = {};
  let code: string | undefined;
  if (req.wants.code) {
    code = newOpaque('1.AXoA', 96);
    s.codes.set(code, { req, user, tenant: appTenant, sid, issuedAt: now(s), used: false });
    s.issued.push({ kind: 'code', value: code, clientId: req.app.clientId });
    params.code = code;
  }
  if (req.wants.idToken) {
    const claims = idTokenClaims({
      host: s.host,
      tenant: appTenant,
      user,
      app: req.app,
      nowSec: nowSec(s),
      sid,
      version: '2.0',
      ...(req.nonce === undefined ? {} : { nonce: req.nonce }),
    });
    // In the hybrid flow the ID token carries c_hash, the left half of the code's SHA-256 (OpenID Connect Core 3.3.2.11).
    if (code !== undefined)
      claims.c_hash = createHash('sha256').update(code).digest().subarray(0, 16).toString('base64url');
    const idToken = await signJwt(claims, s.key);
    s.issued.push({ kind: 'id_token', value: idToken, clientId: req.app.clientId });
    params.id_token = idToken;
  }
  params.session_state = sid;
  if (req.version === 'v2' && req.wants.code) params.client_info = clientInfo(user, appTenant);
  return redirectToApp(req, params, setCookie);
}

/** The sign-in pages post here: step username → password page; password → "Stay signed in?"; kmsi → code; pick → account. */
function login(s: EmulatorState, form: URLSearchParams, cookies: Map<string, string>): Promise<Reply> | Reply {
  const flow = form.get('flow') ?? '';
  const req = s.flows.get(flow);
  if (!req) return errorPageReply(s, aadsts.malformed());
  const page = { action: `/${req.tenantSegment}/login`, flow, appName: req.app.displayName };
  const sessionId = cookies.get(SSO_COOKIE);
  const step = form.get('step') ?? '';
  const upn = (form.get('loginfmt') ?? '').trim();

  if (step === 'pick') {
    const select = form.get('select') ?? '';
    const chosen = s.sessions.get(sessionId ?? '')?.accounts.find((a) => a.upn.toLowerCase() === select.toLowerCase());
    if (select && chosen) return completeSignIn(s, req, chosen.upn, chosen.sid);
    // "Use another account": the username page, still prefilled from login_hint.
    return html(200, usernamePage({ ...page, ...(req.loginHint ? { loginHint: req.loginHint } : {}) }));
  }
  const user = findUser(s.dir, upn);
  if (!user) return errorPageReply(s, aadsts.unknownUser(upn, req.tenant?.displayName ?? req.tenantSegment));
  if (step === 'username') return html(200, passwordPage({ ...page, account: user.upn }));

  if (step === 'password') {
    const password = form.get('passwd') ?? '';
    // Shared mailboxes have no usable password: Entra reports them as disabled accounts (50057 below).
    if (user.password !== null && password !== user.password) return wrongPassword(s, req, flow, user.upn);
    const problem = signInProblem(s, req, user);
    if (problem) return problem;
    s.passwordsAccepted.set(flow, user.upn);
    return html(200, staySignedInPage({ ...page, account: user.upn }));
  }

  if (step === 'kmsi') {
    // Only a sign-in whose password this flow accepted may finish here.
    const accepted = s.passwordsAccepted.get(flow);
    if (accepted === undefined || accepted.toLowerCase() !== user.upn.toLowerCase())
      return errorPageReply(s, aadsts.malformed());
    s.passwordsAccepted.delete(flow);
    const { id, sid } = signInToSession(s, sessionId, user.upn);
    return completeSignIn(s, req, user.upn, sid, sessionCookieHeader(id, form.get('kmsi') === 'Yes'));
  }
  return errorPageReply(s, aadsts.malformed());
}

/** Why this user cannot finish signing in to this app (other tenant, disabled or shared mailbox), as Entra's page. */
function signInProblem(s: EmulatorState, req: AuthorizeRequest, user: DirectoryUser): Reply | undefined {
  const appTenant = tenantOf(s.dir, req.app.tenant);
  const homeTenant = tenantOf(s.dir, user.tenant);
  if (homeTenant.id !== appTenant.id) {
    return errorPageReply(
      s,
      aadsts.foreignUser(user.upn, homeTenant.id, appTenant.domain, req.app.clientId, req.app.displayName),
    );
  }
  if (!user.enabled) return errorPageReply(s, aadsts.disabledUser());
  return undefined;
}

function wrongPassword(s: EmulatorState, req: AuthorizeRequest, flow: string, upn: string): Reply {
  const ctx = newErrorContext(new Date(now(s)), req.correlationId);
  return html(
    200,
    passwordPage({
      action: `/${req.tenantSegment}/login`,
      flow,
      appName: req.app.displayName,
      account: upn,
      error: {
        text: "Your account or password is incorrect. If you don't remember your password, reset it now.",
        description: describe(aadsts.wrongPassword(), ctx),
      },
    }),
  );
}

// ---------------------------------------------------------------- token

type ClientAuth = { app: AppRegistration; tenant: Tenant } | { error: AadstsError };

async function authenticateClient(
  s: EmulatorState,
  segment: string,
  form: URLSearchParams,
  authz: string | undefined,
): Promise<ClientAuth> {
  const { generic, tenant } = resolveTenant(s, segment);
  if (!generic && !tenant) return { error: aadsts.unknownTenant(segment) };
  let clientId = form.get('client_id');
  let secret = form.get('client_secret');
  if (authz?.startsWith('Basic ')) {
    const [id, sec] = Buffer.from(authz.slice(6), 'base64').toString('utf8').split(':');
    clientId = decodeURIComponent(id ?? '');
    secret = decodeURIComponent(sec ?? '');
  }
  if (!clientId) return { error: aadsts.missingParameter('client_id') };
  const app = findApp(s.dir, clientId);
  const appTenant = app ? tenantOf(s.dir, app.tenant) : undefined;
  if (!app || !appTenant || (tenant && appTenant.id !== tenant.id))
    return { error: aadsts.unknownClient(clientId, tenant?.displayName ?? segment) };
  // Certificate credentials: a client assertion signed with the key of a certificate uploaded to the app.
  const assertion = form.get('client_assertion');
  if (assertion !== null) {
    if (form.get('client_assertion_type') !== JWT_BEARER)
      return { error: aadsts.assertionMalformed(`client_assertion_type must be '${JWT_BEARER}'.`) };
    const audiences = [appTenant.id, segment].flatMap((t) =>
      ['oauth2/v2.0/token', 'oauth2/token'].map((p) => `https://${s.host}/${t}/${p}`),
    );
    const refused = await verifyClientAssertion(app, assertion, { audiences, nowSec: nowSec(s) });
    return refused === undefined ? { app, tenant: appTenant } : { error: refused };
  }
  // A public client (a desktop app's own registration, Microsoft's Graph command line tools) redeems codes and
  // refresh tokens with PKCE and no secret, as Entra allows; client credentials always need one.
  if (!secret) {
    if (app.publicClient === true && form.get('grant_type') !== 'client_credentials') return { app, tenant: appTenant };
    return { error: aadsts.missingSecret() };
  }
  const match = app.secrets.find((x) => x.value === secret);
  if (!match) return { error: aadsts.invalidSecret(app.clientId) }; // includes a Secret ID pasted as the secret
  if (Date.parse(match.expires) <= now(s)) return { error: aadsts.expiredSecret(app.clientId) };
  return { app, tenant: appTenant };
}

function singleResource(scopes: ParsedScopes): { resource: string; names: string[] } | 'many' {
  const entries = [...scopes.resources.entries()];
  if (entries.length > 1) return 'many';
  const [first] = entries;
  // Only OIDC scopes: Entra issues a Graph token carrying User.Read.
  return first ? { resource: first[0], names: first[1] } : { resource: GRAPH, names: ['User.Read'] };
}

async function issueUserTokens(
  s: EmulatorState,
  x: {
    app: AppRegistration;
    tenant: Tenant;
    user: DirectoryUser;
    sid: string;
    scopes: ParsedScopes;
    nonce?: string;
    version: 'v1' | 'v2';
    v1Resource?: string;
    wantClientInfo: boolean;
  },
): Promise<Reply> {
  let resource: string;
  let names: string[];
  if (x.version === 'v1') {
    resource = (x.v1Resource ?? GRAPH).replace(/\/$/, '');
    names = ['.default'];
  } else {
    const one = singleResource(x.scopes);
    if (one === 'many') return jsonError(s, aadsts.twoResources(x.scopes.raw));
    ({ resource, names } = one);
  }
  const grant = grantDelegated(x.app, resource, names);
  if (grant.missing.length) return jsonError(s, aadsts.noConsent(x.app.clientId, x.app.displayName));
  const t = nowSec(s);
  const input = { host: s.host, tenant: x.tenant, user: x.user, app: x.app, nowSec: t, sid: x.sid };
  const access = await signJwt(delegatedAccessClaims({ ...input, resource, scopes: grant.granted }), s.key, {
    graphNonce: resource === GRAPH,
  });
  s.issued.push({ kind: 'access_token', value: access, clientId: x.app.clientId });
  const body: Record<string, unknown> = { token_type: 'Bearer' };
  if (x.version === 'v1') {
    Object.assign(body, {
      scope: grant.granted.join(' '),
      expires_in: '3599',
      ext_expires_in: '3599',
      expires_on: String(t + 3599),
      not_before: String(t),
      resource,
      access_token: access,
    });
  } else {
    const oidc = [...x.scopes.oidc].filter((o) => o !== 'offline_access');
    Object.assign(body, {
      scope: [...grant.granted.map((n) => responseScope(resource, n)), ...oidc].join(' '),
      expires_in: 3599,
      ext_expires_in: 3599,
      access_token: access,
    });
  }
  if (x.version === 'v1' || x.scopes.oidc.has('offline_access')) {
    const rt = newOpaque('1.AXoA', 160);
    s.refreshTokens.set(rt, { clientId: x.app.clientId, user: x.user, tenant: x.tenant, sid: x.sid, issuedAt: now(s) });
    s.issued.push({ kind: 'refresh_token', value: rt, clientId: x.app.clientId });
    body.refresh_token = rt;
  }
  if (x.version === 'v1' || x.scopes.oidc.has('openid')) {
    const claims = idTokenClaims({
      ...input,
      version: x.version === 'v1' ? '1.0' : '2.0',
      ...(x.nonce === undefined ? {} : { nonce: x.nonce }),
    });
    body.id_token = await signJwt(claims, s.key);
    s.issued.push({ kind: 'id_token', value: body.id_token as string, clientId: x.app.clientId });
  }
  if (x.wantClientInfo || x.version === 'v2') body.client_info = clientInfo(x.user, x.tenant);
  return json(200, body);
}

async function token(
  s: EmulatorState,
  segment: string,
  version: 'v1' | 'v2',
  form: URLSearchParams,
  authz: string | undefined,
): Promise<Reply> {
  const grantType = form.get('grant_type');
  if (!grantType) return jsonError(s, aadsts.missingParameter('grant_type'));
  const client = await authenticateClient(s, segment, form, authz);
  if ('error' in client) return jsonError(s, client.error, form.get('client-request-id') ?? undefined);
  const { app, tenant } = client;
  const scopeRaw = form.get('scope');
  const parseOr = (raw: string): ParsedScopes | Reply => {
    const p = parseScopes(raw);
    if (isScopeProblem(p)) return jsonError(s, aadsts.invalidScope(p.kind === 'invalid' ? raw : p.resource));
    return p;
  };

  if (grantType === 'authorization_code') {
    const codeValue = form.get('code');
    if (!codeValue) return jsonError(s, aadsts.missingParameter('code'));
    const rec = s.codes.get(codeValue);
    // A truncated, garbled or foreign code: Entra cannot even decode it.
    if (!rec || rec.req.app.clientId !== app.clientId) return jsonError(s, aadsts.malformed('invalid_grant'));
    if (rec.used) return jsonError(s, aadsts.codeReused());
    if (now(s) - rec.issuedAt > CODE_TTL_MS) return jsonError(s, aadsts.codeExpired());
    const redirectUri = form.get('redirect_uri') ?? '';
    if (redirectUri !== rec.req.redirectUri)
      return jsonError(s, { ...aadsts.redirectMismatch(redirectUri, app.clientId), error: 'invalid_grant' });
    if (rec.req.codeChallenge !== undefined) {
      const verifier = form.get('code_verifier') ?? '';
      const expected =
        rec.req.codeChallengeMethod === 'plain' ? verifier : createHash('sha256').update(verifier).digest('base64url');
      if (!verifier || expected !== rec.req.codeChallenge) return jsonError(s, aadsts.pkceMismatch());
    }
    let scopes = rec.req.scopes;
    if (version === 'v2' && scopeRaw) {
      const p = parseOr(scopeRaw);
      if ('status' in p) return p;
      scopes = p;
    }
    const reply = await issueUserTokens(s, {
      app,
      tenant: rec.tenant,
      user: rec.user,
      sid: rec.sid,
      scopes,
      version,
      ...(rec.req.nonce === undefined ? {} : { nonce: rec.req.nonce }),
      ...(version === 'v1' ? { v1Resource: form.get('resource') ?? rec.req.resource ?? GRAPH } : {}),
      wantClientInfo: form.get('client_info') === '1',
    });
    if (reply.status === 200) rec.used = true;
    return reply;
  }

  if (grantType === 'refresh_token') {
    const rt = form.get('refresh_token');
    if (!rt) return jsonError(s, aadsts.missingParameter('refresh_token'));
    const rec = s.refreshTokens.get(rt);
    if (!rec || rec.clientId !== app.clientId) return jsonError(s, aadsts.malformed('invalid_grant'));
    if (now(s) - rec.issuedAt > REFRESH_TTL_MS) return jsonError(s, aadsts.codeExpired());
    let scopes: ParsedScopes = { raw: '', oidc: new Set(['openid', 'offline_access']), resources: new Map() };
    if (version === 'v2') {
      if (!scopeRaw) return jsonError(s, aadsts.missingParameter('scope'));
      const p = parseOr(scopeRaw);
      if ('status' in p) return p;
      scopes = p;
    }
    // Rotation: every redemption returns a new refresh token. Like Entra, the old one stays valid until it expires.
    return issueUserTokens(s, {
      app,
      tenant: rec.tenant,
      user: rec.user,
      sid: rec.sid,
      scopes,
      version,
      ...(version === 'v1' ? { v1Resource: form.get('resource') ?? GRAPH } : {}),
      wantClientInfo: form.get('client_info') === '1',
    });
  }

  if (grantType === 'client_credentials') {
    let resource: string;
    if (version === 'v1') {
      resource = (form.get('resource') ?? '').replace(/\/$/, '');
      if (!resource) return jsonError(s, aadsts.missingParameter('resource'));
    } else {
      const raw = scopeRaw ?? '';
      const p = parseScopes(raw);
      // Client credentials take exactly one `<resource>/.default`.
      if (isScopeProblem(p) || p.oidc.size > 0 || p.resources.size !== 1) {
        return jsonError(
          s,
          !isScopeProblem(p) && p.resources.size > 1 ? aadsts.twoResources(raw) : aadsts.invalidScope(raw),
        );
      }
      const [only] = [...p.resources.entries()];
      if (!only || only[1].length !== 1 || only[1][0] !== '.default') return jsonError(s, aadsts.invalidScope(raw));
      resource = only[0];
    }
    const t = nowSec(s);
    const claims = appOnlyAccessClaims({ tenant, app, nowSec: t, resource, roles: grantedRoles(app, resource) });
    const access = await signJwt(claims, s.key, { graphNonce: resource === GRAPH });
    if (version === 'v1') {
      return json(200, {
        token_type: 'Bearer',
        expires_in: '3599',
        ext_expires_in: '3599',
        expires_on: String(t + 3599),
        not_before: String(t),
        resource,
        access_token: access,
      });
    }
    return json(200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: access });
  }
  return jsonError(s, aadsts.unsupportedGrant(grantType));
}

// ---------------------------------------------------------------- resources (Dovecot, Graph)

const DELEGATED_NAME_OF_ROLE: Readonly<Record<string, string>> = {
  'IMAP.AccessAsApp': 'IMAP.AccessAsUser.All',
  'POP.AccessAsApp': 'POP.AccessAsUser.All',
  'SMTP.SendAsApp': 'SMTP.Send',
};
const protocolScopesOfRoles = (roles: readonly string[]): string =>
  roles.flatMap((r) => (DELEGATED_NAME_OF_ROLE[r] === undefined ? [] : [DELEGATED_NAME_OF_ROLE[r]])).join(' ');

async function introspect(s: EmulatorState, form: URLSearchParams): Promise<Reply> {
  const tokenValue = form.get('token') ?? '';
  const v = await verifyJwt(tokenValue, s.key, nowSec(s));
  const aud = v?.payload.aud;
  if (!v || (aud !== OUTLOOK && aud !== OUTLOOK365 && aud !== `${OUTLOOK}/` && aud !== `${OUTLOOK365}/`))
    return json(200, { active: false });
  const p = v.payload;
  // An app-only token names no user: it opens the mailbox the app's Exchange service principal has FullAccess to.
  const appMailbox =
    typeof p.upn === 'string'
      ? undefined
      : appOnlyProtocolMailbox(s.dir, p.appid, Array.isArray(p.roles) ? (p.roles as string[]) : []);
  if (typeof p.upn !== 'string' && appMailbox === undefined) return json(200, { active: false });
  const upn = typeof p.upn === 'string' ? p.upn : appMailbox;
  return json(200, {
    active: true,
    token_type: 'Bearer',
    ...(upn === undefined ? {} : { upn, username: upn }),
    scp: p.scp ?? '',
    // The protocol permissions the token holds, for Dovecot's per-protocol `scope =` check (tests/support/dovecot.ts),
    // which lists the delegated names and requires all it lists: a delegated token's scp as is; an app-only token's
    // IMAP.AccessAsApp / POP.AccessAsApp / SMTP.SendAsApp roles under the delegated name of the same protocol.
    scope: p.scp ?? (Array.isArray(p.roles) ? protocolScopesOfRoles(p.roles as string[]) : ''),
    ...(Array.isArray(p.roles) ? { roles: p.roles } : {}),
    aud: p.aud,
    iss: p.iss,
    exp: p.exp,
    iat: p.iat,
    client_id: p.appid,
    tid: p.tid,
    oid: p.oid,
  });
}

const graphError = (status: number, code: string, message: string): Reply =>
  json(status, {
    error: {
      code,
      message,
      innerError: {
        date: new Date().toISOString().replace(/\.\d+Z$/, ''),
        'request-id': randomUUID(),
        'client-request-id': randomUUID(),
      },
    },
  });

async function graph(s: EmulatorState, url: URL, authz: string | undefined): Promise<Reply> {
  const path = url.pathname;
  const bearer = authz?.startsWith('Bearer ') ? authz.slice(7).trim() : '';
  if (!bearer) return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
  const v = await verifyJwt(bearer, s.key, nowSec(s));
  if (!v)
    return graphError(
      401,
      'InvalidAuthenticationToken',
      'Access token validation failure. Invalid audience or signature.',
    );
  const p = v.payload;
  if (p.aud !== GRAPH && p.aud !== '00000003-0000-0000-c000-000000000000') {
    return graphError(401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.');
  }
  const scp = typeof p.scp === 'string' ? p.scp.split(' ') : [];
  const roles = Array.isArray(p.roles) ? (p.roles as string[]) : [];
  const caller = typeof p.upn === 'string' ? findUser(s.dir, p.upn) : undefined;
  if (path === '/v1.0/me') {
    if (!caller) return graphError(400, 'BadRequest', '/me request is only valid with delegated authentication flow.');
    return json(200, {
      '@odata.context': `https://${s.host}/v1.0/$metadata#users/$entity`,
      id: caller.oid,
      userPrincipalName: caller.upn,
      displayName: caller.displayName,
      mail: caller.upn,
    });
  }
  const m = /^\/v1\.0\/users\/([^/]+)\/(mailfolders\/inbox|mailfolders\/inbox\/messages|messages)$/i.exec(path);
  if (!m) return graphError(400, 'BadRequest', `Resource not found for the segment '${path.split('/').pop() ?? ''}'.`);
  const target = findUser(s.dir, decodeURIComponent(m[1] ?? ''));
  if (!target)
    return graphError(404, 'ErrorInvalidUser', `The requested user '${decodeURIComponent(m[1] ?? '')}' is invalid.`);
  let allowed: boolean;
  if (caller) {
    const own = caller.upn.toLowerCase() === target.upn.toLowerCase();
    const delegate = caller.fullAccessTo.some((x) => x.toLowerCase() === target.upn.toLowerCase());
    allowed = own
      ? scp.some((x) => /^Mail\.(Read|ReadWrite|ReadBasic)/.test(x))
      : delegate && scp.some((x) => x === 'Mail.Read.Shared' || x === 'Mail.ReadWrite.Shared');
  } else {
    allowed = roles.some((x) => x === 'Mail.Read' || x === 'Mail.ReadWrite' || x === 'Mail.ReadBasic.All');
    if (allowed && !inMailboxScope(findAppByClientId(s.dir, p.appid), target))
      return graphError(OUT_OF_SCOPE.status, OUT_OF_SCOPE.code, OUT_OF_SCOPE.message);
  }
  if (!allowed) return graphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
  if (/messages$/i.test(m[2] ?? '')) return json(200, messagesReply(s.host, target, url));
  return json(200, {
    '@odata.context': `https://${s.host}/v1.0/$metadata#users('${target.upn}')/mailFolders/$entity`,
    id: createHash('sha256').update(`inbox:${target.oid}`).digest('base64url'),
    displayName: 'Inbox',
    parentFolderId: createHash('sha256').update(`root:${target.oid}`).digest('base64url'),
    childFolderCount: 0,
    unreadItemCount: 2,
    totalItemCount: 3,
    sizeInBytes: 4096,
    isHidden: false,
  });
}

// ---------------------------------------------------------------- dispatch

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function route(s: EmulatorState, req: IncomingMessage, url: URL, body: string): Promise<Reply> {
  const method = req.method ?? 'GET';
  const cookies = parseCookies(req.headers.cookie);
  const authz = req.headers.authorization;
  const path = url.pathname;
  const formBody = (): URLSearchParams | undefined => {
    const ct = (req.headers['content-type'] ?? '').toLowerCase();
    return ct.startsWith('application/x-www-form-urlencoded') ? new URLSearchParams(body) : undefined;
  };

  if (method === 'POST' && path === '/introspect') return introspect(s, formBody() ?? new URLSearchParams());
  if (method === 'GET' && isDirectoryPath(path)) {
    const r = await graphDirectory(
      { dir: s.dir, key: s.key, host: s.host, nowSec: () => nowSec(s), pageSize: s.graphPageSize },
      url,
      authz,
    );
    return json(r.status, r.body);
  }
  if (method === 'GET' && path.startsWith('/v1.0/')) return graph(s, url, authz);
  if (method === 'GET' && path === '/common/discovery/instance') return instanceDiscovery(s);
  if (method === 'GET' && path === '/error') {
    const ctx = newErrorContext(new Date(now(s)));
    return html(
      200,
      errorPage({
        code: Number(url.searchParams.get('code')) || 0,
        message: 'See the error_description returned to the application.',
        requestId: ctx.traceId,
        correlationId: ctx.correlationId,
        timestamp: ctx.timestamp,
        headline: 'Error details',
      }),
    );
  }

  const segs = path.split('/').filter(Boolean);
  const [segment = '', ...rest] = segs;
  const tail = rest.join('/').toLowerCase();
  switch (`${method} ${tail}`) {
    case 'GET v2.0/.well-known/openid-configuration':
      return openidConfiguration(s, segment, 'v2');
    case 'GET .well-known/openid-configuration':
      return openidConfiguration(s, segment, 'v1');
    case 'GET discovery/v2.0/keys':
    case 'GET discovery/keys': {
      const { generic, tenant } = resolveTenant(s, segment);
      if (!generic && !tenant) return jsonError(s, aadsts.unknownTenant(segment, 'invalid_tenant'));
      return json(200, {
        keys: [
          {
            ...s.key.publicJwk,
            ...(tail.includes('v2.0') ? { issuer: `https://${s.host}/${tenant?.id ?? '{tenantid}'}/v2.0` } : {}),
          },
        ],
      });
    }
    case 'GET oauth2/v2.0/authorize':
      return authorize(s, segment, 'v2', url.searchParams, cookies);
    case 'GET oauth2/authorize':
      return authorize(s, segment, 'v1', url.searchParams, cookies);
    case 'POST login':
      return login(s, formBody() ?? new URLSearchParams(), cookies);
    case 'POST oauth2/v2.0/token':
    case 'POST oauth2/token': {
      const form = formBody();
      // Entra reads only form-encoded bodies: a JSON body looks like a request without grant_type.
      if (!form) return jsonError(s, aadsts.missingParameter('grant_type'));
      return token(s, segment, tail.includes('v2.0') ? 'v2' : 'v1', form, authz);
    }
    case 'GET oauth2/v2.0/logout':
    case 'GET oauth2/logout': {
      const sid = cookies.get(SSO_COOKIE);
      if (sid) s.sessions.delete(sid);
      return html(200, '<!doctype html><title>Signed out</title><h1>You signed out of your account</h1>', {
        'set-cookie': `${SSO_COOKIE}=; Path=/; Secure; HttpOnly; SameSite=None; Max-Age=0`,
      });
    }
    default:
      return json(404, { error: 'not_found', error_description: `The emulator has no endpoint ${method} ${path}` });
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function handle(
  s: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  runFaults: (path: string, f: Faults | undefined) => Faults | undefined,
): Promise<void> {
  const url = new URL(req.url ?? '/', `https://${s.host}`);
  s.requestLog.push({ method: req.method ?? 'GET', url: url.toString(), at: Date.now() });
  const headerSpec = req.headers['x-emulator-fault'];
  const perRequest = parseFaultSpec(
    (Array.isArray(headerSpec) ? headerSpec[0] : headerSpec) ?? url.searchParams.get('emulator_fault'),
  );
  const f = runFaults(url.pathname, perRequest);
  const body = await readBody(req);
  if (f?.latencyMs) await sleep(f.latencyMs);
  if (f?.drop) {
    req.socket.destroy();
    return;
  }
  let reply: Reply;
  if (f?.status) {
    const err = { ...aadsts.transient(), status: f.status };
    reply = jsonError(s, err);
  } else {
    try {
      reply = await route(s, req, url, body);
    } catch (cause) {
      reply = json(500, { error: 'server_error', error_description: `Emulator bug: ${(cause as Error).message}` });
    }
  }
  if (f?.malformedJson) {
    reply = {
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: reply.body.slice(0, Math.max(1, Math.floor(reply.body.length / 2))) || '{"access_',
    };
  }
  res.writeHead(reply.status, {
    ...reply.headers,
    'x-ms-ests-server': 'emulator',
    'content-length': Buffer.byteLength(reply.body),
  });
  if (f?.slowBodyMs && reply.body.length > 0) {
    const buf = Buffer.from(reply.body);
    const pieces = 5;
    const size = Math.ceil(buf.length / pieces);
    for (let i = 0; i < buf.length; i += size) {
      res.write(buf.subarray(i, i + size));
      await sleep(f.slowBodyMs / pieces);
    }
    res.end();
    return;
  }
  res.end(reply.body);
}
