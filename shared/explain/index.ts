// AADSTS catalog, parser and explainer: one import for the renderer, the CLI and the online checks. No zod:
// the schemas are in schema.ts, for main, the contract and the tests.
export {
  AADSTS_CATALOG,
  AADSTS_BY_CODE,
  OAUTH_ERRORS,
  isTransientAadsts,
  type AadstsEntry,
  type AadstsCategory,
} from './catalog';
export { aadstsCodes, firstAadstsCode, parseErrorText, type ParsedErrorText, type FoundCode } from './parse';
export { explain, explainCode, type ExplainCard, type ExplainResult } from './explain';
