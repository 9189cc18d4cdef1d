// The zod schemas of an explanation: the cards, the result and the request. Kept apart from the explainer
// (explain.ts) so the renderer explains pasted text without loading zod; main, the contract and the tests import
// the schemas here.
import { z } from 'zod';
import { FieldKeySchema } from '../diagnose/schema';
import { MAX_INPUT_CHARS } from '../limits';
import { PresetIdSchema } from '../presets/schema';

export const ExplainCardSchema = z.object({
  /** 'AADSTS50011', the OAuth error name, or a mail answer ('SMTP 5.7.139 tenant', 'Graph ErrorAccessDenied'…). */
  code: z.string(),
  known: z.boolean(),
  title: z.string(),
  category: z.string(),
  meaning: z.string(),
  cause: z.string(),
  fix: z.string(),
  field: FieldKeySchema.optional(),
  /** The field's name as the admin knows it: the product's label when a preset was given, else this app's. */
  fieldLabel: z.string().optional(),
  note: z.string().optional(),
  serverText: z.string().optional(),
  /** Who wrote serverText: Entra ID (default), Exchange Online or Microsoft Graph. */
  answeredBy: z.string().optional(),
  lookupUrl: z.string().optional(),
  /** Set when Microsoft's reference does not list the code (or no longer does): why the card still explains it. */
  listing: z.string().optional(),
  /** The Microsoft documentation the explanation rests on. */
  docs: z.array(z.object({ title: z.string(), url: z.string() })).optional(),
});
export type ExplainCard = z.infer<typeof ExplainCardSchema>;

export const ExplainResultSchema = z.object({
  cards: z.array(ExplainCardSchema),
  traceIds: z.array(z.string()),
  correlationIds: z.array(z.string()),
  timestamps: z.array(z.string()),
  /** Plain sentence when nothing recognisable was found. */
  summary: z.string(),
  /** True when not everything was read or shown: a text longer than the explainer reads, or more codes than it lists
   * at once (the summary says which). */
  truncated: z.boolean(),
});
export type ExplainResult = z.infer<typeof ExplainResultSchema>;

export const ExplainRequestSchema = z
  .object({
    text: z.string().min(1).max(MAX_INPUT_CHARS),
    preset: PresetIdSchema.optional(),
  })
  .strict();
