import { isCalendarDate, normaliseTime, type NormalisedTime } from "./time.js";

const LOCAL_STAMP = /^(\d{4}-\d{2}-\d{2})[ T]([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/;

/**
 * Zone-less local stamps of one zone to UTC, with normaliseTime's answers. A zone lookup per row
 * was a fifth of an ingest's time, and zones change their offset only on the hour, so each local
 * hour is resolved once: one object lives as long as one ingest (see Harmoniser.zoneHours).
 */
export class ZoneHours {
  /** UTC offset (ms) by local `YYYY-MM-DD HH`. */
  private readonly offsets = new Map<string, number>();

  constructor(readonly zone: string) {}

  /** `value` in UTC and its local day; forms other than a local stamp go to normaliseTime. */
  normalise(value: string, field: string): NormalisedTime {
    const v = value.trim();
    const m = LOCAL_STAMP.exec(v);
    if (!m || !isCalendarDate(m[1]!)) return normaliseTime(v, this.zone, field);
    const utc = new Date(
      Date.parse(`${v.replace(" ", "T")}Z`) - this.offset(`${m[1]} ${m[2]}`, field),
    )
      .toISOString()
      .replace(".000Z", "Z");
    return { utc, localDate: m[1]! };
  }

  private offset(hourKey: string, field: string): number {
    let offset = this.offsets.get(hourKey);
    if (offset === undefined) {
      const hour = normaliseTime(`${hourKey}:00:00`, this.zone, field);
      offset = Date.parse(`${hourKey.replace(" ", "T")}:00:00Z`) - Date.parse(hour.utc);
      this.offsets.set(hourKey, offset);
    }
    return offset;
  }
}
