// Owns the product session's timeline model (ordered steps, each with its findings) and the session state the
// renderer polls, as zod schemas for the contract; plus the mapping of an observed authorize request onto the
// offline lint rules' input, so the request the product really sends is checked by the same rules (v1
// endpoint, scope format, offline_access, tenant/cloud mismatch, redirect vs preset) as typed configuration.
import { z } from 'zod';
import { HostPortSchema } from '../cloud/schema';
import { ExplainResultSchema } from '../explain/schema';
import type { CloudId } from '../cloud/clouds';
import { CloudIdSchema } from '../cloud/schema';
import { hostsFor } from '../cloud/hosts';
import { diagnoseFinding, lint, type DiagnoseFinding, type DiagnoseInput } from '../diagnose';
import { DiagnoseFindingSchema } from '../diagnose/schema';
import { finding } from '../findings';
import type { PresetId } from '../presets';
import { PresetIdSchema } from '../presets/schema';
import { AppErrorSchema } from '../result';
import type { ObservedAuthorizeRequest, RewriteResult } from './authorize-request';
import { ProductSessionVerdictSchema } from './identity-schema';

const text = (max: number) => z.string().max(max);

export const ObservedRequestSchema = z.object({
  host: text(255),
  cloud: CloudIdSchema,
  version: z.enum(['v1', 'v2']),
  tenant: text(512),
  endpoint: text(4096),
  clientId: text(512).optional(),
  redirectUri: text(4096).optional(),
  scope: text(16384).optional(),
  resource: text(4096).optional(),
  prompt: text(256).optional(),
  loginHint: text(512).optional(),
  responseType: text(256).optional(),
  responseMode: text(256).optional(),
  hasPkce: z.boolean(),
  hasState: z.boolean(),
});

export const RewriteViewSchema = z.object({
  /** The admin's "force fresh sign-in" choice for this session. */
  enabled: z.boolean(),
  changed: z.boolean(),
  changes: z.array(
    z.object({ param: z.enum(['prompt', 'login_hint']), before: text(512).optional(), after: text(512) }),
  ),
});

export const TimelineStepKindSchema = z.enum([
  'opened',
  'authorize-request',
  /** The sign-in page sent an account name (Entra's loginfmt): seen passively, the weakest evidence. */
  'sign-in-form',
  'callback-code',
  'callback-error',
  'callback-other',
  /** A request the app itself made in the session (its silent identity check), never the product's. */
  'app-request',
  /** What Entra answered the app's own request. */
  'app-answer',
  /** Whose account the product got. */
  'verdict',
  'closed',
]);
export type TimelineStepKind = z.infer<typeof TimelineStepKindSchema>;

export const TimelineStepSchema = z.object({
  seq: z.number().int().nonnegative(),
  /** ISO time the step was observed. */
  at: text(40),
  kind: TimelineStepKindSchema,
  /** Whose step it is: the product's own traffic, or something the app did in the session. */
  by: z.enum(['product', 'app']),
  title: text(300),
  host: text(255),
  request: ObservedRequestSchema.optional(),
  rewrite: RewriteViewSchema.optional(),
  /** One plain sentence for the admin (e.g. what happens after a code arrived). */
  message: text(2000).optional(),
  explanation: ExplainResultSchema.optional(),
  /** The identity claims of an ID token the app obtained (never the token itself). */
  claims: z.record(text(64), text(512)).optional(),
  findings: z.array(DiagnoseFindingSchema),
});
export type TimelineStep = z.infer<typeof TimelineStepSchema>;

const SessionFacts = {
  sessionId: text(64),
  baseUrl: text(2048),
  /** The account that must sign in (login_hint); for a shared mailbox, its delegate. */
  signInAccount: text(512),
  /** The mailbox the product opens (the sign-in account unless a delegate signs in). */
  mailbox: text(512),
  rewrite: z.boolean(),
  /** Whether the app holds a client secret for its own silent check (never the secret). */
  hasSecret: z.boolean(),
  openedAt: text(40),
  steps: z.array(TimelineStepSchema).max(500),
  /** True while the app checks whose account the product got, after the product's callback. */
  checking: z.boolean(),
  /** Whose account the product got, after its last callback with a code. */
  verdict: ProductSessionVerdictSchema.optional(),
};

export const ProductSessionStateSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('idle') }),
  z.object({ kind: z.literal('opening'), ...SessionFacts }),
  z.object({ kind: z.literal('open'), ...SessionFacts }),
  z.object({
    kind: z.literal('closed'),
    ...SessionFacts,
    reason: z.enum(['closed-by-admin', 'window-closed']),
    wiped: z.boolean(),
  }),
  z.object({ kind: z.literal('failed'), ...SessionFacts, error: AppErrorSchema }),
]);
export type ProductSessionState = z.infer<typeof ProductSessionStateSchema>;

export const ProductSessionOpenRequestSchema = z
  .object({
    /** The product's own origin or admin page, https only (or http on loopback for local test products). */
    baseUrl: text(2048).min(1),
    /** The account that must sign in: login_hint, and the account the verdict compares against. */
    signInAccount: text(512).min(3),
    /** The mailbox the product opens when a delegate signs in for a shared mailbox; defaults to signInAccount. */
    mailbox: text(512).min(3).optional(),
    /** Force a fresh sign-in: add/replace prompt=login and login_hint on the product's authorize request. */
    rewrite: z.boolean(),
    /**
     * The product app's client secret Value, so the app can redeem its own silent sign-in and prove whose account
     * is signed in. Held in main for this session only; never sent back.
     */
    clientSecret: z.string().min(1).max(1024).optional(),
    /** A saved profile whose sealed secret main uses instead (only for that profile's client id and authority). */
    profileId: z.string().max(64).optional(),
    preset: PresetIdSchema.optional(),
    /** The cloud the tenant lives in; the endpoint's own cloud is used when absent. */
    cloud: CloudIdSchema.optional(),
    /** The expected tenant (GUID or domain), to compare with the tenant in the endpoint. */
    tenant: text(512).optional(),
    /** host[:port] of a custom authority (emulator, test tenant) to watch like Microsoft's login hosts. */
    authorityHost: HostPortSchema.optional(),
  })
  .strict();
