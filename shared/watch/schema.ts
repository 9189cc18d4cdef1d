// The zod schemas of Watch: what a saved profile keeps between runs (what the last audit learnt — credential end
// dates, never values — and what this app saw: the last verified authorization, the issue time of a refresh
// token it handed over, and which warnings were already raised), and what the Watch view and `cli watch` get.
import { z } from 'zod';
import { AuditCredentialSchema } from '../audit/schema';
import { FindingSchema } from '../findings-schema';
import { PresetIdSchema } from '../presets/schema';

const isoDate = z.string().max(40);

export const WatchFactsSchema = z
  .object({
    audit: z
      .object({
        auditedAt: isoDate,
        appName: z.string().max(256).optional(),
        credentials: z.array(AuditCredentialSchema).max(100),
      })
      .strict()
      .optional(),
    /** The last authorize run with this profile whose verdict was good. */
    lastAuthorizedAt: isoDate.optional(),
    /** When the refresh token handed over (exported) from a run of this profile was issued. */
    refreshTokenIssuedAt: isoDate.optional(),
    /** Warnings already raised as notifications (`secret:<keyId>:7`), so a daily check does not repeat them. */
    notified: z.array(z.string().max(200)).max(500).optional(),
  })
  .strict();
export type WatchFacts = z.infer<typeof WatchFactsSchema>;

export const WatchEventSchema = z.object({
  kind: z.enum(['secret', 'certificate', 'refresh-token']),
  /** What ends, in the portal's words: `Client secret “current” (Secret ID …)`. */
  label: z.string(),
  /** Secret ID / certificate key id, or 'refresh-token'. */
  key: z.string(),
  endsAt: z.string(),
  /** Whole days left (negative once over). */
  daysLeft: z.number().int(),
  /** The warning step reached: 30, 7 or 1 days before, 0 once over; absent while further away. */
  step: z.union([z.literal(30), z.literal(7), z.literal(1), z.literal(0)]).optional(),
  /** An ended credential while another one is still valid: the product may have moved on, so no alarm. */
  superseded: z.boolean().optional(),
});
export type WatchEvent = z.infer<typeof WatchEventSchema>;

export const WatchHealthSchema = z.enum(['ok', 'warning', 'expired', 'unknown']);
export type WatchHealth = z.infer<typeof WatchHealthSchema>;

export const WatchConnectionSchema = z.object({
  profileId: z.string(),
  name: z.string(),
  presetId: PresetIdSchema,
  mailbox: z.string().optional(),
  health: WatchHealthSchema,
  events: z.array(WatchEventSchema),
  findings: z.array(FindingSchema),
  lastAuditedAt: z.string().optional(),
  lastAuthorizedAt: z.string().optional(),
  refreshTokenIssuedAt: z.string().optional(),
});
export type WatchConnection = z.infer<typeof WatchConnectionSchema>;

export const WatchStatusSchema = z.object({
  checkedAt: z.number(),
  /** Days ahead that count as "expires soon" (and make `cli watch` exit 1). */
  windowDays: z.number().int(),
  connections: z.array(WatchConnectionSchema),
});
export type WatchStatus = z.infer<typeof WatchStatusSchema>;

export const WatchStatusRequestSchema = z.object({}).strict();
