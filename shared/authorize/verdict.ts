// Owns how strong an authorize verdict is, for every place that colours or words it (the verdict panel, the field
// sheet, the diagnostic report): verified by Microsoft's keys and checks, checked but issued by a custom authority
// (amber: the checks passed, but only that host vouches for the tokens), or failed. No zod here, so the renderer
// can use it without loading the schemas.
import type { Verdict } from './schema';

export type VerdictLevel = 'verified' | 'custom-authority' | 'failed';

export function verdictLevel(v: Pick<Verdict, 'ok' | 'customAuthority'>): VerdictLevel {
  if (!v.ok) return 'failed';
  return v.customAuthority === undefined ? 'verified' : 'custom-authority';
}

/** The verdict codes of a run whose checks passed but whose tokens came from a custom authority. */
export const CUSTOM_AUTHORITY_CODES = ['CUSTOM_AUTHORITY', 'CUSTOM_AUTHORITY_DELEGATE'] as const;
