import { expect, it } from "vitest";
import { TableChecksum } from "./checksum.js";

const of = (rows: unknown[][]) => {
  const c = new TableChecksum();
  rows.forEach((r) => c.add(r));
  return c.hex;
};

it("ignores row order", () => {
  expect(
    of([
      [1, "a"],
      [2, null],
    ]),
  ).toBe(
    of([
      [2, null],
      [1, "a"],
    ]),
  );
});

it("tells apart values SQLite and Postgres could confuse", () => {
  const base = of([[1, "a"]]);
  expect(of([["1", "a"]])).not.toBe(base); // a number read back as text
  expect(of([[1.5, "a"]])).not.toBe(base);
  expect(of([[1, null]])).not.toBe(base);
  expect(of([[1, Buffer.from("a")]])).not.toBe(base); // text in a BLOB column read back as bytes
  expect(of([[Infinity]])).not.toBe(of([[null]]));
  expect(of([["ab", "c"]])).not.toBe(of([["a", "bc"]]));
  expect(
    of([
      [1, "a"],
      [1, "a"],
    ]),
  ).not.toBe(base); // a duplicated row
});
