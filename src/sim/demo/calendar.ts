import { DateTime } from "luxon";
import { WEEKDAYS, type Weekday } from "../../domain/catalog.js";

const DAY_MS = 86_400_000;

function toUtcMs(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

function fromUtcMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The calendar date `n` days after `iso` (negative goes back). */
export function addDays(iso: string, n: number): string {
  return fromUtcMs(toUtcMs(iso) + n * DAY_MS);
}

/** 0 for Monday … 6 for Sunday, matching the order of `WEEKDAYS`. */
export function weekdayIndex(iso: string): number {
  return (new Date(toUtcMs(iso)).getUTCDay() + 6) % 7;
}

/** The latest date on or before `iso` that falls on `weekday`. */
export function lastWeekdayOnOrBefore(iso: string, weekday: Weekday): string {
  const back = (weekdayIndex(iso) - WEEKDAYS.indexOf(weekday) + 7) % 7;
  return addDays(iso, -back);
}

/** `count` consecutive week-ending dates, oldest first, the last being `lastEnd`. */
export function weekEnds(lastEnd: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addDays(lastEnd, -7 * (count - 1 - i)));
}

/** Fraction of the year elapsed at `iso`, in [0, 1): drives yearly seasonality. */
export function yearFraction(iso: string): number {
  const start = Date.UTC(Number(iso.slice(0, 4)), 0, 1);
  return ((toUtcMs(iso) - start) / DAY_MS / 365.25) % 1;
}

/** Local wall-clock time on `isoDate` in `zone`, written as ISO 8601 with its UTC offset. */
export function localTimestamp(isoDate: string, hour: number, zone: string): string {
  const dt = DateTime.fromISO(isoDate, { zone }).set({
    hour,
    minute: 0,
    second: 0,
    millisecond: 0,
  });
  return (
    dt.toISO({ suppressMilliseconds: true }) ?? `${isoDate}T${String(hour).padStart(2, "0")}:00:00Z`
  );
}

/** {@link localTimestamp} remembered for one generator's rows: luxon zones are slow, stamps recur. */
export function localStamps(): typeof localTimestamp {
  const stamps = new Map<string, string>();
  return (isoDate, hour, zone) => {
    const key = `${isoDate}|${hour}|${zone}`;
    let stamp = stamps.get(key);
    if (stamp === undefined) stamps.set(key, (stamp = localTimestamp(isoDate, hour, zone)));
    return stamp;
  };
}

/** True when `iso` is a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(iso: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) && fromUtcMs(toUtcMs(iso)) === iso;
}
