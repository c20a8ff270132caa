import { writeFileSync } from "node:fs";
import fc from "fast-check";
import { parse } from "csv-parse";
import { afterAll, describe, expect, it } from "vitest";
import { scratchDir } from "../../../test/helpers.js";
import { csvRecords, type CsvItem } from "./csv-records.js";

const tmp = scratchDir();
afterAll(() => tmp.cleanup());
let n = 0;

/** What csv-parse alone makes of the bytes, with the options and line capture the reader had before. */
async function reference(bytes: Buffer): Promise<CsvItem[]> {
  const items: CsvItem[] = [];
  const parser = parse({
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    skip_records_with_error: true,
    on_record: (record: string[], ctx: { lines: number }) => {
      items.push({ line: ctx.lines, record });
      return null;
    },
  });
  parser.on("skip", (err: Error & { lines?: number }) =>
    items.push({ line: err.lines ?? 0, malformed: err.message }),
  );
  await new Promise<void>((resolve) => {
    parser.on("finish", resolve);
    parser.on("error", () => resolve());
    parser.end(bytes);
  });
  return items;
}

async function ours(bytes: Buffer): Promise<CsvItem[]> {
  const file = tmp.file(`c${++n}.csv`, "");
  writeFileSync(file, bytes);
  const out: CsvItem[] = [];
  for await (const items of csvRecords(file)) out.push(...items);
  return out;
}

const TOKENS = [
  "a",
  "17",
  "2.5",
  ",",
  ",",
  ",",
  "\n",
  "\n",
  "\r\n",
  "\r",
  '"',
  '""',
  " ",
  "é",
  "🙂",
  "\u0000",
  "x,y",
];
const BYTES = [
  Buffer.from([0xef, 0xbb, 0xbf]),
  Buffer.from([0xff, 0xfe]),
  Buffer.from([0xc3]),
  Buffer.from([0xe2, 0x82]),
];

const csvBytes = fc
  .tuple(
    fc.constantFrom("", "", "", "bom", "utf16"),
    fc.array(
      fc.oneof(
        { weight: 20, arbitrary: fc.constantFrom(...TOKENS) },
        { weight: 1, arbitrary: fc.constantFrom(...BYTES) },
      ),
      { maxLength: 60 },
    ),
  )
  .map(([start, parts]) => {
    const head = start === "bom" ? [BYTES[0]!] : start === "utf16" ? [BYTES[1]!] : [];
    return Buffer.concat([
      ...head,
      ...parts.map((p) => (typeof p === "string" ? Buffer.from(p) : p)),
    ]);
  });

describe("csvRecords", () => {
  it("yields exactly what csv-parse yields, lines and malformed rows included", async () => {
    await fc.assert(
      fc.asyncProperty(csvBytes, async (bytes) => {
        expect(await ours(bytes)).toEqual(await reference(bytes));
      }),
      { seed: 4242, numRuns: 600 },
    );
  });

  it("agrees across chunk boundaries, and hands over to csv-parse at the first quoted line", async () => {
    const lines = Array.from(
      { length: 12_000 },
      (_, i) => `${i},é${i % 7},${"z".repeat(i % 13)},2024-01-0${(i % 9) + 1}`,
    );
    const plain = `a,b,c,d\n${lines.join("\n")}\n`;
    const quoted = plain.replace("\n9000,", '\n"9000",').replace("\n11000,", '\n"11,0"00",');
    const crlf = `a,b\r\n${lines.join("\r\n")}\r\n`.replace("\r\n11500,", "\n11500,");
    const tail = `${plain}last,row,no,newline`;
    // The reader's chunks are 256 KiB: put a CRLF across the first boundary.
    const split = `a,b\r\n${"x".repeat((256 << 10) - 6)}\r\n${lines.join("\r\n")}\r\n`;
    for (const text of [plain, quoted, crlf, tail, split]) {
      const bytes = Buffer.from(text);
      const got = await ours(bytes);
      expect(got.length).toBeGreaterThan(11_000);
      expect(got).toEqual(await reference(bytes));
    }
  });
});
