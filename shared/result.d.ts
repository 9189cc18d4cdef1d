import { z } from 'zod';
/** Stable error codes: UPPER_SNAKE, or an AADSTS code as Entra ID reports it (e.g. AADSTS50011). */
export declare const ErrorCodeSchema: z.ZodString;
export declare const AppErrorSchema: z.ZodObject<{
    code: z.ZodString;
    message: z.ZodString;
    nextStep: z.ZodString;
    detail: z.ZodOptional<z.ZodString>;
}, z.core.$strip>;
export type AppError = z.infer<typeof AppErrorSchema>;
export type Result<T> = {
    ok: true;
    value: T;
} | {
    ok: false;
    error: AppError;
};
export declare const ok: <T>(value: T) => Result<T>;
export declare const err: (code: string, message: string, nextStep: string, detail?: string) => Result<never>;
export declare const resultSchema: <T extends z.ZodType>(value: T) => z.ZodDiscriminatedUnion<[z.ZodObject<{
    ok: z.ZodLiteral<true>;
    value: T;
}, z.core.$strip>, z.ZodObject<{
    ok: z.ZodLiteral<false>;
    error: z.ZodObject<{
        code: z.ZodString;
        message: z.ZodString;
        nextStep: z.ZodString;
        detail: z.ZodOptional<z.ZodString>;
    }, z.core.$strip>;
}, z.core.$strip>], "ok">;
/** An error with a stable code, a cause and a next step; services throw it, the dispatcher turns it into a Result. */
export declare class CodedError extends Error {
    readonly code: string;
    readonly nextStep: string;
    readonly name = "CodedError";
    constructor(code: string, message: string, nextStep: string, options?: {
        cause?: unknown;
        detail?: string;
    });
    readonly detail: string | undefined;
    toAppError(): AppError;
}
