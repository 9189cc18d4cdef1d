// Owns the app's own check, after the product's callback, of whose account the product got. In the session's
// partition — so with the Entra session the product's sign-in left there — the app sends silent requests
// (prompt=none) for the product's own client and redirect URI, and catches their answers before they reach the
// product (ProductBrowser.silentRequest):
//   a. with the client secret: a code request, redeemed by MSAL-node; the ID token decides (verifyIdToken, the
//      authorize flow's own checks: claims, nonce, signature);
//   b. without it, or when (a) proves nothing: an ID-token-only request (response_type=id_token, form_post,
//      nonce), counted only when its signature verifies — it needs the registration's implicit ID tokens;
//   c. the account the sign-in page sent (watched passively by the SessionWatcher), the weakest.
// login_required / interaction_required to a request with login_hint = the expected account means that account
// is not the one signed in; one more silent request without login_hint then names the one that is. The product's
// code is never touched: these are the app's own requests, each on the timeline as the app's. Only claims
// leave this module; codes, tokens and the secret stay in it and are dropped when it returns.
import { randomBytes } from 'node:crypto';
import { ConfidentialClientApplication, CryptoProvider, LogLevel, type INetworkModule } from '@azure/msal-node';
import { readAuthorizationResponse, parseRedirectUri } from '../../../shared/authorize/redirect-uri';
import { hostsFor } from '../../../shared/cloud/hosts';
import { groupScopes } from '../../../shared/cloud/scopes';
import { explain, type ExplainResult } from '../../../shared/explain';
import { firstAadstsCode } from '../../../shared/explain/parse';
import type { PresetId } from '../../../shared/presets';
import {
  decideProductIdentity,
  parseAuthorizeRequest,
  type IdentityEvidence,
  type IdentityMethod,
  type ObservedAuthorizeRequest,
  type ProductSessionVerdict,
} from '../../../shared/product-session';
import { redact } from '../../../shared/text/redact';
import { fromMsalError, stateMatches } from '../authorize/authorize-service';
import { createNetworkModule } from '../authorize/msal-network';
import { verifyIdToken, type IdTokenCheck } from '../authorize/verify-token-set';
import type { TokenVerifier } from '../tokens/token-verifier';
import type { ProductBrowser } from './product-browser';
import type { NewStep } from './session-watcher';

/** A client secret for the check, and what main knows it belongs to (a saved profile's app and login host). */
export interface CheckSecret {
  readonly value: string;
  /** Set for a saved profile's secret: it is sent only for this client id at this login host. */
  readonly boundTo?: { readonly clientId: string; readonly host: string };
}

export interface IdentityCheckInput {
  /** The product's authorize request the callback answered: its client, redirect URI, authority and scopes. */
  readonly request: ObservedAuthorizeRequest;
  readonly signInAccount: string;
  readonly mailbox: string;
  readonly secret?: CheckSecret | undefined;
  /** What the sign-in page sent (SessionWatcher.signInFormAccount). */
  readonly signInFormAccount?: string | undefined;
  readonly preset?: PresetId | undefined;
}

export interface IdentityCheckDeps {
  readonly silent: ProductBrowser['silentRequest'];
  /** The signature verifier that trusts this login host's keys. */
  readonly verifierFor: (host: string) => TokenVerifier;
  /** Adds one of the app's own steps to the session's timeline. */
  readonly record: (step: NewStep) => void;
  /** MSAL's network module (default: node:https with the platform's trust). */
  readonly network?: INetworkModule;
  readonly now?: () => number;
  readonly log?: (line: string) => void;
  /** Per silent request (default 20 s). */
  readonly timeoutMs?: number;
}

const GENERIC_TENANTS = new Set(['common', 'organizations', 'consumers']);
const b64url = (n: number): string => randomBytes(n).toString('base64url');
/** The claims a timeline step shows of an ID token: who, which tenant and app, and who issued it. */
const SHOWN_CLAIMS = ['preferred_username', 'upn', 'unique_name', 'name', 'tid', 'aud', 'iss'] as const;

function claimsOf(check: IdTokenCheck): Record<string, string> {
  const out: Record<string, string> = {};
  const claims = check.inspection?.claims ?? {};
  for (const k of SHOWN_CLAIMS) {
    const v = claims[k];
    if (typeof v === 'string') out[k] = v.slice(0, 512);
  }
  out.signature = check.signature.status;
  return out;
}

type Outcome = IdentityEvidence['outcome'];

