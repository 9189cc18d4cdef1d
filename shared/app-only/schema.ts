// What the renderer sends to run an app-only test and what it sees back (contract method appOnly.run): the app's
// registration (cloud or custom authority, tenant, client id, the client secret going to main), the mailbox, the
// protocols and an optional canary; back come the roles each token carried, findings, probe results and the scope
// verdict. No token is in the response: main obtains the client-credentials tokens, uses them and drops them.
import { z } from 'zod';
import { CloudIdSchema, CustomAuthoritySchema } from '../cloud/schema';
import { FindingSchema } from '../findings-schema';
import { PresetIdSchema } from '../presets/schema';
import { ProbeResultSchema } from '../probes/schema';

const address = z
  .string()
  .trim()
  .min(3)
  .max(320)
  .regex(/^[^\s@]+@[^\s@]+$/, 'an email address such as servicedesk@contoso.com');

export const AppOnlyProtocolSchema = z.enum(['graph', 'imap', 'pop', 'smtp']);

export const AppOnlyRunRequestSchema = z
  .object({
    cloud: CloudIdSchema,
    customAuthority: CustomAuthoritySchema.optional(),
    tenant: z.string().trim().min(1).max(255),
    clientId: z.string().trim().min(1).max(128),
    /** The app's credential: its client secret, or the id main gave the certificate chosen in its dialog. */
    clientSecret: z.string().min(1).max(1024).optional(),
    certificateId: z.string().uuid().optional(),
    mailbox: address,
    protocols: z.array(AppOnlyProtocolSchema).min(1).max(4),
    /** The product (its field sheet) and the Authorize form's redirect URI: main then keeps the run for the hand-over. */
    presetId: PresetIdSchema.optional(),
    redirectUri: z.string().trim().min(1).max(2048).optional(),
    /** A mailbox the app must not reach; one read-only Graph request for it proves the scope. */
    canary: address.optional(),
    /** The admin ticked "Also show the subject of the newest message": one subject line through Graph, never stored. */
    showSubject: z.boolean().optional(),
  })
  .strict()
  .refine((r) => r.cloud !== 'custom' || r.customAuthority !== undefined, {
    message: 'A custom authority needs its host.',
    path: ['customAuthority'],
  })
  .refine((r) => (r.clientSecret === undefined) !== (r.certificateId === undefined), {
    message: 'Give the client secret or choose a certificate (one of them).',
    path: ['clientSecret'],
  })
  .refine((r) => r.canary === undefined || r.canary.toLowerCase() !== r.mailbox.toLowerCase(), {
    message: 'The canary must be another mailbox, one the app must not reach.',
    path: ['canary'],
  })
  .refine((r) => r.showSubject !== true || r.protocols.includes('graph'), {
    message: 'The subject is read through Microsoft Graph: test Graph too.',
    path: ['showSubject'],
  });
export type AppOnlyRunRequest = z.input<typeof AppOnlyRunRequestSchema>;

export const ScopeVerdictSchema = z
  .object({
    status: z.enum(['red', 'green', 'amber']),
    headline: z.string().max(200),
    explanation: z.string().max(2000),
    fix: z.array(z.string().max(1000)).max(20),
    sources: z.array(z.object({ title: z.string().max(200), url: z.string().max(500) }).strict()).max(5),
  })
  .strict();

export const AppOnlyRunResultSchema = z
  .object({
    roles: z
      .array(
        z.object({ resource: z.enum(['graph', 'exchange']), roles: z.array(z.string().max(200)).max(100) }).strict(),
      )
      .max(2),
    findings: z.array(FindingSchema).max(20),
    results: z.array(ProbeResultSchema).max(4),
    scope: ScopeVerdictSchema.optional(),
    /**
     * The newest Inbox message's subject, when the admin asked (showSubject) and Graph opened the Inbox: shown once,
     * never kept with the run, so no field sheet, copy, export or log ever carries it.
     */
    newestSubject: z
      .discriminatedUnion('state', [
        z.object({ state: z.literal('shown'), subject: z.string().max(255) }).strict(),
        z.object({ state: z.literal('empty') }).strict(),
        z.object({ state: z.literal('unavailable'), why: z.string().max(300) }).strict(),
      ])
      .optional(),
    /** The id main keeps the run under for its field sheet (handover.* with appOnlyRunId); with a presetId only. */
    runId: z.string().max(64).optional(),
  })
  .strict();
export type AppOnlyRunResult = z.output<typeof AppOnlyRunResultSchema>;

/** Main's answer to "Choose certificate file…": an id for the key it keeps, and what the admin checks in the portal. */
export const ChosenCertificateSchema = z.discriminatedUnion('chosen', [
  z.object({ chosen: z.literal(false) }).strict(),
  z
    .object({
      chosen: z.literal(true),
      certificateId: z.string().uuid(),
      label: z.string().max(512),
      /** SHA-1, upper-case hex: the Thumbprint column under Certificates & secrets → Certificates. */
      thumbprint: z.string().regex(/^[0-9A-F]{40}$/),
      expires: z.string().max(40),
    })
    .strict(),
]);
export type ChosenCertificate = z.output<typeof ChosenCertificateSchema>;
