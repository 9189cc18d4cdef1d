// Offline lint rules for spoofable account addresses (mailbox and sign-in account): direction-control
// characters, mixed scripts and Latin lookalike letters. Warnings: the value may be what the user meant, but
// it will not match the account Entra knows, and a reviewer reading it may be misled. Detection is in
// shared/text/address-spoofing.ts (also used by the authorize request schema).
import { addressSpoofing, type AddressSpoofing } from '../text/address-spoofing';
import type { Hit, LintContext, LintRule } from './rules';

const FIELDS = ['mailbox', 'signInAccount'] as const;
const LABEL: Readonly<Record<(typeof FIELDS)[number], string>> = {
  mailbox: 'Mailbox',
  signInAccount: 'Sign-in account',
};

function hitsOf(
  c: LintContext,
  kind: AddressSpoofing['kind'],
  say: (label: string, s: AddressSpoofing) => Omit<Hit, 'field'>,
): Hit[] {
  return FIELDS.flatMap((field) => {
    const value = c.input[field] ?? '';
    return addressSpoofing(value)
      .filter((s) => s.kind === kind)
      .slice(0, 1)
      .map((s) => ({ field, ...say(LABEL[field], s) }));
  });
}

export const ACCOUNT_SPOOFING_RULES: readonly LintRule[] = [
  {
    code: 'ACCOUNT_BIDI_CONTROL',
    severity: 'warning',
    field: 'mailbox',
    summary: 'An account address contains a right-to-left override or another direction-control character.',
    check: (c) =>
      hitsOf(c, 'bidi', (label, s) => ({
        message: `${label} contains ${s.detail} in its ${s.part === 'local' ? 'name' : 'domain'}: the address is displayed in a different order than it is stored, so it is not the address it appears to be.`,
        nextStep: 'Type the address by hand instead of pasting it.',
        detail: s.detail,
      })),
  },
  {
    code: 'ACCOUNT_MIXED_SCRIPT',
    severity: 'warning',
    field: 'mailbox',
    summary: 'An account address mixes letters of different scripts (e.g. Latin and Cyrillic) in one part.',
    check: (c) =>
      hitsOf(c, 'mixed-script', (label, s) => ({
        message: `${label} mixes ${s.detail} letters in its ${s.part === 'local' ? 'name' : 'domain'}, a classic lookalike trick; Entra will not find that account.`,
        nextStep: 'Type the address by hand in Latin letters, as it appears in the Microsoft 365 admin center.',
        detail: s.detail,
      })),
  },
  {
    code: 'ACCOUNT_LOOKALIKE_LETTERS',
    severity: 'warning',
    field: 'mailbox',
    summary: 'An account address uses non-Latin letters that look like Latin ones (homoglyphs).',
    check: (c) =>
      hitsOf(c, 'lookalike', (label, s) => ({
        message: `${label} contains letters that only look Latin: ${s.detail}.`,
        nextStep: 'Type the address by hand in Latin letters, as it appears in the Microsoft 365 admin center.',
        detail: s.detail,
      })),
  },
];
