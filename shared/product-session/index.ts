// The clean product session's pure core: recognise, read, lint and rewrite a product's Microsoft authorize
// request, classify its callback, weigh the evidence of whose account the product got, and the timeline/state
// schemas the contract carries.
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
export { isSignInPost, signInFormAccount } from './sign-in-form';
export { decideProductIdentity, type ProductIdentityInput } from './identity';
export { IDENTITY_METHODS, IDENTITY_METHOD_LABEL, type IdentityMethod } from './identity-methods';
export {
  EvidenceOutcomeSchema,
  IdentityEvidenceSchema,
  IdentityMethodSchema,
  ProductSessionVerdictSchema,
  type EvidenceOutcome,
  type IdentityEvidence,
  type ProductSessionVerdict,
} from './identity-schema';
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
