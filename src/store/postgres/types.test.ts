import { expect, it } from "vitest";
import { parseInt8 } from "./types.js";

it("reads a bigint as the JS number SQLite would return", () => {
  expect(parseInt8("42")).toBe(42);
  expect(parseInt8("-9007199254740991")).toBe(-9007199254740991);
});

it("refuses a bigint a JS number cannot hold exactly", () => {
  expect(() => parseInt8("9007199254740993")).toThrow(/does not fit a JS number/);
});
