// The shape of a token inspection: what the Inspect page and the CLI (`inspect --json`) show, and the checks'
// expectations. Declared as zod so the renderer and scripts can validate what they receive. Findings are the
// shared ones (shared/findings.ts).
import { z } from 'zod';
import { FindingSchema } from '../findings-schema';

export const InputKindSchema = z.enum([
  'empty',
  'jwt',
  'bearer',
  'authorization-header',
  'token-response',
  'xoauth2',
  'text',
  'opaque',
  'unrecognised',
]);
export type InputKind = z.infer<typeof InputKindSchema>;

export const TokenRoleSchema = z.enum(['access_token', 'id_token', 'refresh_token', 'unknown']);
export type TokenRole = z.infer<typeof TokenRoleSchema>;

export const TokenFormatSchema = z.enum(['jwt', 'jwe', 'opaque', 'malformed']);
export type TokenFormat = z.infer<typeof TokenFormatSchema>;

export const TimeViewSchema = z.object({
  /** Seconds since the epoch as found in the claim. */
  epoch: z.number(),
  /** ISO 8601 in UTC, e.g. 2025-03-01T10:00:00Z. */
  utc: z.string(),
  /** The same instant in the viewer's (or a given) time zone. */
  local: z.string(),
  /** Relative to `now`: "in 45 min", "3 h ago". */
  relative: z.string(),
});
export type TimeView = z.infer<typeof TimeViewSchema>;

export const ClaimRowSchema = z.object({
  name: z.string(),
  /** The value as shown (JSON for objects and arrays). */
  display: z.string(),
  /** One line in plain language; a generic line for unknown claims. */
  meaning: z.string(),
  known: z.boolean(),
  time: TimeViewSchema.optional(),
});
export type ClaimRow = z.infer<typeof ClaimRowSchema>;

export const ResourceSchema = z.enum(['graph', 'outlook', 'other', 'none']);
export type Resource = z.infer<typeof ResourceSchema>;

export const ClassificationSchema = z.object({
  tokenType: z.enum(['id', 'access', 'unknown']),
  version: z.enum(['1.0', '2.0', 'unknown']),
  /** delegated = user token with `scp`; app-only = client credentials with `roles` (or no user at all). */
  permissionModel: z.enum(['delegated', 'app-only', 'none']),
  resource: ResourceSchema,
  /** Human label of the audience, e.g. "Exchange Online (Outlook) — IMAP, POP, SMTP". */
  resourceLabel: z.string(),
  /** Cloud recognised from the issuer or audience host; 'custom' for a non-Microsoft host; 'unknown' if neither says. */
  cloud: z.enum(['global', 'usgov-high', 'usgov-dod', 'china', 'custom', 'unknown']),
  scopes: z.array(z.string()),
  roles: z.array(z.string()),
  /** The account the token speaks for (preferred_username, upn, unique_name, email), if any. */
  account: z.string().optional(),
  accountClaim: z.string().optional(),
  tenantId: z.string().optional(),
  /** The app that asked for the token: azp (v2) or appid (v1). */
  clientId: z.string().optional(),
  audience: z.array(z.string()),
  issuer: z.string().optional(),
  /** True when the header carries `nonce` (Graph tokens) — their signature is not meant for clients to check. */
  headerNonce: z.boolean(),
});
export type Classification = z.infer<typeof ClassificationSchema>;

export const SignatureViewSchema = z.object({
  status: z.enum(['unchecked', 'not-verifiable-by-design', 'not-applicable']),
  reason: z.string(),
});

export const TokenInspectionSchema = z.object({
  index: z.number().int().nonnegative(),
  /** Where the token came from: "access_token in token response", "JWT #2 in pasted text". */
  origin: z.string(),
  role: TokenRoleSchema,
  format: TokenFormatSchema,
  /** Masked preview, never the token itself. */
  preview: z.string(),
  length: z.number().int().nonnegative(),
  header: z.record(z.string(), z.unknown()).optional(),
  claims: z.record(z.string(), z.unknown()).optional(),
  classification: ClassificationSchema.optional(),
  findings: z.array(FindingSchema),
  /** One sentence: whose token, for what, until when, and whether it fits. */
  verdict: z.string(),
  signature: SignatureViewSchema,
});
export type TokenInspection = z.infer<typeof TokenInspectionSchema>;

export const TokenResponseInfoSchema = z.object({
  tokenType: z.string().optional(),
  scope: z.array(z.string()).optional(),
  expiresIn: z.number().optional(),
  hasAccessToken: z.boolean(),
  hasIdToken: z.boolean(),
  hasRefreshToken: z.boolean(),
  error: z.string().optional(),
  errorDescription: z.string().optional(),
});
export type TokenResponseInfo = z.infer<typeof TokenResponseInfoSchema>;

export const InspectionSchema = z.object({
  input: z.object({
    kind: InputKindSchema,
    length: z.number().int().nonnegative(),
    /** True when more tokens were found than we inspect (the rest are listed as a finding). */
    truncated: z.boolean(),
  }),
  /** The `user=` of an XOAUTH2 SASL blob: the mailbox the server is asked to open. */
  xoauth2User: z.string().optional(),
  tokenResponse: TokenResponseInfoSchema.optional(),
  tokens: z.array(TokenInspectionSchema),
  /** Findings about the input as a whole (no token found, token-response error, missing refresh token…). */
  findings: z.array(FindingSchema),
  errorCount: z.number().int().nonnegative(),
  warningCount: z.number().int().nonnegative(),
  /** Clock skew allowed for exp/nbf, in seconds. */
  clockSkewSeconds: z.number().int().nonnegative(),
  /** The instant the checks were made against (epoch seconds). */
  checkedAt: z.number(),
});
export type Inspection = z.infer<typeof InspectionSchema>;

export const ProtocolSchema = z.enum([
  'imap',
  'pop',
  'smtp',
  'graph-read',
  'graph-send',
  'graph-shared',
  'graph-send-shared',
]);
export type Protocol = z.infer<typeof ProtocolSchema>;

/** What one protocol needs from a token. Small on purpose: product presets map onto it. */
export const ProtocolRequirementSchema = z.object({
  protocol: ProtocolSchema,
  resource: z.enum(['graph', 'outlook']),
  /** Delegated scopes (short names, as in `scp`); every one is required. */
  scopes: z.array(z.string()),
  /** Application permissions (as in `roles`) an app-only token needs instead. */
  appRoles: z.array(z.string()).default([]),
  /** Which kind of token the product uses; 'either' accepts both. */
  mode: z.enum(['delegated', 'app-only', 'either']).default('either'),
});
export type ProtocolRequirement = z.input<typeof ProtocolRequirementSchema>;

export const ExpectationsSchema = z.object({
  /** The account that signs in (for a shared mailbox: the delegate). */
  expectedAccount: z.string().max(320).optional(),
  /** The mailbox the product opens (XOAUTH2 user=). Equal to expectedAccount unless in delegate mode. */
  mailbox: z.string().max(320).optional(),
  /** Tenant id (GUID) or a verified domain; a domain is compared with the account's domain. */
  tenant: z.string().max(255).optional(),
  clientId: z.string().max(100).optional(),
  /** Extra delegated scopes that must be present. */
  requiredScopes: z.array(z.string().max(200)).max(50).optional(),
  requirement: ProtocolRequirementSchema.optional(),
  /** Whether a refresh token must come with the response (delegated products that poll mail). */
  expectRefreshToken: z.boolean().optional(),
  clockSkewSeconds: z.number().int().min(0).max(3600).optional(),
});
export type Expectations = z.input<typeof ExpectationsSchema>;
