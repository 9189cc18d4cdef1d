// The handler table and its dispatcher: plain data + one function, bound to ipcMain in Electron (ipc.ts)
// and to page.exposeBinding in the test harness. Every call is checked (sender, method, payload) and every
// outcome is a Result; nothing throws across the boundary.
import { contract, type MethodName, type ParsedRequestOf, type ResponseOf } from '../../../shared/contract';
import { CodedError, type AppError, type Result } from '../../../shared/result';
import { redact } from '../../../shared/text/redact';
import { appError } from '../errors';

export interface CallContext {
  /** URL of the frame that made the call (Electron: event.senderFrame.url; harness: source.frame.url()). */
  readonly senderUrl: string;
  /** True when the sender is the top-level frame of its window. */
  readonly isMainFrame: boolean;
}

export type Handler<M extends MethodName> = (request: ParsedRequestOf<M>, ctx: CallContext) => Promise<ResponseOf<M>>;
export type HandlerTable = { readonly [M in MethodName]: Handler<M> };
/** The handlers of one contract namespace ('probes': probes.run, probes.cancel), as its *-handlers.ts returns them. */
export type NamespaceHandlers<NS extends string> = Pick<HandlerTable, Extract<MethodName, `${NS}.${string}`>>;

export interface DispatcherOptions {
  /** Decides whether a sender may call the API at all (only our own renderer origin, main frame). */
  readonly isTrustedSender: (ctx: CallContext) => boolean;
  /** Where internal failures are reported (already redacted). */
  readonly log?: (line: string) => void;
  /** Validate responses too (on in tests and development; cheap enough to keep on). */
  readonly validateResponses?: boolean;
}

export type Dispatch = (method: string, payload: unknown, ctx: CallContext) => Promise<Result<unknown>>;

const fail = (error: AppError): Result<never> => ({ ok: false, error });

const isMethod = (m: string): m is MethodName => Object.prototype.hasOwnProperty.call(contract, m);

function describeZodIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

export function createDispatcher(handlers: HandlerTable, options: DispatcherOptions): Dispatch {
  const log = options.log ?? (() => undefined);
  const validateResponses = options.validateResponses ?? true;
  return async (method, payload, ctx) => {
    if (!options.isTrustedSender(ctx)) {
      log(
        `refused call to ${String(method).slice(0, 64)} from untrusted sender ${redact(ctx.senderUrl).slice(0, 200)}`,
      );
      return fail(appError('UNTRUSTED_SENDER'));
    }
    if (typeof method !== 'string' || !isMethod(method)) {
      return fail(appError('UNKNOWN_METHOD', { method: String(method).slice(0, 64) }));
    }
    const spec = contract[method];
    const parsed = spec.request.safeParse(payload);
    if (!parsed.success) {
      return fail(appError('INVALID_REQUEST', { method, detail: describeZodIssues(parsed.error.issues) }));
    }
    try {
      const handler = handlers[method] as (req: unknown, ctx: CallContext) => Promise<unknown>;
      const value = await handler(parsed.data, ctx);
      if (validateResponses) {
        const checked = spec.response.safeParse(value);
        if (!checked.success) {
          log(`response of ${method} broke the contract: ${describeZodIssues(checked.error.issues)}`);
          return fail(
            appError('INTERNAL', {
              method,
              what: 'its answer broke the contract',
              detail: describeZodIssues(checked.error.issues),
            }),
          );
        }
        return { ok: true, value: checked.data };
      }
      return { ok: true, value };
    } catch (e) {
      if (e instanceof CodedError) {
        log(`${method} answered ${e.code}`);
        return { ok: false, error: sanitize(e.toAppError()) };
      }
      log(`${method} failed: ${redact(e instanceof Error ? `${e.name}: ${e.message}` : String(e))}`);
      return fail(
        appError('INTERNAL', {
          method,
          what: 'an error it did not expect',
          detail: redact(e instanceof Error ? e.message : String(e)).slice(0, 500),
        }),
      );
    }
  };
}

function sanitize(e: AppError): AppError {
  return {
    ...e,
    message: redact(e.message),
    nextStep: redact(e.nextStep),
    ...(e.detail === undefined ? {} : { detail: redact(e.detail) }),
  };
}

/** The renderer's own origin(s): a sender is trusted when it is the main frame of one of these. */
export function trustedOriginPredicate(origins: readonly string[]): (ctx: CallContext) => boolean {
  const set = new Set(origins);
  return (ctx) => {
    if (!ctx.isMainFrame) return false;
    let url: URL;
    try {
      url = new URL(ctx.senderUrl);
    } catch {
      return false;
    }
    // app://renderer has origin "null" in WHATWG URL for non-special schemes; compare protocol+host instead.
    return set.has(`${url.protocol}//${url.host}`);
  };
}
