// The input of a configuration check and the shape of every finding, offline or online. A finding always names
// the field it is about, the cause in one line and the fix, so the UI can attach it to that field.
import { z } from 'zod';
import { CloudIdSchema } from '../cloud/clouds';
import { PresetIdSchema } from '../presets';
import { ProtocolIdSchema } from '../presets/schema';

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
    customHosts: z
      .object({ authorityHost: text(255), graph: text(255), outlook: text(255) })
      .strict()
      .optional(),
  })
  .strict();
export type DiagnoseInput = z.infer<typeof DiagnoseInputSchema>;

export const SeveritySchema = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof SeveritySchema>;

export const FindingSchema = z
  .object({
    /** Stable UPPER_SNAKE code, or an AADSTS code for online results that carry one. */
    code: z.string().regex(/^(?:[A-Z][A-Z0-9_]{1,63}|AADSTS\d{4,8})$/),
    severity: SeveritySchema,
    field: FieldKeySchema,
    /** One line: what is wrong and why it breaks (the cause). */
    message: z.string().max(2000),
    /** One line: what to do. */
    fix: z.string().max(2000),
    source: z.enum(['offline', 'online']),
    /** Online: which check produced it. */
    check: z.string().max(64).optional(),
    /** Non-secret extra detail (the server's words, the offending characters). */
    detail: z.string().max(4000).optional(),
  })
  .strict();
export type Finding = z.infer<typeof FindingSchema>;
