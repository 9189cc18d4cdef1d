import { type MethodName, type ParsedRequestOf, type ResponseOf } from '../../shared/contract';
import { type Result } from '../../shared/result';
export interface CallContext {
    /** URL of the frame that made the call (Electron: event.senderFrame.url; harness: source.frame.url()). */
    readonly senderUrl: string;
    /** True when the sender is the top-level frame of its window. */
    readonly isMainFrame: boolean;
}
export type Handler<M extends MethodName> = (request: ParsedRequestOf<M>, ctx: CallContext) => Promise<ResponseOf<M>>;
export type HandlerTable = {
    readonly [M in MethodName]: Handler<M>;
};
export interface DispatcherOptions {
    /** Decides whether a sender may call the API at all (only our own renderer origin, main frame). */
    readonly isTrustedSender: (ctx: CallContext) => boolean;
    /** Where internal failures are reported (already redacted). */
    readonly log?: (line: string) => void;
    /** Validate responses too (on in tests and development; cheap enough to keep on). */
    readonly validateResponses?: boolean;
}
export type Dispatch = (method: string, payload: unknown, ctx: CallContext) => Promise<Result<unknown>>;
export declare function createDispatcher(handlers: HandlerTable, options: DispatcherOptions): Dispatch;
/** The renderer's own origin(s): a sender is trusted when it is the main frame of one of these. */
export declare function trustedOriginPredicate(origins: readonly string[]): (ctx: CallContext) => boolean;
