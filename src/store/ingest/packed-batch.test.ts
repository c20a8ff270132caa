import { describe, expect, it } from "vitest";
import { pack, transferables, unpack } from "./packed-batch.js";
import type { PreparedRow } from "./prepare.js";

describe("packed batches", () => {
  it("unpack(pack(rows)) gives back the rows: NULLs, -0, long and repeated strings, rejections in place", () => {
    const hash = "q0vQ2ZmJ3dKk8lF0mX3S0n3o1vE=";
    const rows: PreparedRow[] = [
      {
        line: 2,
        field: "units",
        reason: "units '-3': must not be negative",
        raw: '{"units":"-3"}',
      },
      { line: 3, params: ["pos", null, "A1", "DE", "B1", 1.25, -0, 0, "x".repeat(300), hash] },
      { line: 5, params: ["pos", "e1", "A1", "DE", null, 1e308, 5e-324, 7, "", `${hash}2`] },
      { line: 6, reason: "row has 3 fields, the header has 9", raw: "a,b,c" },
      { line: 9, params: ["pos", null, "B2", "DE", "B1", 3, 2.5, 1, "Ω≈ç√ 🙂", hash] },
    ];
    const packed = pack(rows, 10);
    expect(packed.strings.filter((s) => s === "pos")).toHaveLength(1);
    const back = unpack(structuredClone(packed, { transfer: transferables(packed) }));
    expect(back).toEqual(rows);
    expect(Object.is((back[1] as { params: unknown[] }).params[6], -0)).toBe(true);
  });

  it("packs an empty batch", () => {
    expect(unpack(pack([], 19))).toEqual([]);
  });
});
