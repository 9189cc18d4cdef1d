// Schemas of the online diagnose channel (diagnose.online): which checks exist, a check's result, the request
// and the response. The checks themselves run in electron/services/diagnose/diagnose-online.ts.
import { z } from 'zod';
import { DiagnoseFindingSchema, DiagnoseInputSchema } from './schema';

export const CheckIdSchema = z.enum(['tenant', 'credentials', 'permissions', 'redirect']);
export type CheckId = z.infer<typeof CheckIdSchema>;

export const CheckResultSchema = z.object({
  id: CheckIdSchema,
  label: z.string(),
  status: z.enum(['ok', 'problem', 'skipped', 'timeout', 'failed']),
  durationMs: z.number(),
  findings: z.array(DiagnoseFindingSchema),
});
export type CheckResult = z.infer<typeof CheckResultSchema>;

export const OnlineRequestSchema = z
  .object({
    input: DiagnoseInputSchema,
    /** Per-check timeout in ms (default 8000). */
    timeoutMs: z.number().int().min(100).max(60_000).optional(),
    checks: z.array(CheckIdSchema).optional(),
  })
  .strict();
export const OnlineResponseSchema = z.object({
  checks: z.array(CheckResultSchema),
  findings: z.array(DiagnoseFindingSchema),
  durationMs: z.number(),
});
export type OnlineResponse = z.infer<typeof OnlineResponseSchema>;
