import { describe, expect, it } from "vitest";
import { normaliseTime } from "../../harmonise/time.js";
import { CJ_TIME_ZONE, receiptTime } from "./kinds.js";

describe("receiptTime", () => {
  it("gives normaliseTime's answer for local stamps, DST changes included", () => {
    const stamps = [
      "2017-01-28 14:06:53",
      "2017-03-12 01:59:59",
      "2017-03-12 02:30:00",
      "2017-03-12 03:00:01",
      "2017-11-05 00:59:59",
      "2017-11-05 01:30:00",
      "2017-11-05 02:00:00",
      "2017-12-31 23:59:59",
    ];
    for (let d = 0; d < 365; d += 7)
      stamps.push(
        `${new Date(Date.UTC(2017, 0, 1 + d)).toISOString().slice(0, 10)} ${String(d % 24).padStart(2, "0")}:${String(d % 60).padStart(2, "0")}:07`,
      );
    for (const s of stamps)
      expect(receiptTime(s, "t")).toEqual(normaliseTime(s, CJ_TIME_ZONE, "t"));
  });

  it("leaves other forms and bad values to normaliseTime, naming the field", () => {
    expect(receiptTime("2017-06-01T10:00:00+02:00", "t")).toEqual(
      normaliseTime("2017-06-01T10:00:00+02:00", CJ_TIME_ZONE, "t"),
    );
    expect(() => receiptTime("2017-02-30 10:00:00", "transaction_timestamp")).toThrow(
      /transaction_timestamp/,
    );
    expect(() => receiptTime("yesterday noon", "transaction_timestamp")).toThrow(/unparsable/);
  });
});
