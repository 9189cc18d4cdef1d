// Schemas of the hand-over step: the field sheet the renderer shows (built from a run's non-secret config,
// RunConfigSchema in shared/authorize/schema.ts) and the requests/responses of copy, export and report. No value
// in the sheet is ever a secret or a token: secret rows carry a placeholder, the values stay in main.
import { z } from 'zod';
import { RunConfigSchema } from '../authorize/schema';
import { FindingSchema } from '../findings-schema';
import { PresetIdSchema } from '../presets/schema';

/** A field sheet's finding: the shared finding, with where it came from (the offline lint, the authorize verdict, the cloud table). */
export const SheetFindingSchema = FindingSchema.extend({
  source: z.enum(['lint', 'verdict', 'cloud']),
});
export type SheetFinding = z.infer<typeof SheetFindingSchema>;

export const SheetRowSchema = z.object({
  /** The key handover.copy takes: the field key, `key.<n>` for the n-th row of a multi-row field. */
  copyKey: z.string(),
  /** What the renderer shows: the value itself, or a placeholder for a secret or token. */
  display: z.string(),
});
export type SheetRow = z.infer<typeof SheetRowSchema>;

export const SheetFieldSchema = z.object({
  key: z.string(),
  label: z.string(),
  where: z.string(),
  hint: z.string().optional(),
  kind: z.enum(['value', 'secret', 'token', 'fixed']),
  rows: z.array(SheetRowSchema),
  /**
   * verified: proved (by the sign-in, the identity check, or a Test mailbox probe at that server) · unverified: nothing
   * to prove it by (no run, a name of your choice, a fixed option) · not-tested: a mail server value no probe has proved
   * yet · failed: a check failed · missing: no value · not-used: app-only mode does not use it (nobody signs in).
   */
  status: z.enum(['verified', 'unverified', 'not-tested', 'failed', 'missing', 'not-used']),
  /** False when a check failed (main asks before copying it anyway) or there is no value. */
  copyable: z.boolean(),
  findings: z.array(SheetFindingSchema),
});
export type SheetField = z.infer<typeof SheetFieldSchema>;

export const FieldSheetSchema = z.object({
  presetId: PresetIdSchema,
  /** app-only: a client-credentials run (no sign-in, no tokens kept, no refresh token); absent: a delegated run. */
  mode: z.enum(['delegated', 'app-only']).optional(),
  productLabel: z.string(),
  /** verified: the run passed · failed-checks: some values failed · not-verified: whose tokens is wrong/unknown · lint-only: a profile, no run. */
  status: z.enum(['verified', 'failed-checks', 'not-verified', 'lint-only']),
  statusSentence: z.string(),
  verdictCode: z.string().optional(),
  fields: z.array(SheetFieldSchema),
  tokens: z.array(SheetFieldSchema),
  notes: z.array(z.object({ id: z.string(), severity: z.enum(['info', 'warning']), text: z.string() })),
});
export type FieldSheet = z.infer<typeof FieldSheetSchema>;

/** A sheet comes from an authorize run (token-set id), an app-only run (its id) or a saved profile. */
const sourceShape = {
  tokenSetId: z.string().min(1).max(64).optional(),
  appOnlyRunId: z.string().min(1).max(64).optional(),
  profileId: z.string().min(1).max(64).optional(),
};
const oneSource = (r: {
  tokenSetId?: string | undefined;
  appOnlyRunId?: string | undefined;
  profileId?: string | undefined;
}): boolean => [r.tokenSetId, r.appOnlyRunId, r.profileId].filter((x) => x !== undefined).length === 1;
const oneSourceMessage = { message: 'Give exactly one of tokenSetId, appOnlyRunId or profileId.' };

export const HandoverSheetRequestSchema = z.object(sourceShape).strict().refine(oneSource, oneSourceMessage);

/**
 * Copy one row. No field says "the person agreed": for a secret, a token or a value that failed a check, main asks
 * in its own dialog, and a request carrying such a flag is refused as invalid (strict).
 */
export const HandoverCopyRequestSchema = z
  .object({
    ...sourceShape,
    fieldKey: z.string().min(1).max(80),
  })
  .strict()
  .refine(oneSource, oneSourceMessage);
export const HandoverCopyResponseSchema = z.discriminatedUnion('copied', [
  z.object({
    copied: z.literal(true),
    fieldKey: z.string(),
    label: z.string(),
    /** Set for secrets and tokens: the clipboard is cleared after this many ms if it still holds the value. */
    clearsInMs: z.number().int().optional(),
    /** The value failed a check and the person confirmed copying it anyway. */
    overridden: z.boolean(),
  }),
  /** The person answered Cancel in main's confirmation: nothing was copied. */
  z.object({ copied: z.literal(false), reason: z.literal('declined'), fieldKey: z.string(), label: z.string() }),
]);
export type HandoverCopyResponse = z.infer<typeof HandoverCopyResponseSchema>;

export const ExportFormatSchema = z.enum(['json', 'env']);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

export const HandoverExportRequestSchema = z
  .object({
    tokenSetId: z.string().min(1).max(64).optional(),
    appOnlyRunId: z.string().min(1).max(64).optional(),
    format: ExportFormatSchema,
    includeClientSecret: z.boolean().default(false),
    includeRefreshToken: z.boolean().default(false),
    /** Export a sheet that is not fully verified (the file then says verified: false). */
    override: z.boolean().optional(),
  })
  .strict()
  .refine((r) => (r.tokenSetId === undefined) !== (r.appOnlyRunId === undefined), {
    message: 'Give exactly one of tokenSetId or appOnlyRunId.',
  });
/** What a save through the dialog returns: where and how big, with the file mode (POSIX), or cancelled. */
export const SavedFileResponseSchema = z.discriminatedUnion('saved', [
  z.object({
    saved: z.literal(true),
    path: z.string(),
    bytes: z.number().int(),
    format: z.enum(['json', 'env', 'md']),
    mode: z.string().optional(),
  }),
  z.object({ saved: z.literal(false), reason: z.literal('cancelled') }),
]);
export type SavedFileResponse = z.infer<typeof SavedFileResponseSchema>;
export const HandoverExportResponseSchema = SavedFileResponseSchema;

export const HandoverReportRequestSchema = z
  .object({
    /** A finished run; or none, for a failed/cancelled run (the current flow's error is used). */
    tokenSetId: z.string().min(1).max(64).optional(),
    /** The form values of a run that failed before tokens came back (no secret field in this schema). */
    config: RunConfigSchema.optional(),
    /** Probe results the renderer is showing, if any (already free of tokens). */
    probes: z
      .array(
        z.object({
          protocol: z.string().max(32),
          ok: z.boolean(),
          code: z.string().max(80),
          message: z.string().max(2000),
          host: z.string().max(300).optional(),
        }),
      )
      .max(20)
      .optional(),
  })
  .strict();
export const HandoverReportResponseSchema = SavedFileResponseSchema;
