import { describe, expect, it } from "vitest";
import { formatWhole } from "./format.js";

describe("formatWhole", () => {
  it("rounds and groups thousands as en-US does", () => {
    for (const x of [0, 7, -7, 999.4, 999.5, 1000, -1234.5, 12345, 1234567.89, -98765432, 0.4]) {
      expect(formatWhole(x)).toBe(Math.round(x).toLocaleString("en-US"));
    }
    expect(formatWhole(-0.4)).toBe("0"); // not Intl's "-0"
  });
});
