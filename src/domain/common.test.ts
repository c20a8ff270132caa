import { describe, expect, it } from "vitest";
import { z } from "zod";
import { idSchema, isoDateSchema, num, optStr, reqStr, textProblem } from "./common.js";
import { salesFeedRowSchema } from "./feeds.js";

// Issue #26, item 4: input that does not mean what it says is refused, not coerced.
describe("strict input", () => {
  it("numbers are JSON numbers or plain decimal strings, finite and within range", () => {
    const n = num();
    for (const ok of [4, 0, -3.5, "4", "4.25", "-0.5", "+2", ".5", "7."])
      expect(n.safeParse(ok).success, String(ok)).toBe(true);
    expect(n.parse("4.25")).toBe(4.25);
    for (const bad of [
      true,
      false,
      [4],
      { v: 4 },
      "0x10",
      " 4 ",
      "4 ",
      "1e3",
      "1,5",
      "NaN",
      "Infinity",
      Infinity,
      Number.NaN,
      1e308,
      -1e13,
    ]) {
      expect(n.safeParse(bad).success, JSON.stringify(bad) ?? String(bad)).toBe(false);
    }
    expect(num(10).safeParse(11).success).toBe(false);
  });

  it("dates carry a year from 1900 to 2200", () => {
    for (const ok of ["1900-01-01", "2024-02-29", "2200-12-31"])
      expect(isoDateSchema.safeParse(ok).success, ok).toBe(true);
    for (const bad of ["1899-12-31", "2201-01-01", "9999-12-29", "+099999-01-01", "2023-02-29"])
      expect(isoDateSchema.safeParse(bad).success, bad).toBe(false);
    const row = { sku: "A", location: "S1", units: 1, revenue: 2 };
    for (const date of ["+099999-01-01", "9999-12-29", "0001-01-01", "+010000-01-01T00:00:00Z"]) {
      const r = salesFeedRowSchema.safeParse({ ...row, date });
      expect(r.success, date).toBe(false);
      expect(r.error?.issues[0]?.message).toMatch(/year from 1900 to 2200/);
    }
    expect(
      salesFeedRowSchema.safeParse({ ...row, date: "2024-03-01T10:00:00+01:00" }).success,
    ).toBe(true);
  });

  it("feed amounts have a field range: a billion units or a 1e308 price is refused", () => {
    const row = { sku: "A", location: "S1", date: "2024-03-01", units: 1 };
    expect(salesFeedRowSchema.safeParse({ ...row, pricePaid: 3.49 }).success).toBe(true);
    expect(salesFeedRowSchema.safeParse({ ...row, pricePaid: 1e308 }).success).toBe(false);
    expect(salesFeedRowSchema.safeParse({ ...row, units: 2e9 }).success).toBe(false);
    expect(salesFeedRowSchema.safeParse({ ...row, pricePaid: true }).success).toBe(false);
  });

  it("text is valid Unicode with no control characters other than tab and newline", () => {
    for (const s of [
      idSchema,
      z.object({ v: reqStr() }).transform((o) => o.v),
      z.object({ v: optStr() }).transform((o) => o.v),
    ]) {
      const parse = (v: string) => (s === idSchema ? s.safeParse(v) : s.safeParse({ v }));
      expect(parse("Grüße 👋\tnext\nline").success).toBe(true);
      for (const bad of [
        "a\u0000b",
        "a\uD800",
        "\uDC00z",
        "bell\u0007",
        "c\rr",
        "del\u007F",
        "c1\u0085",
      ])
        expect(parse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(textProblem("x\u0000")).toBe(
      "control character U+0000 (only tab and newline are allowed)",
    );
    expect(textProblem("x\uD83D")).toMatch(/lone surrogate/);
    expect(textProblem("\uD83D\uDC4B")).toBeUndefined();
  });
});
