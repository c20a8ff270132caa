import fc from "fast-check";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { INGEST_KINDS, kindSpec } from "../kinds/index.js";
import { rowParser, withoutBlanks } from "./row-parser.js";

/** Cells as CSV, JSON Lines and in-memory datasets send them, valid and not. */
const CELLS = [
  "A1",
  "B1",
  "DE",
  "US-OH",
  " A1 ",
  "",
  " ",
  "\t",
  "2024-03-02",
  "2024-02-30",
  "2024-03-01T10:00:00+01:00",
  "2024-03-01 10:00",
  "0",
  "1",
  "-1",
  "3",
  "12.5",
  "1e308",
  "1e309",
  "-0",
  "0x1A",
  "1,5",
  "NaN",
  " 7 ",
  "true",
  "false",
  "yes",
  "n",
  "Y",
  "unit",
  "case",
  "PACK",
  "crate",
  "store",
  "ecommerce",
  "fax",
  "day",
  "week",
  "month",
  "eur",
  "USD",
  "EURO",
  "saturday",
  "Wednesday",
  "search_interest",
  "Bad Kind",
  "Europe/Berlin",
  "x".repeat(300),
  0,
  -0,
  1,
  2.5,
  -3,
  1e308,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  false,
  null,
  undefined,
  {},
  [],
  { a: 1 },
];

function keysOf(schema: z.ZodType): string[] {
  return Object.keys((schema as unknown as { shape: Record<string, unknown> }).shape);
}

describe("rowParser", () => {
  it.each([...INGEST_KINDS])(
    "%s: parses every row exactly as the schema does, cached or not",
    (kind) => {
      const schema = kindSpec(kind).rowSchema;
      const keys = [...keysOf(schema), "unknownColumn"];
      const parse = rowParser(schema);
      const record = fc.dictionary(fc.constantFrom(...keys), fc.constantFrom(...CELLS), {
        maxKeys: keys.length,
      });
      fc.assert(
        fc.property(fc.array(record, { minLength: 1, maxLength: 8 }), (rows) => {
          // Twice over, so the second pass answers from the cache.
          for (const row of [...rows, ...rows]) {
            const expected = schema.safeParse(row);
            const got = parse(row);
            expect(got.success).toBe(expected.success);
            if (expected.success) expect(got.data).toStrictEqual(expected.data);
            else expect(got.error?.issues).toEqual(expected.error.issues);
          }
        }),
        { seed: 7, numRuns: 150 },
      );
    },
  );

  it.each([...INGEST_KINDS])(
    "%s: with blankIsAbsent, parses as the schema does once blank cells are removed",
    (kind) => {
      const schema = kindSpec(kind).rowSchema;
      const keys = [...keysOf(schema), "unknownColumn"];
      const parse = rowParser(schema, { blankIsAbsent: true });
      const record = fc.dictionary(fc.constantFrom(...keys), fc.constantFrom(...CELLS), {
        maxKeys: keys.length,
      });
      fc.assert(
        fc.property(fc.array(record, { minLength: 1, maxLength: 8 }), (rows) => {
          for (const row of [...rows, ...rows]) {
            const expected = schema.safeParse(withoutBlanks(row));
            const got = parse(row);
            expect(got.success).toBe(expected.success);
            if (expected.success) expect(got.data).toStrictEqual(expected.data);
            else expect(got.error?.issues).toEqual(expected.error.issues);
          }
        }),
        { seed: 11, numRuns: 100 },
      );
    },
  );

  it("does not read a cell from a record's prototype when blanks are removed", () => {
    const schema = kindSpec("sales").rowSchema;
    const polluted = JSON.parse(
      '{"__proto__": {"sku": "A1", "date": "2024-03-02", "units": "1"}}',
    ) as Record<string, unknown>;
    const normalised: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(polluted)) normalised[k] = v;
    expect(rowParser(schema, { blankIsAbsent: true })(normalised).success).toBe(
      schema.safeParse(withoutBlanks(normalised)).success,
    );
    expect(rowParser(schema, { blankIsAbsent: true })(normalised).success).toBe(false);
  });

  it("keeps -0 apart from 0 and never shares an object between rows", () => {
    const parse = rowParser(z.object({ n: z.number(), o: z.object({ a: z.number() }).optional() }));
    expect(Object.is(parse({ n: 0 }).data?.n, 0)).toBe(true);
    expect(Object.is(parse({ n: -0 }).data?.n, -0)).toBe(true);
    const [a, b] = [parse({ n: 1, o: { a: 1 } }).data?.o, parse({ n: 1, o: { a: 1 } }).data?.o];
    expect(a).toEqual(b);
    expect(a).not.toBe(b);
  });

  it("parses schemas with object-level rules whole", () => {
    const schema = z
      .object({ a: z.number(), b: z.number() })
      .refine((r) => r.a < r.b, "a must be below b");
    expect(rowParser(schema)({ a: 2, b: 1 }).success).toBe(false);
    expect(rowParser(z.strictObject({ a: z.number() }))({ a: 1, b: 2 }).success).toBe(false);
  });
});
