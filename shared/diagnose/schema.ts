// The zod schemas of a configuration check: its input (as the Diagnose page, the CLI and the contract send it) and
// its findings. Kept apart from the lint (index.ts, rules/) so the renderer runs the lint without loading zod;
// main, the contract and the tests import the schemas here.
import { z } from 'zod';
import { CloudIdSchema, CustomAuthoritySchema } from '../cloud/schema';
import { FindingSchema } from '../findings-schema';
import { PresetIdSchema, ProtocolIdSchema } from '../presets/schema';

export const FieldKeySchema = z.enum([
  'preset',
  'cloud',
  'protocols',
  'tenant',
  'clientId',
  'clientSecret',
  'secretExpiry',
  'authorizeUrl',
  'tokenUrl',
  'redirectUri',
  'scopes',
  'signInAccount',
  'mailbox',
]);
export type FieldKey = z.infer<typeof FieldKeySchema>;

const text = (max: number) => z.string().max(max);

export const DiagnoseInputSchema = z
  .object({
    preset: PresetIdSchema,
    cloud: CloudIdSchema,
    protocols: z.array(ProtocolIdSchema).max(6),
    tenant: text(512),
    clientId: text(512),
    clientSecret: text(4096).optional(),
    /** Expiry date of the secret as the portal shows it (YYYY-MM-DD or any Date-parsable text). */
    secretExpiry: text(64).optional(),
    authorizeUrl: text(4096).optional(),
    tokenUrl: text(4096).optional(),
    redirectUri: text(4096),
    /** The scope field exactly as typed or pasted (separators, newlines and all). */
    scopes: text(16384),
    signInAccount: text(512).optional(),
    mailbox: text(512).optional(),
    /** Hosts of a custom authority (emulator, test tenant) when cloud is 'custom'. */
    customAuthority: CustomAuthoritySchema.pick({ authorityHost: true, graphHost: true, outlookResourceHost: true })
      .strict()
      .optional(),
  })
  .strict();
export type DiagnoseInput = z.infer<typeof DiagnoseInputSchema>;

/**
 * A configuration finding: the shared finding, always attached to one form field, from the lint, an online check
 * with the product's credentials, or an admin's audit of the registration through Microsoft Graph.
 */
export const DiagnoseFindingSchema = FindingSchema.extend({
  field: FieldKeySchema,
  source: z.enum(['offline', 'online', 'audit']),
  /** Online or audit: which check produced it. */
  check: z.string().max(64).optional(),
}).strict();
export type DiagnoseFinding = z.infer<typeof DiagnoseFindingSchema>;
