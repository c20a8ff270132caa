import { DateTime } from "luxon";
import { WEEKDAYS, type Weekday } from "../../domain/index.js";
import { RowRejection } from "./rejection.js";

/** A moment normalised to UTC, with the local calendar day it fell on in the market. */
export interface NormalisedTime {
  utc: string;
  localDate: string;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const HAS_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Parses a date or timestamp. Values with an offset or `Z` keep their instant; zone-less values
 * are local time in `zone`. The local day is taken in `zone` too, so a 23:30 UTC sale in Berlin
 * counts on the next day there.
 */
export function normaliseTime(value: string, zone: string, field: string): NormalisedTime {
  const v = value.trim();
  const dt = HAS_OFFSET.test(v)
    ? DateTime.fromISO(v.replace(" ", "T"), { setZone: true })
    : DateTime.fromISO(v.replace(" ", "T"), { zone });
  if (!dt.isValid) {
    throw new RowRejection(
      field,
      `unparsable date or time '${truncate(v)}' (expected ISO 8601, e.g. 2024-03-01 or 2024-03-01T10:00:00+01:00)`,
    );
  }
  const local = dt.setZone(zone);
  return { utc: dt.toUTC().toISO({ suppressMilliseconds: true })!, localDate: local.toISODate()! };
}

/** True when the value is a bare calendar date. */
export function isDateOnly(value: string): boolean {
  return DATE_ONLY.test(value.trim());
}

/** ISO weekday number (Mon=1 … Sun=7) of a named weekday. */
function weekdayNumber(day: Weekday): number {
  return WEEKDAYS.indexOf(day) + 1;
}

/** True for a real day: Date would silently roll 2024-02-30 over to 1 March. */
export function isCalendarDate(isoDate: string): boolean {
  if (isoDate === last.calendar.key) return last.calendar.value;
  let ok = calendarCache.get(isoDate);
  if (ok === undefined) {
    const d = new Date(`${isoDate}T00:00:00Z`);
    ok = !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === isoDate;
    remember(calendarCache, isoDate, ok);
  }
  last.calendar = { key: isoDate, value: ok };
  return ok;
}

/** Adds days to an ISO date, in plain calendar arithmetic. */
export function addDays(isoDate: string, days: number): string {
  if (isoDate === last.add.date && days === last.add.days) return last.add.value;
  const key = `${isoDate}|${days}`;
  let out = addCache.get(key);
  if (out === undefined) {
    const d = new Date(`${isoDate}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + days);
    out = d.toISOString().slice(0, 10);
    remember(addCache, key, out);
  }
  last.add = { date: isoDate, days, value: out };
  return out;
}

/** The retail week (its ending date) that contains a local calendar day. */
export function retailWeekOf(localDate: string, weekEndsOn: Weekday): string {
  if (localDate === last.week.date && weekEndsOn === last.week.weekEndsOn) return last.week.value;
  const key = `${localDate}|${weekEndsOn}`;
  let week = weekCache.get(key);
  if (week === undefined) {
    const isoDow = WEEKDAYS.indexOf(weekdayOf(localDate)) + 1;
    week = addDays(localDate, (weekdayNumber(weekEndsOn) - isoDow + 7) % 7);
    remember(weekCache, key, week);
  }
  last.week = { date: localDate, weekEndsOn, value: week };
  return week;
}

/** The weekday name of an ISO date. */
export function weekdayOf(localDate: string): Weekday {
  if (localDate === last.weekday.key) return last.weekday.value;
  let day = weekdayCache.get(localDate);
  if (day === undefined) {
    day = WEEKDAYS[(new Date(`${localDate}T00:00:00Z`).getUTCDay() + 6) % 7]!;
    remember(weekdayCache, localDate, day);
  }
  last.weekday = { key: localDate, value: day };
  return day;
}

// Feeds repeat the same few hundred dates millions of times; Date parsing per row is the cost.
// Sorted feeds repeat the previous row's date, so the last answer is checked before the maps.
const last: {
  calendar: { key: string | null; value: boolean };
  add: { date: string | null; days: number; value: string };
  week: { date: string | null; weekEndsOn: string; value: string };
  weekday: { key: string | null; value: Weekday };
} = {
  calendar: { key: null, value: false },
  add: { date: null, days: 0, value: "" },
  week: { date: null, weekEndsOn: "", value: "" },
  weekday: { key: null, value: "monday" },
};
const weekCache = new Map<string, string>();
const weekdayCache = new Map<string, Weekday>();
const calendarCache = new Map<string, boolean>();
const addCache = new Map<string, string>();
function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  if (cache.size > 50_000) cache.clear();
  cache.set(key, value);
}

function truncate(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
