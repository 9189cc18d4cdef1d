// The zod schemas of the cloud settings that cross IPC or are read from files: the cloud id and a custom authority.
// Kept apart from the zod-free cloud table (clouds.ts) so the renderer can draw the clouds without loading zod.
import { z } from 'zod';
import { CLOUD_IDS } from './clouds';

export const CloudIdSchema = z.enum(CLOUD_IDS);

/** A custom authority: an on-premises test tenant or the built-in emulator (host + CA file). */
export const CustomAuthoritySchema = z.object({
  /** host[:port] of the authority, e.g. localhost:8443 */
  authorityHost: z
    .string()
    .min(1)
    .max(255)
    .regex(/^[A-Za-z0-9.-]+(?::\d{1,5})?$/),
  graphHost: z.string().min(1).max(255),
  outlookResourceHost: z.string().min(1).max(255),
  caFile: z.string().max(4096).optional(),
});
export type CustomAuthority = z.infer<typeof CustomAuthoritySchema>;
