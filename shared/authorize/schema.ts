// What the renderer sends to start an authorize flow and what it sees back: the flow state as a
// discriminated union, the verdict and a public view of the tokens (claims, masked previews, lengths,
// expiry). No token, code or secret value is in any of these schemas.
import { z } from 'zod';
import { hasBidiControl } from '../text/address-spoofing';
import { CloudIdSchema, CustomAuthoritySchema } from '../cloud/schema';
import { PresetIdSchema } from '../presets/schema';
import { AppErrorSchema } from '../result';
import { FindingSchema } from '../findings-schema';

const account = z
  .string()
  .trim()
  .min(3)
  .max(320)
  .regex(/^[^\s@]+@[^\s@]+$/, 'an email-style account such as servicedesk@contoso.com')
  // A direction override makes an address display as another one; no real account contains one.
  .refine(
    (s) => !hasBidiControl(s),
    'an address without right-to-left overrides or other direction-control characters',
  );

/** The fields of an authorize request, before the cross-field rules (AuthorizeConfigSchema adds them). */
const AuthorizeConfigFields = z
  .object({
    presetId: PresetIdSchema.optional(),
    /** Authorize with this saved profile's client secret (resolved in main), instead of clientSecret. */
    profileId: z.string().max(64).optional(),
    cloud: CloudIdSchema,
    customAuthority: CustomAuthoritySchema.optional(),
    tenant: z.string().trim().min(1).max(255),
    clientId: z.string().trim().min(1).max(128),
    /** Optional only when profileId names a profile with a saved secret. */
    clientSecret: z.string().min(1).max(1024).optional(),
    redirectUri: z.string().trim().min(1).max(2048),
    /** The account that signs in (for a shared mailbox: the delegate). */
    signInAccount: account,
    /** The mailbox the product will open; defaults to the sign-in account. */
    mailbox: account.optional(),
    scopes: z.array(z.string().trim().min(1).max(512)).min(1).max(50),
    prompt: z.enum(['login', 'select_account']).default('login'),
    timeoutMs: z
      .number()
      .int()
      .min(5_000)
      .max(30 * 60_000)
      .default(10 * 60_000),
  })
  .strict();

const customNeedsHost = {
  check: (c: { cloud: string; customAuthority?: unknown }) => c.cloud !== 'custom' || c.customAuthority !== undefined,
  message: { message: 'A custom authority needs its host.', path: ['customAuthority'] },
};
const secretOrProfile = {
  check: (c: { clientSecret?: string | undefined; profileId?: string | undefined }) =>
    c.clientSecret !== undefined || c.profileId !== undefined,
  message: { message: 'Enter the client secret (or pick a profile with a saved secret).', path: ['clientSecret'] },
};

/** A flow's whole configuration as the authorize service runs it (the time limit included). */
export const AuthorizeConfigSchema = AuthorizeConfigFields.refine(
  customNeedsHost.check,
  customNeedsHost.message,
).refine(secretOrProfile.check, secretOrProfile.message);
export type AuthorizeConfig = z.output<typeof AuthorizeConfigSchema>;

/**
 * What the renderer sends to start a flow: the configuration without the time limit, which main reads from its own
 * settings (the renderer asks, main decides how long a sign-in window may stay open).
 */
export const AuthorizeStartRequestSchema = AuthorizeConfigFields.omit({ timeoutMs: true })
  .refine(customNeedsHost.check, customNeedsHost.message)
  .refine(secretOrProfile.check, secretOrProfile.message);
export type AuthorizeStartRequest = z.output<typeof AuthorizeStartRequestSchema>;

/**
 * Everything about a run (or a saved profile) that is not a secret: what the field sheet, export, report and
 * profiles are built from. The authorize request's own fields (same limits and checks), with the product always
 * named, and without the secret, the profile reference and the flow options.
 */
export const RunConfigSchema = AuthorizeConfigFields.pick({
  cloud: true,
  customAuthority: true,
  tenant: true,
  clientId: true,
  redirectUri: true,
  scopes: true,
  signInAccount: true,
  mailbox: true,
})
  .extend({
    presetId: PresetIdSchema,
    /**
     * An app-only run (client credentials): the protocols it tested and its credential. Its redirect URI is the
     * Authorize form's, which app-only mode does not use; the scopes are the resources' `.default`.
     */
    appOnly: z
      .object({
        protocols: z.array(z.enum(['graph', 'imap', 'pop', 'smtp'])).max(4),
        credential: z.enum(['secret', 'certificate']),
        /** The certificate's SHA-1 thumbprint (the portal's column), with a certificate credential. */
        thumbprint: z.string().max(64).optional(),
      })
      .strict()
      .optional(),
  })
  .partial({ signInAccount: true });
