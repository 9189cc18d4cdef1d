// The zod schema of the one finding (see findings.ts for the factory and the severity helpers): an AppError with a
// severity and the field it names. Features extend FindingSchema; main, the contract and the tests import it here.
import { z } from 'zod';
import { MAX_FIELD_CHARS } from './limits';
import { AppErrorSchema } from './result';

export const SeveritySchema = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof SeveritySchema>;

export const FindingSchema = AppErrorSchema.extend({
  severity: SeveritySchema,
  /** What the finding is about: a claim (`aud`, `scp`), a parameter (`user=`) or a form field (`redirectUri`). */
  field: z.string().max(MAX_FIELD_CHARS).optional(),
});
export type Finding = z.infer<typeof FindingSchema>;
