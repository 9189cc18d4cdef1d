// AADSTS catalog, mail-server and Graph answers, parser and explainer: one import for the renderer, the CLI and the
// online checks. No zod: the schemas are in schema.ts, for main, the contract and the tests.
export {
  AADSTS_CATALOG,
  AADSTS_BY_CODE,
  OAUTH_ERRORS,
  isTransientAadsts,
  type AadstsEntry,
  type AadstsCategory,
} from './catalog';
export { REFERENCE_CODES, type ReferenceCode } from './reference-codes';
export { AADSTS_REFERENCE } from './reference';
export { MAIL_ANSWERS, mailAnswer, type MailAnswer, type DocLink } from './mail-answers';
export { ANSWER_IDS, type AnswerId } from './answer-rules';
export {
  aadstsCodes,
  firstAadstsCode,
  parseErrorText,
  MAX_EXPLAIN_CHARS,
  MAX_CODES,
  type ParsedErrorText,
  type FoundCode,
  type FoundAnswer,
} from './parse';
export { explain, explainAnswer, explainCode, isKnownAadsts, type ExplainCard, type ExplainResult } from './explain';
