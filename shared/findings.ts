// The one findings vocabulary: what every check in the app reports (token checks, the offline lint, the online
// checks, the authorize verdict's details, the field sheet, the product session's timeline). A finding is an
// AppError (stable code, one-line cause, next step, optional detail) with a severity and, when it is about one
// thing, the field, claim or parameter it names. Features extend FindingSchema (findings-schema.ts: diagnose adds
// its field key and source, the field sheet its source); none declares its own severity or its own words for the
// same parts. This module holds the factory and the severity helpers without zod, so the renderer's checks and
// pages use them without loading zod; the schema beside it is for main, the contract and the tests.
import type { Finding, Severity } from './findings-schema';
import { MAX_DETAIL_CHARS, MAX_FIELD_CHARS, MAX_MESSAGE_CHARS } from './limits';
import type { AppError } from './result';

export type { Finding, Severity };

export interface FindingExtra {
  readonly field?: string | undefined;
  /** Non-secret extra words (the server's answer, the offending characters), already redacted. */
  readonly detail?: string | undefined;
}

const clip = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/**
 * The one way to make a finding. Values echoed into a message (claims, pasted text) can be long; the parts are
 * clipped to the schema's limits so a finding never breaks the contract it travels in.
 */
export function finding(
  severity: Severity,
  code: string,
  message: string,
  nextStep: string,
  extra?: FindingExtra,
): Finding {
  const out: Finding = {
    code,
    severity,
    message: clip(message, MAX_MESSAGE_CHARS),
    nextStep: clip(nextStep, MAX_MESSAGE_CHARS),
  };
  if (extra?.field !== undefined) out.field = clip(extra.field, MAX_FIELD_CHARS);
  if (extra?.detail !== undefined) out.detail = clip(extra.detail, MAX_DETAIL_CHARS);
  return out;
}

/** An error shown among findings (e.g. a failed step in a list of checks). */
export const findingFromError = (error: AppError, severity: Severity = 'error', field?: string): Finding =>
  finding(severity, error.code, error.message, error.nextStep, { field, detail: error.detail });

/** error < warning < info: sorts the most serious first. */
export const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

export const bySeverity = (a: { readonly severity: Severity }, b: { readonly severity: Severity }): number =>
  SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];

/** The most serious severity among the findings, or undefined when there are none. */
export function worstSeverity(findings: readonly { readonly severity: Severity }[]): Severity | undefined {
  let worst: Severity | undefined;
  for (const f of findings)
    if (worst === undefined || SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[worst]) worst = f.severity;
  return worst;
}

export function countBySeverity(findings: readonly { readonly severity: Severity }[]): Record<Severity, number> {
  const out: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) out[f.severity] += 1;
  return out;
}

export const hasErrorFinding = (findings: readonly { readonly severity: Severity }[]): boolean =>
  findings.some((f) => f.severity === 'error');
