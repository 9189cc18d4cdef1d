// Owns the shapes of the clean product session's identity verdict — whose account the product got, and the
// evidence that decided it — as zod schemas for the contract. A shared type on purpose: the session's state
// carries it, and a later consumer (a script verifying a ServiceNow set-up) reads the same shape. The pure
// decision lives in identity.ts and takes its types from here with `import type`, so the renderer loads no zod.
import { z } from 'zod';
import { IDENTITY_METHODS } from './identity-methods';

const text = (max: number) => z.string().max(max);

export const IdentityMethodSchema = z.enum(IDENTITY_METHODS);

export const EvidenceOutcomeSchema = z.discriminatedUnion('kind', [
  /** An ID token named this account (token endpoint, or form_post with a verified signature), or the sign-in page sent it. */
  z.object({
    kind: z.literal('account'),
    account: text(320),
    /** The token verifier's status for the ID token's signature (absent for the sign-in page's account). */
    signature: text(40).optional(),
  }),
  /** Entra answered the silent request with login_required / interaction_required: that account is not signed in. */
  z.object({ kind: z.literal('not-signed-in'), error: text(64), aadsts: text(16).optional() }),
  /** The method ran but proves nothing (consent missing, implicit ID tokens off, a signature that did not verify…). */
  z.object({ kind: z.literal('inconclusive'), code: text(64), reason: text(600) }),
  /** The method could not run (no client secret, nothing posted by the sign-in page…). */
  z.object({ kind: z.literal('not-tried'), reason: text(600) }),
]);

export const IdentityEvidenceSchema = z.object({
  method: IdentityMethodSchema,
  /** The account a silent request asked for (login_hint); absent for the one that names whoever is signed in. */
  loginHint: text(320).optional(),
  outcome: EvidenceOutcomeSchema,
});

export const ProductSessionVerdictSchema = z.object({
  /** Green: the product got the expected account (or the delegate of the expected mailbox). */
  ok: z.boolean(),
  /** identityVerdict's status (shared/tokens): match, delegate, mismatch, no-account. */
  status: z.enum(['match', 'delegate', 'mismatch', 'no-account', 'not-checked']),
  /** identityVerdict's code: IDENTITY_MATCH, DELEGATE_MODE, IDENTITY_MISMATCH, IDENTITY_UNKNOWN… */
  code: text(64),
  /** proven: an ID token or Entra's own answer decided; observed: only what the sign-in page sent; none. */
  proof: z.enum(['proven', 'observed', 'none']),
  sentence: text(600),
  nextStep: text(600),
  /** One sentence: which evidence decided, and what it said. */
  how: text(1200),
  /** The account that had to sign in (for a shared mailbox: its delegate) and the mailbox the product opens. */
  signInAccount: text(320),
  mailbox: text(320),
  /** Whose tokens the product got, when the evidence names an account. */
  account: text(320).optional(),
  decidedBy: IdentityMethodSchema.optional(),
  evidence: z.array(IdentityEvidenceSchema).max(8),
});

export type EvidenceOutcome = z.infer<typeof EvidenceOutcomeSchema>;
export type IdentityEvidence = z.infer<typeof IdentityEvidenceSchema>;
export type ProductSessionVerdict = z.infer<typeof ProductSessionVerdictSchema>;
