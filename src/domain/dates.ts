/** Calendar arithmetic on ISO dates (YYYY-MM-DD), in UTC so no DST or zone can shift a day. */

/** Milliseconds in a day and a week: every date calculation shares them (UTC days, no DST). */
export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;

// Planning screens thousands of scenarios, each with a few date sums: plain integer arithmetic on
// the digits (Hinnant's days-from-civil) instead of Date.parse and toISOString, same results.
/** Days since 1970-01-01 of a valid `YYYY-MM-DD` (unchecked: validate first). */
export function dayNumber(iso: string): number {
  return civilDayNumber(digitsOf(iso, 0, 4), digitsOf(iso, 5, 7), digitsOf(iso, 8, 10));
}

/** The decimal value of `s[from..to)`, or NaN when a character is not a digit (no substring made). */
export function digitsOf(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (!(c >= 0 && c <= 9)) return NaN;
    n = n * 10 + c;
  }
  return n;
}

/** Days since 1970-01-01 of year `year`, month `m` (1–12), day `d` (unchecked). */
export function civilDayNumber(year: number, m: number, d: number): number {
  const y = m <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

/** Monday-based weekday (Monday 0 … Sunday 6) of a day number: day 0, 1970-01-01, was a Thursday. */
export function weekdayOfDay(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** The ISO date of a day number (days since 1970-01-01), years 1000–9999. */
export function isoOfDay(z: number): string {
  const zz = z + 719_468;
  const era = Math.floor(zz / 146_097);
  const doe = zz - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return `${yoe + era * 400 + (m <= 2 ? 1 : 0)}-${pad2(m)}-${pad2(d)}`;
}

/** `iso` moved by `n` days. */
export function addDays(iso: string, n: number): string {
  return isoOfDay(dayNumber(iso) + n);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/** Every date from `from` to `to`, both included. */
export function eachDay(from: string, to: string): string[] {
  const out: string[] = [];
  for (let z = dayNumber(from), last = dayNumber(to); z <= last; z++) out.push(isoOfDay(z));
  return out;
}

/** Days two inclusive ranges share. */
export function overlapDays(aFrom: string, aTo: string, bFrom: string, bTo: string): number {
  const from = aFrom > bFrom ? aFrom : bFrom;
  const to = aTo < bTo ? aTo : bTo;
  return from > to ? 0 : daysBetween(from, to) + 1;
}

/** The UTC calendar date of an instant. */
export function isoDateOf(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export interface Period {
  key: string;
  from: string;
  to: string;
}

/** The ISO week (Monday–Sunday) holding `iso`. */
export function weekOf(iso: string): Period {
  const dow = weekdayOfDay(dayNumber(iso));
  const from = addDays(iso, -dow);
  return { key: `week of ${from}`, from, to: addDays(from, 6) };
}

/** The calendar month holding `iso`. */
export function monthOf(iso: string): Period {
  const [y, m] = [Number(iso.slice(0, 4)), Number(iso.slice(5, 7))];
  const from = `${iso.slice(0, 7)}-01`;
  const to = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return { key: iso.slice(0, 7), from, to };
}

/** The calendar quarter holding `iso`; `q` is 1–4. */
export function quarterOf(iso: string): Period & { year: number; q: 1 | 2 | 3 | 4 } {
  const y = Number(iso.slice(0, 4));
  const q = (Math.floor((Number(iso.slice(5, 7)) - 1) / 3) + 1) as 1 | 2 | 3 | 4;
  const from = new Date(Date.UTC(y, (q - 1) * 3, 1)).toISOString().slice(0, 10);
  const to = new Date(Date.UTC(y, q * 3, 0)).toISOString().slice(0, 10);
  return { key: `${y}-Q${q}`, from, to, year: y, q };
}

/** Distinct periods (by `of`) touched by the range `from`–`to`. */
export function periodsTouched(from: string, to: string, of: (iso: string) => Period): Period[] {
  const seen = new Map<string, Period>();
  for (let d = from; d <= to;) {
    const p = of(d);
    seen.set(p.key, p);
    d = addDays(p.to, 1);
  }
  return [...seen.values()];
}
