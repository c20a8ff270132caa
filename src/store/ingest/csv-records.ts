import { createReadStream } from "node:fs";
import { parse } from "csv-parse";

/** One CSV record with the file line it ends on, or a record the parser skipped as malformed. */
export type CsvItem = { line: number; record: string[] } | { line: number; malformed: string };

const LF = 10;
const CR = 13;
const QUOTE = 34;
const CHUNK = 256 << 10;

/**
 * The records csv-parse yields with our options (bom, skip_empty_lines, relax_column_count,
 * skip_records_with_error), each with its line. Plain lines — no quote, the file's one line ending —
 * are split here: csv-parse reads them the same way but at several times the cost, most of it in
 * the per-record context it builds for line numbers. At the first line that is not plain, the file
 * is handed to csv-parse from the start and its records from that line on are yielded, so quoting,
 * odd line endings and malformed rows keep csv-parse's exact behaviour and messages.
 */
export async function* csvRecords(file: string): AsyncGenerator<CsvItem[]> {
  const plain = plainLines(file);
  let fallbackFrom = 0;
  for await (const step of plain) {
    if (typeof step === "number") {
      fallbackFrom = step;
      break;
    }
    yield step;
  }
  if (fallbackFrom === 0) return;
  for await (const items of parsedRecords(file)) {
    const rest = items.filter((i) => i.line >= fallbackFrom);
    if (rest.length) yield rest;
  }
}

/** Records of plain lines; ends with the number of the first line that is not plain, if any. */
async function* plainLines(file: string): AsyncGenerator<CsvItem[] | number> {
  const input = createReadStream(file, { highWaterMark: CHUNK });
  try {
    let line = 1;
    let eol: "lf" | "crlf" | undefined;
    let carry: Buffer | undefined;
    let first = true;
    for await (const chunk of input as AsyncIterable<Buffer>) {
      const buf = carry ? Buffer.concat([carry, chunk]) : chunk;
      carry = undefined;
      let pos = 0;
      if (first) {
        first = false;
        // csv-parse looks for a BOM in the first 3 bytes; UTF-16 (FF FE) switches its decoding.
        if (buf.length < 3 || (buf[0] === 0xff && buf[1] === 0xfe)) return yield 1;
        if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) pos = 3;
      }
      const items: CsvItem[] = [];
      let quoteAt = buf.indexOf(QUOTE, pos);
      let crAt = buf.indexOf(CR, pos);
      for (;;) {
        const nl = buf.indexOf(LF, pos);
        if (nl < 0) break;
        if (quoteAt >= 0 && quoteAt < pos) quoteAt = buf.indexOf(QUOTE, pos);
        if (crAt >= 0 && crAt < pos) crAt = buf.indexOf(CR, pos);
        // csv-parse takes the first line's ending for the whole file; any other CR is field text.
        eol ??= crAt >= 0 && crAt < nl ? (crAt === nl - 1 ? "crlf" : undefined) : "lf";
        const end = eol === "crlf" ? nl - 1 : nl;
        const plainEnding = eol === "crlf" ? crAt === end : eol === "lf" && (crAt < 0 || crAt > nl);
        if (!plainEnding || (quoteAt >= 0 && quoteAt < nl)) {
          if (items.length) yield items;
          return yield line;
        }
        if (end > pos) items.push({ line, record: buf.toString("utf8", pos, end).split(",") });
        line++;
        pos = nl + 1;
      }
      if (items.length) yield items;
      if (pos < buf.length) {
        carry = buf.subarray(pos);
        // Known not plain before its end (a quote, or a CR that is not the first half of CRLF): hand over
        // now rather than buffer a file of CR-only line endings whole.
        const cr = carry.indexOf(CR);
        if (carry.includes(QUOTE) || (cr >= 0 && (eol === "lf" || cr !== carry.length - 1)))
          return yield line;
      }
    }
    if (carry) {
      // The last line has no line ending: plain only without a quote or any CR.
      if (carry.includes(QUOTE) || carry.includes(CR)) return yield line;
      yield [{ line, record: carry.toString("utf8").split(",") }];
    }
  } finally {
    input.destroy();
  }
}

/** csv-parse over the whole file: records and skipped rows in file order, each with its line. */
async function* parsedRecords(file: string): AsyncGenerator<CsvItem[]> {
  let items: CsvItem[] = [];
  let failure: Error | undefined;
  const parser = parse({
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    skip_records_with_error: true,
    // Collected here rather than read from the stream, so skipped rows keep their place in the file.
    on_record: (record: string[], ctx: { lines: number }) => {
      items.push({ line: ctx.lines, record });
      return null;
    },
  });
  parser.on("skip", (err: Error & { lines?: number }) =>
    items.push({ line: err.lines ?? 0, malformed: err.message }),
  );
  parser.on("error", (e: Error) => (failure ??= e));
  const take = () => {
    if (failure) throw failure;
    const out = items;
    items = [];
    return out;
  };
  for await (const chunk of createReadStream(file, {
    highWaterMark: CHUNK,
  }) as AsyncIterable<Buffer>) {
    parser.write(chunk);
    const out = take();
    if (out.length) yield out;
  }
  await new Promise<void>((resolve) => {
    parser.once("finish", resolve);
    parser.once("error", () => resolve());
    parser.end();
  });
  const out = take();
  if (out.length) yield out;
}
