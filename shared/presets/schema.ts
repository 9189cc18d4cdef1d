// The shape of a product preset (ServiceNow, Jira, ServiceOps…): pure data describing how that product
// wants its Entra app registration filled in. Validated by PresetSchema in a unit test; the diagnose rules,
// the field sheet and the authorize flow read presets, never product names.
import { z } from 'zod';

/** The products this app knows; each has one preset file (shared/presets/<id>.ts). */
export const PresetIdSchema = z.enum([
  'servicenow',
  'motadata-serviceops',
  'jira-data-center',
  'email-this-issue',
  'servicely',
  'generic',
]);
export type PresetId = z.infer<typeof PresetIdSchema>;

export const ProtocolIdSchema = z.enum(['imap', 'pop', 'smtp', 'graph-read', 'graph-send', 'ews']);
export type ProtocolId = z.infer<typeof ProtocolIdSchema>;

/** Where a product field's value comes from: the inputs of the Diagnose page / the authorize flow. */
export const ValueSourceSchema = z.enum([
  'clientId',
  'clientSecret',
  'tenantId',
  'authorizeUrl',
  'tokenUrl',
  'redirectUri',
  'scopes',
  'mailbox',
  'signInAccount',
  'imapHost',
  'imapPort',
  'popHost',
  'popPort',
  'smtpHost',
  'smtpPort',
  'graphHost',
  'providerName',
  'fixed',
]);
export type ValueSource = z.infer<typeof ValueSourceSchema>;

export const PresetFieldSchema = z
  .object({
    /** Stable key, unique within the preset. */
    key: z.string().regex(/^[a-z][a-zA-Z0-9]*$/),
    /** The label exactly as the product's form shows it. */
    label: z.string().min(1),
    valueFrom: ValueSourceSchema,
    /** Where in the product this field lives (menu path / record). */
    where: z.string().min(1),
    /** One value per row (ServiceNow OAuth Entity Scopes) instead of one space-separated string. */
    multiRow: z.boolean().optional(),
    secret: z.boolean().optional(),
    /** For valueFrom 'fixed': the literal the product expects (e.g. an option to pick). */
    fixedValue: z.string().optional(),
    hint: z.string().optional(),
  })
  .strict();
export type PresetField = z.infer<typeof PresetFieldSchema>;

/**
 * A scope template: `{graph}` and `{outlook}` are replaced by the cloud's Graph host and Exchange resource host
 * (see scopesFor). Plain names like `offline_access` stay as they are.
 */
const ScopeTemplate = z
  .string()
  .regex(/^(?:https:\/\/\{(?:graph|outlook)\}\/[A-Za-z][A-Za-z0-9.\-_]*|[a-z_]+|[A-Z][A-Za-z0-9.\-_]+)$/);

export const PresetProtocolSchema = z
  .object({
    id: ProtocolIdSchema,
    label: z.string().min(1),
    /** Delegated scopes the product requests for this protocol, in the product's documented order. */
    scopes: z.array(ScopeTemplate).min(1),
    /** Extra scopes only some setups need (e.g. Mail.ReadWrite.Shared for shared mailboxes). */
    optionalScopes: z.array(z.object({ scope: ScopeTemplate, when: z.string().min(1) }).strict()).optional(),
    /** Application permissions (app-only roles) the product needs on the resource, if any. */
    applicationPermissions: z
      .array(z.object({ resource: z.enum(['graph', 'outlook']), role: z.string().min(1) }).strict())
      .optional(),
    note: z.string().optional(),
  })
  .strict();
export type PresetProtocol = z.infer<typeof PresetProtocolSchema>;

export const PresetNoteSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    severity: z.enum(['info', 'warning']),
    text: z.string().min(1),
    /** Which protocols the note concerns; absent = all. */
    protocols: z.array(ProtocolIdSchema).optional(),
    /**
     * Which modes the note is true for: 'delegated' (a person signs in: consent, redirect, whose account) or
     * 'app-only' (client credentials); absent = both. The field sheet of an app-only run shows only notes true for it.
     */
    modes: z
      .array(z.enum(['delegated', 'app-only']))
      .min(1)
      .optional(),
  })
  .strict();

/**
 * How the admin can prove whose token the product holds: the product's own facility where it has one (ServiceNow:
 * a background script the app generates, read back by Inspect), or `none` with what to do instead.
 */
export const PresetProveOwnerSchema = z
  .object({
    facility: z.enum(['product-script', 'none']),
    /** One paragraph for the field sheet, in the product's and the Azure portal's words. */
    text: z.string().min(1),
  })
  .strict();
export type PresetProveOwner = z.infer<typeof PresetProveOwnerSchema>;

export const PresetSchema = z
  .object({
    id: PresetIdSchema,
    label: z.string().min(1),
    /** Entra platform type the redirect URI must be registered under. */
    platform: z.literal('web'),
    /** Supported account types the product is documented with. */
    tenancy: z.enum(['single', 'single-or-multi', 'multi']),
    redirect: z
      .object({
        /** e.g. https://{instance}/oauth_redirect.do; absent when the product shows a per-integration URL. */
        template: z
          .string()
          .regex(/^https:\/\/\{instance\}[^\s{}]*$/)
          .optional(),
        /** How to fill {instance}, or where to copy the whole URL from. */
        howToFill: z.string().min(1),
        instanceLabel: z.string().optional(),
        instanceExample: z.string().optional(),
        /** true when the template is reconstructed rather than quoted from the product's docs. */
        templateVerified: z.boolean(),
      })
      .strict(),
    scopeFormat: z.enum(['full-uri', 'short-or-full']),
    scopeSeparator: z.literal(' '),
    scopeEntry: z.enum(['single-field', 'one-per-row']),
    /** Whether the product lets the user type the authorize/token URLs (else it builds them itself). */
    editableEndpoints: z.boolean(),
    protocols: z.array(PresetProtocolSchema).min(1),
    fields: z.array(PresetFieldSchema).min(3),
    notes: z.array(PresetNoteSchema),
    proveOwner: PresetProveOwnerSchema,
    /** The admin guides the preset was written from, by number (the preset file's header names each by title). */
    sources: z.array(z.string()).min(1),
  })
  .strict()
  .superRefine((p, ctx) => {
    const keys = new Set<string>();
    for (const f of p.fields) {
      if (keys.has(f.key)) ctx.addIssue({ code: 'custom', message: `duplicate field key ${f.key}`, path: ['fields'] });
      keys.add(f.key);
    }
    const protos = new Set<string>();
    for (const pr of p.protocols) {
      if (protos.has(pr.id))
        ctx.addIssue({ code: 'custom', message: `duplicate protocol ${pr.id}`, path: ['protocols'] });
      protos.add(pr.id);
    }
    for (const need of ['clientId', 'clientSecret', 'redirectUri', 'scopes'] as const) {
      if (!p.fields.some((f) => f.valueFrom === need))
        ctx.addIssue({ code: 'custom', message: `no field takes ${need}`, path: ['fields'] });
    }
  });
export type Preset = z.infer<typeof PresetSchema>;
