// Public surface of shared/tokens: extraction, decoding, classification, claim meanings, time formatting,
// checks, the identity verdict and the inspection's types. Consumers import from here; the zod schemas
// (InspectionSchema, ProtocolSchema…) come from tokens/schema.ts, so the renderer's Inspect page loads no zod.
export {
  extractTokens,
  decodeBase64Text,
  parseXoauth2,
  tokenShape,
  normaliseCompactToken,
  MAX_TOKENS,
  MAX_SCAN_CHARS,
  type Extraction,
  type ExtractedToken,
} from './extract';
export { decodeToken, decodeJws, type Decoded } from './decode';
export {
  classify,
  resourceOfAudience,
  accountOf,
  scopesOf,
  rolesOf,
  audiences,
  hostOf,
  GRAPH_APP_ID,
  EXCHANGE_APP_ID,
} from './classify';
export { CLAIMS, HEADER_PARAMETERS, claimInfo, type ClaimInfo } from './claim-dictionary';
export { timeView, formatDuration, formatRelative, formatUtc, formatLocal } from './time-format';
export {
  checkToken,
  timeFindings,
  DEFAULT_CLOCK_SKEW_SECONDS,
  EXPIRING_SOON_SECONDS,
  isMultiTenantSegment,
  type CheckContext,
  type CheckExpectations,
} from './checks';
export {
  identityVerdict,
  guestUniqueName,
  normalizeAccount,
  sameAccount,
  type IdentityInput,
  type IdentityVerdict,
  type IdentityStatus,
} from './identity-verdict';
export { PROTOCOL_REQUIREMENTS, PROTOCOL_LABELS, grants } from './requirements';
export { inspectInput, requirementFor, claimRows, hasErrors, type InspectOptions } from './inspect';
export type * from './schema';
