// The clean product session's pure core: recognise, read, lint and rewrite a product's Microsoft authorize
// request, classify its callback, and the timeline/state schemas the contract carries.
export {
  MICROSOFT_LOGIN_HOSTS,
  parseAuthorizeRequest,
  rewriteAuthorizeUrl,
  rawQueryParts,
  type ObservedAuthorizeRequest,
  type RewriteChange,
  type RewriteResult,
  type RecogniseOptions,
} from './authorize-request';
export { classifyCallback, CODE_RECEIVED_MESSAGE, type CallbackReading } from './callback';
export {
  ObservedRequestSchema,
  ProductSessionOpenRequestSchema,
  ProductSessionStateSchema,
  RewriteViewSchema,
  TimelineStepSchema,
  lintObservedRequest,
  sessionFindings,
  type LintObservedOptions,
  type ProductSessionOpenRequest,
  type ProductSessionState,
  type TimelineStep,
  type TimelineStepKind,
} from './timeline';
