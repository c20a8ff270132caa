import { describe, expect, it } from "vitest";
import { WEEKDAYS } from "../../domain/index.js";
import { addDays, isCalendarDate, retailWeekOf, weekdayOf } from "./time.js";

// The date functions count days by hand; Date's own answers are the oracle, odd inputs included.
const viaDate = {
  add(iso: string, days: number): string {
    const d = new Date(`${iso}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  },
  isCalendar(iso: string): boolean {
    const d = new Date(`${iso}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
  },
  weekday: (iso: string) => WEEKDAYS[(new Date(`${iso}T00:00:00Z`).getUTCDay() + 6) % 7],
};

/** The answer or the error's name, so throwing inputs compare too. */
function outcome(f: () => unknown): unknown {
  try {
    return f();
  } catch (e) {
    return `throws ${(e as Error).name}`;
  }
}

const pad = (n: number, w: number) => String(n).padStart(w, "0");
const dates: string[] = [];
for (const y of [0, 99, 100, 1900, 1970, 2000, 2023, 2024, 2100, 9999])
  for (let m = 0; m <= 13; m++)
    for (let d = 0; d <= 32; d++) dates.push(`${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);
dates.push("2024-1-05", "2024-02-3a", " 2024-01-01", "+010000-01", "2024/01/01", "");

describe("date arithmetic", () => {
  it("answers as Date does for every day of the test years and for odd inputs", () => {
    for (const iso of dates) {
      expect(isCalendarDate(iso), iso).toBe(viaDate.isCalendar(iso));
      expect(
        outcome(() => weekdayOf(iso)),
        iso,
      ).toEqual(outcome(() => viaDate.weekday(iso)));
      for (const k of [-800_000, -366, -29, -1, 0, 1, 3, 27, 29, 365, 3_000_000, 0.5])
        expect(
          outcome(() => addDays(iso, k)),
          `${iso} + ${k}`,
        ).toEqual(outcome(() => viaDate.add(iso, k)));
    }
  });

  it("puts a day in the retail week ending on the market's weekday", () => {
    expect(retailWeekOf("2024-02-26", "sunday")).toBe("2024-03-03");
    expect(retailWeekOf("2024-03-03", "sunday")).toBe("2024-03-03");
    expect(retailWeekOf("2023-12-31", "saturday")).toBe("2024-01-06");
    for (const iso of dates.filter((d) => viaDate.isCalendar(d) && d > "1970" && d < "9999"))
      for (const end of WEEKDAYS) {
        const week = retailWeekOf(iso, end);
        expect(weekdayOf(week)).toBe(end);
        const ahead = (Date.parse(week) - Date.parse(iso)) / 86_400_000;
        expect(ahead >= 0 && ahead < 7, `${iso} → ${week}`).toBe(true);
      }
  });
});