export type ProductSessionOpenRequest = z.infer<typeof ProductSessionOpenRequestSchema>;

export interface LintObservedOptions {
  readonly preset?: PresetId;
  readonly cloud?: CloudId;
  readonly tenant?: string;
  readonly mailbox?: string;
}

/** Rules that talk about fields the observed request does not carry (secrets, token URL, expiry). */
const NOT_OBSERVABLE = /^(?:SECRET_|CLIENT_SECRET|ENDPOINT_PAIR_MISMATCH)/;

/** A custom authority as observed: its host, and Global's resource ids (what the emulator and test tenants issue for). */
function observedAuthority(host: string): NonNullable<DiagnoseInput['customAuthority']> {
  const h = hostsFor('custom');
  return {
    authorityHost: host.slice(0, 255),
    graphHost: h.graphHost.value,
    outlookResourceHost: h.outlookResourceHost.value,
  };
}

/** The offline lint rules applied to what the product actually sent. */
export function lintObservedRequest(
  req: ObservedAuthorizeRequest,
  options: LintObservedOptions = {},
): DiagnoseFinding[] {
  const cut = (s: string | undefined, n: number): string => (s ?? '').slice(0, n);
  // Only the parameters the rules read go into the authorize URL (no state, nonce or PKCE values).
  const q = [
    ...(req.responseType === undefined ? [] : [`response_type=${encodeURIComponent(req.responseType)}`]),
    ...(req.responseMode === undefined ? [] : [`response_mode=${encodeURIComponent(req.responseMode)}`]),
  ].join('&');
  const cloud: CloudId = options.cloud ?? req.cloud;
  const input: DiagnoseInput = {
    preset: options.preset ?? 'generic',
    cloud,
    protocols: [],
    tenant: cut(options.tenant ?? req.tenant, 512),
    clientId: cut(req.clientId, 512),
    authorizeUrl: cut(q === '' ? req.endpoint : `${req.endpoint}?${q}`, 4096),
    redirectUri: cut(req.redirectUri, 4096),
    scopes: cut(req.scope, 16384),
    ...(req.loginHint === undefined ? {} : { signInAccount: cut(req.loginHint, 512) }),
    ...(options.mailbox === undefined ? {} : { mailbox: cut(options.mailbox, 512) }),
    ...(cloud === 'custom' ? { customAuthority: observedAuthority(req.host) } : {}),
  };
  // A v1 request names a resource instead of scopes; the scope rules have nothing to say then.
  const v1WithoutScope = req.version === 'v1' && req.scope === undefined;
  return lint(input).filter((f) => !NOT_OBSERVABLE.test(f.code) && !(v1WithoutScope && f.field === 'scopes'));
}

/** Findings only a watched session can make: what the product's own request does about the SSO trap. */
export function sessionFindings(
  req: ObservedAuthorizeRequest,
  rewrite: RewriteResult | undefined,
  mailbox: string,
): DiagnoseFinding[] {
  const out: DiagnoseFinding[] = [];
  // Values echoed into messages are clipped: a finding's message has a length limit in the contract.
  const prompt = req.prompt?.slice(0, 64);
  const hint = req.loginHint?.slice(0, 256);
  mailbox = mailbox.slice(0, 256);
  const offline = { source: 'offline' } as const;
  if (prompt !== 'login') {
    out.push(
      rewrite?.changed
        ? diagnoseFinding(
            finding(
              'info',
              'SESSION_PROMPT_ADDED',
              `The product sends ${prompt === undefined ? 'no prompt' : `prompt=${prompt}`}; in an everyday browser already signed in to Microsoft this request completes silently as that account. This session added prompt=login.`,
              'Keep using the clean product session (or an InPrivate window) whenever the product re-authorizes the mailbox.',
            ),
            'authorizeUrl',
            offline,
          )
        : diagnoseFinding(
            finding(
              'warning',
              'SESSION_NO_PROMPT_LOGIN',
              `The product sends ${prompt === undefined ? 'no prompt' : `prompt=${prompt}`} and the request was not rewritten: if this partition were signed in to Microsoft, Entra would reuse that account silently.`,
              'Turn "Force a fresh sign-in" on, or make sure you sign in as the mailbox on the form that appears.',
            ),
            'authorizeUrl',
            offline,
          ),
    );
  }
  if (hint !== undefined && mailbox !== '' && hint.toLowerCase() !== mailbox.toLowerCase()) {
    out.push(
      diagnoseFinding(
        finding(
          rewrite?.changed ? 'info' : 'warning',
          'SESSION_LOGIN_HINT_DIFFERS',
          `The product asks Entra to sign in ${hint}, not ${mailbox}.${rewrite?.changed ? ' This session replaced the hint.' : ''}`,
          `Sign in as ${mailbox}; check which account the product expects in its OAuth profile.`,
        ),
        'signInAccount',
        offline,
      ),
    );
  }
  if (!req.hasState) {
    out.push(
      diagnoseFinding(
        finding(
          'warning',
          'SESSION_NO_STATE',
          'The product sends no state parameter, so it cannot tell its own sign-in answer from a forged one.',
          'Nothing to change here; mention it to the product vendor.',
        ),
        'authorizeUrl',
        offline,
      ),
    );
  }
  return out;
}
