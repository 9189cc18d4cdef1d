// Owns how token times are shown: UTC, local (or a given time zone) and relative to a given `now`.
// Pure: `now` is passed in, never read from the clock here.
import type { TimeView } from './schema';

const MAX_EPOCH_SECONDS = 8.64e12; // the largest instant a JS Date can hold

function plural(n: number, unit: string): string {
  return `${n} ${unit}`;
}

/** "45 s", "12 min", "3 h 20 min", "2 d 4 h" — the magnitude of a duration in seconds. */
export function formatDuration(seconds: number): string {
  const s = Math.round(Math.abs(seconds));
  if (s < 60) return plural(s, 's');
  if (s < 3600) return plural(Math.floor(s / 60), 'min');
  if (s < 86_400) {
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    return m === 0 ? plural(h, 'h') : `${plural(h, 'h')} ${plural(m, 'min')}`;
  }
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  return h === 0 ? plural(d, 'd') : `${plural(d, 'd')} ${plural(h, 'h')}`;
}

/** "in 45 min", "3 h ago", "now" relative to nowSeconds. */
export function formatRelative(epochSeconds: number, nowSeconds: number): string {
  const diff = epochSeconds - nowSeconds;
  if (!Number.isFinite(diff)) return 'unknown';
  if (Math.abs(diff) < 1) return 'now';
  return diff > 0 ? `in ${formatDuration(diff)}` : `${formatDuration(diff)} ago`;
}

const TWO_DIGITS: readonly string[] = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
/** 10000-01-01T00:00:00Z: from here on toISOString writes a six-digit, signed year. */
const YEAR_10000 = 253_402_300_800;

/**
 * "2025-03-01T10:00:00Z", exactly what Date#toISOString gives without the ".000". Every verdict writes one, and
 * toISOString (a Date and a string of 24 characters each time) cost more than the rest of the verdict: whole seconds
 * from 1970 to 9999 are written from the day count (Howard Hinnant's civil-from-days), anything else by toISOString
 * (issue 22; tests/unit/shared/tokens compare the two over the whole range).
 */
export function formatUtc(epochSeconds: number): string {
  if (!Number.isFinite(epochSeconds) || Math.abs(epochSeconds) > MAX_EPOCH_SECONDS) return 'not a valid time';
  if (!Number.isInteger(epochSeconds) || epochSeconds < 0 || epochSeconds >= YEAR_10000) {
    const iso = new Date(epochSeconds * 1000).toISOString();
    return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
  }
  const days = Math.floor(epochSeconds / 86_400);
  let rest = epochSeconds - days * 86_400;
  const z = days + 719_468; // days since 0000-03-01
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153); // month from March = 0
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const hours = Math.floor(rest / 3600);
  rest -= hours * 3600;
  const minutes = Math.floor(rest / 60);
  const seconds = rest - minutes * 60;
  const y = year < 1000 ? String(year).padStart(4, '0') : String(year);
  return `${y}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}T${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[seconds]}Z`;
}

const LOCAL_OPTIONS = {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
  timeZoneName: 'short',
} as const;

// Building an Intl.DateTimeFormat costs far more than formatting with one; keep one per zone.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let fmt = formatters.get(key);
  if (!fmt) {
    try {
      fmt = new Intl.DateTimeFormat('sv-SE', timeZone === undefined ? LOCAL_OPTIONS : { ...LOCAL_OPTIONS, timeZone });
    } catch {
      // An unknown time-zone name: fall back to UTC rather than fail the whole inspection.
      fmt = new Intl.DateTimeFormat('sv-SE', { ...LOCAL_OPTIONS, timeZone: 'UTC' });
    }
    if (formatters.size < 50) formatters.set(key, fmt);
  }
  return fmt;
}

/** Local time as "2025-03-01 11:00:00 GMT+1"; timeZone defaults to the runtime's own zone. */
export function formatLocal(epochSeconds: number, timeZone?: string): string {
  if (!Number.isFinite(epochSeconds) || Math.abs(epochSeconds) > MAX_EPOCH_SECONDS) return 'not a valid time';
  return formatterFor(timeZone).format(new Date(epochSeconds * 1000));
}

export function timeView(epochSeconds: number, nowSeconds: number, timeZone?: string): TimeView {
  return {
    epoch: epochSeconds,
    utc: formatUtc(epochSeconds),
    local: formatLocal(epochSeconds, timeZone),
    relative: formatRelative(epochSeconds, nowSeconds),
  };
}
