// A calendar date written YYYY-MM-DD, as the Azure portal shows a secret's expiry: read strictly, so "2024-13-45"
// is no date at all instead of rolling over into February 2025 the way Date.UTC would.

export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** The date, or undefined when the text is not YYYY-MM-DD or names a day that does not exist. */
export function parseCalendarDate(text: string): CalendarDate | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day
    ? { year, month, day }
    : undefined;
}
