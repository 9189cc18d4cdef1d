// Lint rules on the client secret: the Secret ID pasted instead of the Value, a value that does not look like an
// Entra secret, and the expiry date (expired, expiring within 30 days, unreadable).
import { parseCalendarDate } from '../../text/calendar-date';
import { isGuid } from '../../text/identifiers';
import { clean } from '../../text/invisible-chars';
import { MASKED_RE, SECRET_CHARS_RE } from '../text-checks';
import { fieldLabel, type LintRule } from './context';

/**
 * A date as the portal shows it (YYYY-MM-DD, the end of that day in UTC; a day that does not exist, like 2024-13-45,
 * is unreadable rather than rolled over) or any other Date-parsable text.
 */
function parseDate(raw: string | undefined): Date | undefined {
  const s = clean(raw);
  if (s === '') return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) {
    const day = parseCalendarDate(s);
    return day === undefined ? undefined : new Date(Date.UTC(day.year, day.month - 1, day.day, 23, 59, 59));
  }
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export const SECRET_RULES: readonly LintRule[] = [
  {
    code: 'SECRET_IS_SECRET_ID',
    severity: 'error',
    field: 'clientSecret',
    summary: 'The secret is a GUID: the Secret ID, not the secret Value.',
    check: (c) =>
      isGuid(c.secret)
        ? {
            message: `${fieldLabel(c, 'clientSecret')} is a GUID: that is the Secret ID column, not the secret Value. Entra answers AADSTS7000215 (invalid client secret).`,
            nextStep:
              'In Certificates & secrets, copy the Value column (shown only right after creation); if it is hidden now, create a new secret and copy its Value.',
          }
        : undefined,
  },
  {
    code: 'SECRET_SHAPE',
    severity: 'warning',
    field: 'clientSecret',
    summary: 'The secret does not look like an Entra secret value (length, characters, masked).',
    check: (c) => {
      const s = c.secret;
      if (s === '' || isGuid(s)) return undefined;
      if (MASKED_RE.test(s))
        return {
          message: `${fieldLabel(c, 'clientSecret')} looks masked (asterisks); the portal hides a secret's Value after you leave the page.`,
          nextStep: 'Create a new client secret and copy its Value immediately.',
        };
      if (s.length < 24 || s.length > 64)
        return {
          message: `${fieldLabel(c, 'clientSecret')} is ${s.length} characters long; Entra secret values are about 40 characters.`,
          nextStep: 'Check that the whole Value was copied (and nothing else), or create a new secret.',
        };
      if (!SECRET_CHARS_RE.test(s))
        return {
          message: `${fieldLabel(c, 'clientSecret')} contains characters Entra never puts in a secret value (quotes, commas, non-ASCII…).`,
          nextStep: 'Copy the Value again with the portal copy button; remove quotes or labels copied with it.',
        };
      return undefined;
    },
  },
  {
    code: 'SECRET_EXPIRED',
    severity: 'error',
    field: 'secretExpiry',
    summary: 'The secret expiry date is in the past.',
    check: (c) => {
      const d = parseDate(c.input.secretExpiry);
      return d !== undefined && d.getTime() < c.now.getTime()
        ? {
            message: `The client secret expired on ${d.toISOString().slice(0, 10)}; Entra answers AADSTS7000222 and the product shows invalid_client.`,
            nextStep: `Create a new client secret (12 or 24 months), put its Value in ${fieldLabel(c, 'clientSecret')}, then delete the expired one.`,
          }
        : undefined;
    },
  },
  {
    code: 'SECRET_EXPIRING',
    severity: 'warning',
    field: 'secretExpiry',
    summary: 'The secret expires within 30 days.',
    check: (c) => {
      const d = parseDate(c.input.secretExpiry);
      if (d === undefined) return undefined;
      const days = (d.getTime() - c.now.getTime()) / 86_400_000;
      return days >= 0 && days <= 30
        ? {
            message: `The client secret expires in ${Math.ceil(days)} day(s) (${d.toISOString().slice(0, 10)}); mail stops that day and Azure sends no reminder.`,
            nextStep: `Create a new secret now, update ${fieldLabel(c, 'clientSecret')} in ${c.preset.label}, test, then delete the old one.`,
          }
        : undefined;
    },
  },
  {
    code: 'SECRET_EXPIRY_INVALID',
    severity: 'info',
    field: 'secretExpiry',
    summary: 'The expiry date cannot be read.',
    check: (c) => {
      const raw = clean(c.input.secretExpiry);
      return raw !== '' && parseDate(raw) === undefined
        ? {
            message: `"${raw.slice(0, 40)}" is not a date the app can read, so expiry is not checked.`,
            nextStep: 'Enter it as YYYY-MM-DD, as shown in the Expires column.',
          }
        : undefined;
    },
  },
];
