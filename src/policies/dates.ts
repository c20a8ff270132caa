/** Calendar arithmetic on ISO dates (YYYY-MM-DD), in UTC so no DST or zone can shift a day. */

const DAY_MS = 86_400_000;

function toMs(iso: string): number {
  return Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
}

/** `iso` moved by `n` days. */
export function addDays(iso: string, n: number): string {
  return new Date(toMs(iso) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toMs(b) - toMs(a)) / DAY_MS);
}

/** Every date from `from` to `to`, both included. */
export function eachDay(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
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
  const dow = (new Date(toMs(iso)).getUTCDay() + 6) % 7;
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
  for (let d = from; d <= to; ) {
    const p = of(d);
    seen.set(p.key, p);
    d = addDays(p.to, 1);
  }
  return [...seen.values()];
}