/** Runs the check and returns the verdict; every request it makes is on the timeline through deps.record. */
export async function checkProductIdentity(
  input: IdentityCheckInput,
  deps: IdentityCheckDeps,
): Promise<ProductSessionVerdict> {
  const { request, signInAccount } = input;
  const now = deps.now ?? Date.now;
  const log = deps.log ?? (() => undefined);
  const timeoutMs = deps.timeoutMs ?? 20_000;
  const evidence: IdentityEvidence[] = [];
  const redirect = request.redirectUri === undefined ? undefined : parseRedirectUri(request.redirectUri);
  const clientId = request.clientId?.trim();
  const tenant = request.tenant;
  const authority = `https://${request.host}/${tenant}`;
  const secret = usableSecret(input.secret, request);

  /** One silent request and what its answer proves. */
  const attempt = async (method: Exclude<IdentityMethod, 'sign-in-form'>, hint: string | undefined) => {
    const e = (outcome: Outcome): IdentityEvidence => ({
      method,
      ...(hint === undefined ? {} : { loginHint: hint }),
      outcome,
    });
    if (!redirect?.ok || !clientId) throw new Error('unreachable: checked before');
    const state = b64url(32);
    const nonce = b64url(24);
    let url: string;
    let msal: ConfidentialClientApplication | undefined;
    let pkce: { verifier: string; challenge: string } | undefined;
    let scopes: string[] = [];
    if (method === 'silent-code') {
      const graph = `https://${hostsFor(request.cloud === 'custom' ? 'global' : request.cloud).graphHost.value}`;
      // The product's own first resource, so the check asks for nothing the product was not granted; a v1 request
      // names a resource instead of scopes, and then only the OpenID scopes MSAL adds are asked for.
      scopes = [...(groupScopes(request.scope ?? '', graph).byResource[0]?.scopes ?? [])];
      msal = new ConfidentialClientApplication({
        auth: {
          clientId,
          authority,
          clientSecret: secret.usable ? secret.value : '',
          knownAuthorities: [request.host],
        },
        system: {
          networkClient: deps.network ?? createNetworkModule(),
          loggerOptions: {
            piiLoggingEnabled: false,
            logLevel: LogLevel.Error,
            loggerCallback: (_l, m) => log(`product-session msal: ${redact(m)}`),
          },
        },
      });
      pkce = await new CryptoProvider().generatePkceCodes();
      try {
        url = await msal.getAuthCodeUrl({
          scopes,
          // The product's string as sent: Entra compares redirect URIs exactly.
          redirectUri: request.redirectUri ?? '',
          codeChallenge: pkce.challenge,
          codeChallengeMethod: 'S256',
          state,
          nonce,
          prompt: 'none',
          ...(hint === undefined ? {} : { loginHint: hint }),
          responseMode: 'query',
        });
      } catch (err) {
        const c = fromMsalError(err);
        return e({ kind: 'inconclusive', code: c.code, reason: c.message });
      }
    } else {
      const q = new URLSearchParams({
        client_id: clientId,
        response_type: 'id_token',
        redirect_uri: request.redirectUri ?? '',
        response_mode: 'form_post',
        scope: 'openid profile',
        state,
        nonce,
        prompt: 'none',
        ...(hint === undefined ? {} : { login_hint: hint }),
      });
      url = `${authority}/oauth2/v2.0/authorize?${q.toString()}`;
    }

    const shown = parseAuthorizeRequest(url, { customHosts: [request.host] });
    deps.record({
      kind: 'app-request',
      by: 'app',
      title: (hint === undefined
        ? `The app asked Entra silently which account is signed in to this session`
        : `The app asked Entra silently whether ${hint} is signed in to this session`
      ).slice(0, 300),
      host: request.host.slice(0, 255),
      ...(shown === undefined ? {} : { request: clipRequest(shown) }),
      message:
        method === 'silent-code'
          ? 'The app’s own request (prompt=none) for the product’s app and redirect URI; its answer is caught before it reaches the product, and the app redeems the code with the client secret.'
          : 'The app’s own request (prompt=none, response_type=id_token) for the product’s app and redirect URI; its answer is caught before it reaches the product.',
      findings: [],
    });

    const outcome = await deps
      .silent(url, redirect.url, { timeoutMs })
      .catch((err: unknown): Awaited<ReturnType<ProductBrowser['silentRequest']>> => ({
        kind: 'failed',
        reason: err instanceof Error ? err.message : String(err),
      }));
    const answer = (o: Outcome, title: string, extra: Partial<NewStep> = {}): IdentityEvidence => {
      deps.record({
        kind: 'app-answer',
        by: 'app',
        title: title.slice(0, 300),
        host: request.host.slice(0, 255),
        findings: [],
        ...extra,
      });
      return e(o);
    };
    if (outcome.kind === 'timeout')
      return answer(
        { kind: 'inconclusive', code: 'SILENT_TIMEOUT', reason: `No answer within ${Math.round(timeoutMs / 1000)} s` },
        'No answer to the app’s silent request in time',
      );
    if (outcome.kind === 'failed')
      return answer(
        { kind: 'inconclusive', code: 'SILENT_FAILED', reason: redact(outcome.reason).slice(0, 300) },
        'The app’s silent request could not run',
      );
    const response = readAuthorizationResponse(outcome.callbackUrl, outcome.formBody);
    if (!stateMatches(state, response.state))
      return answer(
        { kind: 'inconclusive', code: 'STATE_MISMATCH', reason: 'The answer did not carry the state the app sent' },
        'The answer to the app’s silent request did not carry its state, so it was ignored',
      );
    if (response.error !== undefined) {
      const description = redact(response.errorDescription ?? '').slice(0, 2000);
      const code = firstAadstsCode(description);
      const aadsts = code === undefined ? undefined : `AADSTS${code}`;
      // Entra's own sentence, without the trace lines. No catalog card here: its causes and fixes are written for the
      // product's requests, and this is the app's own (a card saying "the product uses a hybrid flow" would mislead).
      const said = description.split(/\r?\n/)[0]?.trim();
      if (response.error === 'login_required' || response.error === 'interaction_required')
        return answer(
          { kind: 'not-signed-in', error: response.error, ...(aadsts === undefined ? {} : { aadsts }) },
          hint === undefined
            ? `Entra answered ${response.error}: no single account is signed in to this session`
            : `Entra answered ${response.error}: ${hint} is not the account signed in to this session`,
          said ? { message: said } : {},
        );
      const reason = noProofReason(response.error, code, explain(response.error, input.preset));
      return answer(
        { kind: 'inconclusive', code: aadsts ?? response.error.slice(0, 64), reason },
        `Entra answered the app’s silent request with ${response.error}${aadsts ? ` (${aadsts})` : ''}`,
        { message: `${said ? `${said} ` : ''}This proves nothing about the account: ${reason}`.slice(0, 2000) },
      );
    }

    let idToken: string | undefined;
    if (method === 'silent-code') {
      if (response.code === undefined || msal === undefined || pkce === undefined)
        return answer(
          { kind: 'inconclusive', code: 'NO_CODE', reason: 'The answer carried no code' },
          'The answer to the app’s silent request carried no code',
        );
      try {
        const result = await msal.acquireTokenByCode({
          code: response.code,
          scopes,
          redirectUri: request.redirectUri ?? '',
          codeVerifier: pkce.verifier,
          nonce,
          state,
        });
        idToken = result.idToken || undefined;
      } catch (err) {
        const c = fromMsalError(err);
        const aadsts = /^AADSTS(\d+)$/.exec(c.code)?.[1];
        const reason =
          aadsts === undefined ? c.message : noProofReason('', Number(aadsts), explain(c.code, input.preset));
        return answer(
          { kind: 'inconclusive', code: c.code, reason },
          `Redeeming the app’s own code failed (${c.code})`,
          { message: c.message },
        );
      }
    } else {
      idToken = new URLSearchParams(outcome.formBody ?? '').get('id_token') ?? undefined;
    }
    if (idToken === undefined)
      return answer(
        { kind: 'inconclusive', code: 'ID_TOKEN_MISSING', reason: 'No ID token came back' },
        'No ID token came back to the app',
      );
    const check = await verifyIdToken(idToken, {
      clientId,
      tenant: GENERIC_TENANTS.has(tenant.toLowerCase()) ? '' : tenant,
      nonce,
      nowSeconds: Math.floor(now() / 1000),
      verifier: deps.verifierFor(request.host),
    });
    const claims = claimsOf(check);
    const problem = check.findings.find((f) => f.severity === 'error');
    // A front-channel ID token proves nothing unless its signature verifies; one from the token endpoint came over
    // TLS straight from Entra (OpenID Connect Core 3.1.3.7), so there an unreachable key set does not void it.
    const unproven =
      method === 'silent-id-token' && check.signature.status !== 'valid'
        ? `its signature was not verified (${check.signature.reason.replace(/\.$/, '')})`
        : undefined;
    if (problem !== undefined || unproven !== undefined || check.account === undefined) {
      const reason = problem?.message ?? unproven ?? 'the ID token names no account';
      return answer(
        {
          kind: 'inconclusive',
          code: problem?.code ?? 'ID_TOKEN_UNPROVEN',
          reason: `The ID token does not count: ${reason}`,
        },
        'The ID token the app got does not count as proof',
        { claims, message: reason.slice(0, 2000) },
      );
    }
    return answer(
      { kind: 'account', account: check.account, signature: check.signature.status },
      `Entra’s ID token for the app names ${check.account}`,
      {
        claims,
        message:
          check.signature.status === 'valid'
            ? 'Signature verified against the issuer’s published keys; audience, nonce and expiry checked.'
            : `Audience, nonce and expiry checked; the signature was not verified (${check.signature.reason})`,
      },
    );
  };

  if (!redirect?.ok || !clientId) {
    const reason = 'The product’s request named no client id or no usable redirect URI, so the app cannot ask for it';
    evidence.push({ method: 'silent-code', outcome: { kind: 'not-tried', reason } });
  } else {
    let first: IdentityEvidence | undefined;
    if (secret.usable) {
      first = await attempt('silent-code', signInAccount);
      evidence.push(first);
    } else {
      evidence.push({
        method: 'silent-code',
        loginHint: signInAccount,
        outcome: { kind: 'not-tried', reason: secret.why },
      });
    }
    if (first === undefined || first.outcome.kind === 'inconclusive') {
      evidence.push(await attempt('silent-id-token', signInAccount));
    }
    const decider = evidence.find((x) => x.loginHint !== undefined && x.outcome.kind === 'not-signed-in');
    if (decider !== undefined && decider.method !== 'sign-in-form')
      evidence.push(await attempt(decider.method, undefined));
  }
  const form = input.signInFormAccount;
  evidence.push(
    form === undefined
      ? {
          method: 'sign-in-form',
          outcome: { kind: 'not-tried', reason: 'No sign-in page sent an account name in this session' },
        }
      : { method: 'sign-in-form', outcome: { kind: 'account', account: form } },
  );
  const verdict = decideProductIdentity({ signInAccount, mailbox: input.mailbox, evidence });
  deps.record({
    kind: 'verdict',
    by: 'app',
    title: verdict.sentence.slice(0, 300),
    host: request.host.slice(0, 255),
    message: verdict.how.slice(0, 2000),
    findings: [],
  });
  return verdict;
}

