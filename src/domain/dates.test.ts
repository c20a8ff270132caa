import { describe, expect, it } from "vitest";
import { addDays, daysBetween, weekOf } from "./dates.js";

/** The Date-based definitions the integer arithmetic replaces. */
const viaDate = (iso: string, n: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe("calendar arithmetic on ISO dates", () => {
  it("agrees with Date for every day of 1899–2101 and shifts across months, leap days and centuries", () => {
    let bad = 0;
    for (let d = "1899-01-01"; d < "2102-01-01"; d = viaDate(d, 1)) {
      for (const n of [-366, -29, -1, 1, 13, 365]) if (addDays(d, n) !== viaDate(d, n)) bad++;
      const dow = (new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7;
      if (weekOf(d).from !== viaDate(d, -dow)) bad++;
    }
    expect(bad).toBe(0);
    expect([addDays("2024-02-28", 1), addDays("2100-02-28", 1), addDays("2000-02-28", 1)]).toEqual([
      "2024-02-29",
      "2100-03-01",
      "2000-02-29",
    ]);
    expect(daysBetween("2024-01-01", "2025-01-01")).toBe(366);
    expect(addDays("2026-11-23T18:00:00Z", 7)).toBe("2026-11-30");
  });
});
