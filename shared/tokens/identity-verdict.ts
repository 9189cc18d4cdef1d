// Owns the identity verdict: does the token's account (preferred_username / upn / unique_name) match the
// account that was supposed to sign in, and in delegate mode (a shared mailbox opened by a delegate) the
// mailbox? Reused by the authorize flow for its one-sentence verdict.
import type { Severity } from '../findings';

export interface IdentityInput {
  /** The account that should sign in; for a shared mailbox, the delegate. */
  readonly expectedAccount?: string | undefined;
  /** The mailbox the product opens (XOAUTH2 user=). Defaults to expectedAccount. */
  readonly mailbox?: string | undefined;
  /** The account the token speaks for. */
  readonly tokenAccount?: string | undefined;
}

export type IdentityStatus = 'match' | 'delegate' | 'mismatch' | 'no-account' | 'not-checked';

export interface IdentityVerdict {
  readonly status: IdentityStatus;
  readonly severity: Severity;
  readonly code: 'IDENTITY_MATCH' | 'DELEGATE_MODE' | 'IDENTITY_MISMATCH' | 'IDENTITY_UNKNOWN' | 'IDENTITY_NOT_CHECKED';
  /** One sentence for the verdict line. */
  readonly sentence: string;
  readonly nextStep: string;
}

/**
 * Case-insensitive and trimmed, nothing else: `mallory#servicedesk@contoso.com` is not servicedesk. The one form
 * with a prefix, a guest's v1 unique_name (`live.com#user@domain`), is unwrapped where the claim is read
 * (accountOf in classify.ts, guestUniqueName below), only for that claim and only for a known identity provider.
 */
export function normalizeAccount(value: string | undefined): string {
  return (value ?? '').trim().toLowerCase();
}

/**
 * Identity providers that prefix a guest's v1 `unique_name` as `<idp>#<address>`: the values the `idp` claim takes
 * for Microsoft accounts, Google and Facebook federation, email one-time passcode, and another Entra tenant
 * (Microsoft identity platform, "Access token claims reference": idp).
 */
const GUEST_IDP_PREFIX = /^(?:live\.com|google\.com|facebook\.com|mail|https:\/\/sts\.windows\.net\/[0-9a-f-]{36}\/)#/i;

/** The address inside a guest's v1 unique_name (`live.com#user@domain` → user@domain); other values as they are. */
export function guestUniqueName(value: string): string {
  const m = GUEST_IDP_PREFIX.exec(value);
  return m === null ? value : value.slice(m[0].length);
}

export function sameAccount(a: string | undefined, b: string | undefined): boolean {
  const na = normalizeAccount(a);
  return na.length > 0 && na === normalizeAccount(b);
}

/** "servicedesk" from "servicedesk@contoso.com": how people name the account they should sign in as. */
function shortName(account: string): string {
  const at = account.indexOf('@');
  return at > 0 ? account.slice(0, at) : account;
}

export function identityVerdict(input: IdentityInput): IdentityVerdict {
  const expected = input.expectedAccount?.trim() || undefined;
  const mailbox = input.mailbox?.trim() || undefined;
  const token = input.tokenAccount?.trim() || undefined;
  const signIn = expected ?? mailbox;
  if (signIn === undefined) {
    return token
      ? {
          status: 'not-checked',
          severity: 'info',
          code: 'IDENTITY_NOT_CHECKED',
          sentence: `These tokens belong to ${token}.`,
          nextStep: 'Enter the expected account to check that this is the mailbox account and not your own.',
        }
      : {
          status: 'not-checked',
          severity: 'info',
          code: 'IDENTITY_NOT_CHECKED',
          sentence: 'These tokens name no user account.',
          nextStep: 'Enter the expected account to check whose tokens these are.',
        };
  }
  if (token === undefined) {
    return {
      status: 'no-account',
      severity: 'warning',
      code: 'IDENTITY_UNKNOWN',
      sentence: `These tokens name no user account, so they cannot be checked against ${signIn}.`,
      nextStep: 'Use a delegated token (authorization code flow) or check the ID token from the same response.',
    };
  }
  const delegateMode = mailbox !== undefined && expected !== undefined && !sameAccount(mailbox, expected);
  if (sameAccount(token, signIn)) {
    if (delegateMode) {
      return {
        status: 'delegate',
        severity: 'info',
        code: 'DELEGATE_MODE',
        sentence: `These tokens belong to ${token}, who signs in as a delegate for the mailbox ${mailbox}.`,
        nextStep: `Make sure ${token} has Full Access on ${mailbox} and that the product uses user=${mailbox} for IMAP/POP/SMTP.`,
      };
    }
    return {
      status: 'match',
      severity: 'info',
      code: 'IDENTITY_MATCH',
      sentence: `These tokens belong to ${token}, the expected account.`,
      nextStep: 'Nothing to do.',
    };
  }
  if (delegateMode && sameAccount(token, mailbox)) {
    return {
      status: 'mismatch',
      severity: 'error',
      code: 'IDENTITY_MISMATCH',
      sentence: `These tokens belong to the mailbox ${token} itself, not the delegate ${signIn}. You signed in with the wrong account — authorize again and sign in as ${shortName(signIn)}.`,
      nextStep: `Authorize again in a clean session and sign in as ${signIn}; a shared mailbox is opened by its delegate.`,
    };
  }
  return {
    status: 'mismatch',
    severity: 'error',
    code: 'IDENTITY_MISMATCH',
    sentence: `These tokens belong to ${token}, not ${signIn}. You signed in with the wrong account — authorize again and sign in as ${shortName(signIn)}.`,
    nextStep: `Authorize again in a clean session (no browser SSO) and sign in as ${signIn}.`,
  };
}
