// Public surface of shared/product-proof: asking the product itself whose token it holds. The ServiceNow
// background script's generator, the marked output format it prints and its reading back, and the judgement
// with the same identity verdict as Authorize. Pure and zod-free (the renderer's Inspect page loads it).
export {
  serviceNowProofScript,
  checkScriptInput,
  type ServiceNowScriptInput,
  type ScriptInputCheck,
} from './servicenow-script';
export {
  PROOF_MARKER,
  PROOF_CLAIMS,
  readProductProof,
  type ProductStoreProof,
  type ProductStoreProofError,
  type ProofClaims,
  type ProofReading,
} from './proof-format';
export {
  judgeProductProof,
  judgeProofReading,
  judgeScriptError,
  type ProofExpectations,
  type ProofFact,
  type ProofVerdict,
} from './proof-verdict';
