// The zod schemas of an audit: what the renderer (or the CLI) asks to audit and with which admin client, the
// Graph v1.0 objects as the audit reads them (lenient: only the properties it uses, the rest passes), and what
// comes back (facts without any secret value, the checks and Diagnose's findings). Main, the contract, the CLI and
// the tests import these; the renderer takes only types.
import { z } from 'zod';
import { RunConfigSchema } from '../authorize/schema';
import { DiagnoseFindingSchema } from '../diagnose/schema';
import { ProtocolIdSchema } from '../presets/schema';
import { AUDIT_CHECK_IDS } from './graph-calls';

const guid = z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/);

// --- the request ----------------------------------------------------------------------------------------------
/** Who the admin signs in as: Microsoft's public client, or the tenant's own public-client registration. */
export const AuditClientSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('graph-cli') }).strict(),
  z
    .object({
      kind: z.literal('own'),
      clientId: guid,
      /** A redirect URI registered for it under Mobile and desktop applications (e.g. http://localhost). */
      redirectUri: z.string().trim().min(1).max(2048),
    })
    .strict(),
]);
export type AuditClient = z.infer<typeof AuditClientSchema>;

/** What is audited: a product's registration and mailbox, as a run or a profile names them. */
export const AuditTargetSchema = RunConfigSchema.pick({
  presetId: true,
  cloud: true,
  customAuthority: true,
  tenant: true,
  clientId: true,
  signInAccount: true,
  mailbox: true,
})
  .extend({
    /** The product's redirect URI; optional for an app-only setup. */
    redirectUri: z.string().trim().max(2048).optional(),
    protocols: z.array(ProtocolIdSchema).min(1).max(6),
    /** delegated: a user (or delegate) signs in; app-only: client credentials with application permissions. */
    mode: z.enum(['delegated', 'app-only']).default('delegated'),
  })
  .strict();
export type AuditTarget = z.output<typeof AuditTargetSchema>;
export type AuditTargetInput = z.input<typeof AuditTargetSchema>;

export const AuditRunRequestSchema = z
  .object({
    /** Chosen by the renderer, so it can cancel the run it started. */
    runId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
    target: AuditTargetSchema,
    client: AuditClientSchema.default({ kind: 'graph-cli' }),
    /** The admin account to prefill in the sign-in page (login_hint); the password is always asked. */
    adminAccount: z.string().trim().max(320).optional(),
    /** Keep what the audit learnt (secret end dates) in this saved profile, for Watch. */
    profileId: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,64}$/)
      .optional(),
    timeoutMs: z
      .number()
      .int()
      .min(5_000)
      .max(30 * 60_000)
      .default(10 * 60_000),
  })
  .strict();
export type AuditRunRequest = z.output<typeof AuditRunRequestSchema>;

export const AuditCancelRequestSchema = z.object({ runId: z.string().max(64) }).strict();

// --- Graph v1.0 objects, as read -------------------------------------------------------------------------------
const nullableString = z.string().nullable().optional();

export const GraphPasswordCredentialSchema = z
  .object({
    keyId: z.string(),
    displayName: nullableString,
    endDateTime: nullableString,
    startDateTime: nullableString,
  })
  .passthrough();

export const GraphKeyCredentialSchema = z
  .object({
    keyId: z.string(),
    displayName: nullableString,
    endDateTime: nullableString,
    type: nullableString,
    usage: nullableString,
  })
  .passthrough();

const redirects = z.object({ redirectUris: z.array(z.string()).default([]) }).passthrough();

export const GraphApplicationSchema = z
  .object({
    id: z.string(),
    appId: z.string(),
    displayName: nullableString,
    signInAudience: nullableString,
    isFallbackPublicClient: z.boolean().nullable().optional(),
    web: redirects.nullable().optional(),
    spa: redirects.nullable().optional(),
    publicClient: redirects.nullable().optional(),
    passwordCredentials: z.array(GraphPasswordCredentialSchema).default([]),
    keyCredentials: z.array(GraphKeyCredentialSchema).default([]),
    requiredResourceAccess: z
      .array(
        z
          .object({
            resourceAppId: z.string(),
            resourceAccess: z.array(z.object({ id: z.string(), type: z.string() }).passthrough()).default([]),
          })
          .passthrough(),
      )
      .default([]),
  })
  .passthrough();
export type GraphApplication = z.infer<typeof GraphApplicationSchema>;

export const GraphServicePrincipalSchema = z
  .object({
    id: z.string(),
    appId: z.string(),
    displayName: nullableString,
    accountEnabled: z.boolean().nullable().optional(),
    appRoleAssignmentRequired: z.boolean().nullable().optional(),
    appRoles: z.array(z.object({ id: z.string(), value: z.string().nullable().optional() }).passthrough()).default([]),
    oauth2PermissionScopes: z
      .array(z.object({ id: z.string(), value: z.string().nullable().optional() }).passthrough())
      .default([]),
  })
  .passthrough();
