// The Result type every IPC method returns, and the shape of a user-facing error.
// Errors cross IPC as data (Electron would keep only `message` of a thrown Error).
import { z } from 'zod';
import { MAX_DETAIL_CHARS, MAX_MESSAGE_CHARS } from './limits';

/** Stable error codes: UPPER_SNAKE, or an AADSTS code as Entra ID reports it (e.g. AADSTS50011). */
export const ErrorCodeSchema = z.string().regex(/^(?:[A-Z][A-Z0-9_]{1,63}|AADSTS\d{4,8})$/);

export const AppErrorSchema = z.object({
  code: ErrorCodeSchema,
  /** One line: what went wrong and why (the cause). */
  message: z.string().max(MAX_MESSAGE_CHARS),
  /** One line: what the user should do next. */
  nextStep: z.string().max(MAX_MESSAGE_CHARS),
  /** Optional non-secret detail (already redacted), e.g. the server's words. */
  detail: z.string().max(MAX_DETAIL_CHARS).optional(),
});
export type AppError = z.infer<typeof AppErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const err = (code: string, message: string, nextStep: string, detail?: string): Result<never> => ({
  ok: false,
  error: detail === undefined ? { code, message, nextStep } : { code, message, nextStep, detail },
});

export const resultSchema = <T extends z.ZodType>(value: T) =>
  z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: AppErrorSchema }),
  ]);

/** An error with a stable code, a cause and a next step; services throw it, the dispatcher turns it into a Result. */
export class CodedError extends Error {
  override readonly name = 'CodedError';
  constructor(
    readonly code: string,
    message: string,
    readonly nextStep: string,
    options?: { cause?: unknown; detail?: string },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.detail = options?.detail;
  }
  readonly detail: string | undefined;
  toAppError(): AppError {
    return this.detail === undefined
      ? { code: this.code, message: this.message, nextStep: this.nextStep }
      : { code: this.code, message: this.message, nextStep: this.nextStep, detail: this.detail };
  }
}
