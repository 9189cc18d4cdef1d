// The input of a configuration check and its findings, offline or online. A diagnose finding is the shared one
// (shared/findings.ts) that always names the form field it is about, so the UI can attach it to that field.
// The types come from the schemas (schema.ts); this module adds no zod, so the lint runs in the renderer without it.
import type { Finding } from '../findings';
import type { DiagnoseFinding, DiagnoseInput, FieldKey } from './schema';

export type { DiagnoseFinding, DiagnoseInput, FieldKey };

/** A shared finding (from `finding()`) attached to the form field it is about, with where it came from. */
export function diagnoseFinding(
  base: Finding,
  field: FieldKey,
  origin: { readonly source: 'offline' } | { readonly source: 'online' | 'audit'; readonly check: string },
): DiagnoseFinding {
  return { ...base, field, ...origin };
}
