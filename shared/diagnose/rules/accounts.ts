// Lint rules on the mailbox and the sign-in account: not an e-mail address, and spoofable addresses
// (direction-control characters, mixed scripts, Latin lookalike letters). The spoofing rules warn: the value
// may be what the user meant, but it will not match the account Entra knows, and a reviewer reading it may be
// misled. Detection is in shared/text/address-spoofing.ts (also used by the authorize request schema).
import { EMAIL_RE } from '../../text/identifiers';
import { addressSpoofing, type AddressSpoofing } from '../../text/address-spoofing';
import { clean } from '../../text/invisible-chars';
import { fieldLabel, rawOf, type Hit, type LintContext, type LintRule } from './context';

const ACCOUNT_FIELDS = ['mailbox', 'signInAccount'] as const;

/** One hit per account field whose address shows this kind of spoofing (the first instance), in the product's label. */
function spoofingHits(
  c: LintContext,
  kind: AddressSpoofing['kind'],
  say: (label: string, s: AddressSpoofing) => Omit<Hit, 'field'>,
): Hit[] {
  return ACCOUNT_FIELDS.flatMap((field) =>
    addressSpoofing(c.input[field] ?? '')
      .filter((s) => s.kind === kind)
      .slice(0, 1)
      .map((s) => ({ field, ...say(fieldLabel(c, field), s) })),
  );
}

export const ACCOUNT_RULES: readonly LintRule[] = [
  {
    code: 'ACCOUNT_FORMAT',
    severity: 'error',
    field: 'mailbox',
    summary: 'Mailbox or sign-in account is not an e-mail address.',
    check: (c) =>
      ACCOUNT_FIELDS.flatMap((f) => {
        const v = clean(rawOf(c.input, f));
        return v === '' || EMAIL_RE.test(v)
          ? []
          : [
              {
                field: f,
                message: `${fieldLabel(c, f)} "${v.slice(0, 80)}" is not an e-mail address (user@domain).`,
                nextStep: `Enter the ${f === 'mailbox' ? 'mailbox address, e.g. servicedesk@contoso.com' : 'account that signs in (the mailbox itself, or a delegate with Full Access)'}.`,
              },
            ];
      }),
  },
  {
    code: 'ACCOUNT_BIDI_CONTROL',
    severity: 'warning',
    field: 'mailbox',
    summary: 'An account address contains a right-to-left override or another direction-control character.',
    check: (c) =>
      spoofingHits(c, 'bidi', (label, s) => ({
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
      spoofingHits(c, 'mixed-script', (label, s) => ({
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
      spoofingHits(c, 'lookalike', (label, s) => ({
        message: `${label} contains letters that only look Latin: ${s.detail}.`,
        nextStep: 'Type the address by hand in Latin letters, as it appears in the Microsoft 365 admin center.',
        detail: s.detail,
      })),
  },
];
