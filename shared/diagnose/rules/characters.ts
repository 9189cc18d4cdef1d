// Lint rules on the characters of a value: whitespace at the ends or inside, and invisible characters pasted
// with it. Entra compares ids, secrets and URLs character for character, so each of these breaks a sign-in.
import { clean, invisibleChars } from '../../text/invisible-chars';
import { EXACT_FIELDS, fieldLabel, rawOf, type LintRule } from './context';

export const CHARACTER_RULES: readonly LintRule[] = [
  {
    code: 'FIELD_EDGE_WHITESPACE',
    severity: 'error',
    field: 'clientId',
    summary: 'Leading or trailing spaces, tabs or line breaks in an exact-match field.',
    check: (c) =>
      EXACT_FIELDS.flatMap((f) => {
        const v = rawOf(c.input, f);
        if (v === undefined || v === '' || v.trim() === v) return [];
        const where = /^\s/.test(v) && /\s$/.test(v) ? 'at both ends' : /^\s/.test(v) ? 'at the start' : 'at the end';
        return [
          {
            field: f,
            message: `${fieldLabel(c, f)} has whitespace ${where}; Entra compares it character for character, so a copied space gives "application not found" or a mismatch.`,
            nextStep: `Delete the whitespace ${where} of ${fieldLabel(c, f)}, or copy the value again with the portal's copy button.`,
          },
        ];
      }),
  },
  {
    code: 'FIELD_INNER_WHITESPACE',
    severity: 'error',
    field: 'clientId',
    summary: 'Spaces or line breaks inside an id, secret or URL.',
    check: (c) =>
      EXACT_FIELDS.flatMap((f) => {
        const v = clean(rawOf(c.input, f));
        if (!/\s/.test(v)) return [];
        return [
          {
            field: f,
            message: `${fieldLabel(c, f)} contains a space or line break inside the value; ids, secrets and URLs never do.`,
            nextStep: `Remove the inner whitespace from ${fieldLabel(c, f)} (a copy that wrapped across lines often adds one).`,
          },
        ];
      }),
  },
  {
    code: 'FIELD_INVISIBLE_CHAR',
    severity: 'error',
    field: 'clientId',
    summary: 'Zero-width characters, no-break spaces or direction marks pasted with a value.',
    check: (c) =>
      [...EXACT_FIELDS, 'scopes' as const].flatMap((f) => {
        const names = invisibleChars(rawOf(c.input, f) ?? '');
        if (names.length === 0) return [];
        return [
          {
            field: f,
            message: `${fieldLabel(c, f)} contains invisible characters (${names.join(', ')}) that make it differ from what Entra expects although it looks right.`,
            nextStep: `Clear ${fieldLabel(c, f)} and type or paste it again from the Azure portal's copy button (not from a chat, e-mail or document).`,
            detail: names.join(', '),
          },
        ];
      }),
  },
];
