import { DateTime } from "luxon";
import { civilDayNumber, dayNumber, digitsOf, isoOfDay, weekdayOfDay } from "../../domain/dates.js";
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
  if (!Number.isNaN(epochDay(isoDate))) return true;
  const d = new Date(`${isoDate}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === isoDate;
}

/** Adds days to an ISO date, in plain calendar arithmetic. */
export function addDays(isoDate: string, days: number): string {
  const day = epochDay(isoDate);
  if (!Number.isNaN(day) && Number.isInteger(days)) {
    // Most steps stay in the month (a week's end, the next day): only the day's digits change.
    const d = digitsOf(isoDate, 8, 10) + days;
    if (d >= 1 && d <= 28) return `${isoDate.slice(0, 8)}${d < 10 ? "0" : ""}${d}`;
    const out = civilDate(day + days);
    if (out !== undefined) return out;
  }
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The retail week (its ending date) that contains a local calendar day. */
export function retailWeekOf(localDate: string, weekEndsOn: Weekday): string {
  const day = epochDay(localDate);
  const isoDow = Number.isNaN(day)
    ? WEEKDAYS.indexOf(weekdayOf(localDate)) + 1
    : weekdayOfDay(day) + 1;
  const ahead = (weekdayNumber(weekEndsOn) - isoDow + 7) % 7;
  return ahead === 0 && !Number.isNaN(day) ? localDate : addDays(localDate, ahead);
}

/** The weekday name of an ISO date. */
export function weekdayOf(localDate: string): Weekday {
  const day = epochDay(localDate);
  if (!Number.isNaN(day)) return WEEKDAYS[weekdayOfDay(day)]!;
  return WEEKDAYS[(new Date(`${localDate}T00:00:00Z`).getUTCDay() + 6) % 7]!;
}

// Feeds repeat the same few hundred dates millions of times, and parsing a Date per row was the
// cost: a strict YYYY-MM-DD is read digit by digit and counted in days, with no cache to keep.
// Anything else takes Date's own path above, so odd inputs answer exactly as Date does.

/** Days since 1970-01-01 of a strict `YYYY-MM-DD` naming a real day; NaN for anything else. */
function epochDay(iso: string): number {
  if (iso.length !== 10 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) return NaN;
  const y = digitsOf(iso, 0, 4);
  const m = digitsOf(iso, 5, 7);
  const d = digitsOf(iso, 8, 10);
  if (!(m >= 1 && m <= 12 && d >= 1 && d <= monthLength(y, m))) return NaN;
  return civilDayNumber(y, m, d);
}

function monthLength(y: number, m: number): number {
  if (m !== 2) return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
}

/** Day numbers whose dates `isoOfDay` writes as Date does (four-digit years). */
const FIRST_DAY = dayNumber("1000-01-01");
const LAST_DAY = dayNumber("9999-12-31");

/** `YYYY-MM-DD` of a day number, or undefined outside years 1000–9999 (Date writes those). */
function civilDate(day: number): string | undefined {
  return day >= FIRST_DAY && day <= LAST_DAY ? isoOfDay(day) : undefined;
}

function truncate(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