export type GraphServicePrincipal = z.infer<typeof GraphServicePrincipalSchema>;

export const GraphPermissionGrantSchema = z
  .object({
    clientId: z.string(),
    consentType: z.string(),
    principalId: z.string().nullable().optional(),
    resourceId: z.string(),
    scope: z.string().nullable().optional(),
  })
  .passthrough();
export type GraphPermissionGrant = z.infer<typeof GraphPermissionGrantSchema>;

export const GraphAppRoleAssignmentSchema = z
  .object({ appRoleId: z.string(), resourceId: z.string(), resourceDisplayName: nullableString })
  .passthrough();
export type GraphAppRoleAssignment = z.infer<typeof GraphAppRoleAssignmentSchema>;

export const GraphUserSchema = z
  .object({
    id: z.string(),
    userPrincipalName: z.string(),
    mail: nullableString,
    accountEnabled: z.boolean().nullable().optional(),
    userType: nullableString,
    assignedPlans: z
      .array(z.object({ service: z.string().nullable().optional(), capabilityStatus: nullableString }).passthrough())
      .default([]),
  })
  .passthrough();
export type GraphUser = z.infer<typeof GraphUserSchema>;

/** A Graph error body: { error: { code, message } }. */
export const GraphErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string().optional() }).passthrough(),
});

// --- the result ------------------------------------------------------------------------------------------------
export const AuditCredentialSchema = z.object({
  kind: z.enum(['secret', 'certificate']),
  /** The portal's "Secret ID" / certificate key id: not a secret. */
  keyId: z.string(),
  /** The portal's "Description". */
  description: z.string(),
  /** ISO date-time, or absent when Graph has none. */
  endsAt: z.string().optional(),
});
export type AuditCredential = z.infer<typeof AuditCredentialSchema>;

export const AuditPermissionSchema = z.object({
  /** The portal's API name: Microsoft Graph, Office 365 Exchange Online, or the resource's app id. */
  api: z.string(),
  name: z.string(),
  type: z.enum(['Delegated', 'Application']),
  /** In the app registration's API permissions. */
  configured: z.boolean(),
  /** Admin consent granted; undefined when consent could not be read. */
  granted: z.boolean().optional(),
  /** The product needs it for the chosen protocols. */
  needed: z.boolean(),
});
export type AuditPermission = z.infer<typeof AuditPermissionSchema>;

export const AuditAccountSchema = z.object({
  userPrincipalName: z.string(),
  accountEnabled: z.boolean().optional(),
  hasExchangePlan: z.boolean(),
  mail: z.string().optional(),
});
export type AuditAccount = z.infer<typeof AuditAccountSchema>;

export const AuditCheckSchema = z.object({
  id: z.enum(AUDIT_CHECK_IDS),
  label: z.string(),
  status: z.enum(['ok', 'problems', 'denied', 'not-found', 'skipped']),
  request: z.string(),
  permission: z.string(),
});
export type AuditCheck = z.infer<typeof AuditCheckSchema>;

export const AuditFactsSchema = z.object({
  application: z
    .object({
      displayName: z.string(),
      appId: z.string(),
      objectId: z.string(),
      signInAudience: z.string().optional(),
      publicClientFlows: z.boolean(),
      redirectUris: z.object({ web: z.array(z.string()), spa: z.array(z.string()), publicClient: z.array(z.string()) }),
      credentials: z.array(AuditCredentialSchema),
    })
    .optional(),
  servicePrincipal: z
    .object({ objectId: z.string(), enabled: z.boolean(), assignmentRequired: z.boolean() })
    .optional(),
  permissions: z.array(AuditPermissionSchema),
  mailbox: AuditAccountSchema.optional(),
  signInAccount: AuditAccountSchema.optional(),
});
export type AuditFacts = z.infer<typeof AuditFactsSchema>;

export const AuditResultSchema = z.object({
  auditedAt: z.number(),
  /** The admin client used, by name and id. */
  client: z.object({ label: z.string(), clientId: z.string() }),
  /** Who signed in for the audit (from the access token's upn), when known. */
  signedInAs: z.string().optional(),
  facts: AuditFactsSchema,
  checks: z.array(AuditCheckSchema),
  findings: z.array(DiagnoseFindingSchema),
  /** The profile the secret end dates were kept in, for Watch. */
  savedToProfile: z.object({ id: z.string(), name: z.string() }).optional(),
});
export type AuditResult = z.infer<typeof AuditResultSchema>;
