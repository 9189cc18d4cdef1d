// The zod schemas of the cloud settings that cross IPC or are read from files: the cloud id and a custom authority.
// Kept apart from the zod-free cloud table (clouds.ts) so the renderer can draw the clouds without loading zod.
import { z } from 'zod';
import { CLOUD_IDS } from './clouds';
import { isCaPem, isHostPort, MAX_CA_PEM_CHARS } from './host-port';

export const CloudIdSchema = z.enum(CLOUD_IDS);

/** host[:port] as isHostPort reads it (no scheme, path, user name or query; port 1–65535). */
export const HostPortSchema = z
  .string()
  .trim()
  .min(1)
  .max(261)
  .refine(isHostPort, 'a host or host:port, e.g. login.contoso.com or localhost:8443');

/** A CA's certificates as PEM text: its content, never a path main would read. */
export const CaPemSchema = z
  .string()
  .max(MAX_CA_PEM_CHARS)
  .refine(isCaPem, 'PEM certificates (-----BEGIN CERTIFICATE-----), without a private key');

/** A custom authority: an on-premises test tenant or the built-in emulator (host + the CA's certificates). */
export const CustomAuthoritySchema = z.object({
  /** host[:port] of the authority, e.g. localhost:8443 */
  authorityHost: HostPortSchema,
  graphHost: HostPortSchema,
  outlookResourceHost: HostPortSchema,
  /** The private CA's certificates (content read by main from a file the admin chose in main's open dialog). */
  caPem: CaPemSchema.optional(),
  /** What the admin chose, for display: the file's name and the CA's subject. */
  caLabel: z.string().max(512).optional(),
});
export type CustomAuthority = z.infer<typeof CustomAuthoritySchema>;