export type RunConfig = z.infer<typeof RunConfigSchema>;

export const TokenViewSchema = z.object({
  role: z.enum(['id', 'access', 'refresh']),
  resource: z.string().optional(),
  scopes: z.array(z.string()).optional(),
  preview: z.string(),
  length: z.number().int(),
  expiresAt: z.number().optional(),
  header: z.record(z.string(), z.unknown()).optional(),
  claims: z.record(z.string(), z.unknown()).optional(),
  /** verified | invalid | not-verifiable-by-design | not-verified-offline | opaque */
  signature: z.string().optional(),
  signatureReason: z.string().optional(),
});
export type TokenView = z.infer<typeof TokenViewSchema>;

export const VerdictSchema = z.object({
  ok: z.boolean(),
  code: z.string(),
  sentence: z.string(),
  nextStep: z.string(),
  /**
   * host[:port] of the custom authority that issued the tokens, when it was not Microsoft: the verdict is then
   * amber (CUSTOM_AUTHORITY…), never VERIFIED, whatever its checks say (verdictLevel in verdict.ts).
   */
  customAuthority: z.string().max(255).optional(),
});
export type Verdict = z.infer<typeof VerdictSchema>;

export const AuthorizeResultSchema = z.object({
  tokenSetId: z.string(),
  verdict: VerdictSchema,
  signedInAs: z.string().optional(),
  signInAccount: z.string(),
  mailbox: z.string(),
  delegateMode: z.boolean(),
  tenantId: z.string().optional(),
  clientId: z.string(),
  grantedScopes: z.array(z.string()),
  refreshTokenPresent: z.boolean(),
  /**
   * What the product's own configured scopes will get (not this app's sign-in, whose MSAL adds offline_access by
   * itself): 'expected' (offline_access requested and a refresh token came back), 'not-requested' (the product's
   * scopes lack offline_access, so Entra gives it none), 'missing' (requested, yet none came back).
   */
  productRefreshToken: z.enum(['expected', 'not-requested', 'missing']).optional(),
  tokens: z.array(TokenViewSchema),
  findings: z.array(FindingSchema),
  /** The run's non-secret config: what the field sheet, export and report are built from. */
  run: RunConfigSchema.optional(),
});
export type AuthorizeResult = z.infer<typeof AuthorizeResultSchema>;

const base = { flowId: z.string(), startedAt: z.number() };

/** The steps a flow goes through before its verdict, in order; a failed or cancelled flow names the one it was in. */
export const FLOW_STEPS = ['opening', 'signing-in', 'redeeming', 'verifying'] as const;
export const FlowStepSchema = z.enum(FLOW_STEPS);
export type FlowStep = z.infer<typeof FlowStepSchema>;
export const FlowStateSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('idle') }),
  z.object({ kind: z.literal('opening'), ...base }),
  z.object({ kind: z.literal('signing-in'), ...base, host: z.string().optional() }),
  z.object({ kind: z.literal('redeeming'), ...base }),
  z.object({ kind: z.literal('verifying'), ...base }),
  z.object({ kind: z.literal('done'), ...base, finishedAt: z.number(), result: AuthorizeResultSchema }),
  z.object({
    kind: z.literal('failed'),
    ...base,
    finishedAt: z.number(),
    error: AppErrorSchema,
    /** The step the flow was in when it failed. */
    step: FlowStepSchema.optional(),
  }),
  z.object({
    kind: z.literal('cancelled'),
    ...base,
    finishedAt: z.number(),
    reason: z.enum(['window-closed', 'user']),
    step: FlowStepSchema.optional(),
  }),
]);
export type FlowState = z.infer<typeof FlowStateSchema>;
export type FlowKind = FlowState['kind'];

export const isFinished = (s: FlowState): boolean => s.kind === 'done' || s.kind === 'failed' || s.kind === 'cancelled';