/** Why an error answer to the app's own request proves nothing, in the admin's terms. */
function noProofReason(error: string, aadsts: number | undefined, explained: ExplainResult): string {
  if (aadsts === 700054 || (error === 'unsupported_response_type' && aadsts === undefined))
    return 'the app registration does not issue ID tokens from the sign-in request (Authentication → “ID tokens (used for implicit and hybrid flows)” is off, as it should be for a mail product); give the client secret for the stronger check';
  if (error === 'consent_required' || aadsts === 65001)
    return 'the app registration lacks consent for a permission the check asked for; grant admin consent under API permissions, or give the client secret';
  if (aadsts === 7000215 || aadsts === 7000222 || error === 'invalid_client')
    return 'the client secret was not accepted; enter the secret’s Value (not its Secret ID) from Certificates & secrets';
  const meaning = explained.cards[0]?.meaning;
  return meaning ? `Entra answered ${error} (${meaning.replace(/\.$/, '')})` : `Entra answered ${error}`;
}

/** The secret, when main may send it for this request; else why not. */
function usableSecret(
  s: CheckSecret | undefined,
  r: ObservedAuthorizeRequest,
): { usable: true; value: string } | { usable: false; why: string } {
  if (s === undefined)
    return {
      usable: false,
      why: 'No client secret was given, so the app cannot redeem a code of the product’s app',
    };
  if (
    s.boundTo !== undefined &&
    (s.boundTo.clientId.toLowerCase() !== (r.clientId ?? '').trim().toLowerCase() ||
      s.boundTo.host.toLowerCase() !== r.host.toLowerCase())
  )
    return {
      usable: false,
      why: `The saved profile’s secret belongs to app ${s.boundTo.clientId} at ${s.boundTo.host}, not to the product’s app at ${r.host}; it was not sent`,
    };
  return { usable: true, value: s.value };
}

/** The observed request's fields within the contract's limits (the timeline shows the app's request like the product's). */
function clipRequest(r: ObservedAuthorizeRequest): NonNullable<NewStep['request']> {
  const opt = (k: string, v: string | undefined, n: number): Record<string, string> =>
    v === undefined ? {} : { [k]: v.slice(0, n) };
  return {
    host: r.host.slice(0, 255),
    cloud: r.cloud,
    version: r.version,
    tenant: r.tenant.slice(0, 512),
    endpoint: r.endpoint.slice(0, 4096),
    hasPkce: r.hasPkce,
    hasState: r.hasState,
    ...opt('clientId', r.clientId, 512),
    ...opt('redirectUri', r.redirectUri, 4096),
    ...opt('scope', r.scope, 16384),
    ...opt('prompt', r.prompt, 256),
    ...opt('loginHint', r.loginHint, 512),
    ...opt('responseType', r.responseType, 256),
    ...opt('responseMode', r.responseMode, 256),
  };
}
