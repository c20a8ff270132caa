import { describe, expect, it } from "vitest";
import { table, wrap, WIDTH } from "./output.js";

const widest = (text: string) => Math.max(...text.split("\n").map((l) => l.length));

describe("tables and lines for people", () => {
  it("fit 100 columns, wrapping the widest column, and keep every word", () => {
    const long = "../shared/data/breakfast-at-the-frat/transactions.csv (a long path to a file)";
    const text = table(
      ["kind", "file", "read", "new", "corrected", "duplicates", "quarantined"],
      [["sales", long, 420984, 420983, 0, 0, 1]],
    );
    expect(widest(text)).toBeLessThanOrEqual(WIDTH);
    expect(text.replace(/[│\s]+/g, " ")).toContain("420,983");
    expect(text).toContain("transactions.csv");
  });

  it("leave narrow tables at their natural width", () => {
    expect(widest(table(["a", "b"], [["x", 1]]))).toBeLessThan(20);
  });

  it("wrap long sentences at spaces with an indent", () => {
    const text = wrap("word ".repeat(60).trim(), WIDTH, "  ");
    expect(widest(text)).toBeLessThanOrEqual(WIDTH);
    expect(text.split("\n")[1]).toMatch(/^ {2}word/);
  });

  it("carry no escape codes (colours would end up in files and logs)", () => {
    // eslint-disable-next-line no-control-regex
    expect(table(["h"], [["v"]])).not.toMatch(/\u001b\[/);
  });
});
