import { createReadStream, existsSync } from "node:fs";
import { parse } from "csv-parse";
import { TargetingError } from "./errors.js";
import {
  ARMS,
  REQUIRED_COLUMNS,
  hillstromRowSchema,
  type HillstromFile,
  type HillstromRow,
  type RejectedRow,
} from "./hillstrom.js";

interface ParsedLine {
  record: string[];
  info: { lines: number };
}

function toRow(cells: string[], col: Map<string, number>, row: number): HillstromRow | string {
  const get = (c: string): string => (cells[col.get(c)!] ?? "").trim();
  const num = (c: string): number => (get(c) === "" ? Number.NaN : Number(get(c)));
  const arm = (ARMS as readonly string[]).indexOf(get("segment"));
  if (arm < 0) return `segment: unknown arm "${get("segment")}" (expected ${ARMS.join(", ")})`;
  const parsed = hillstromRowSchema.safeParse({
    row,
    recency: num("recency"),
    history: num("history"),
    mens: num("mens"),
    womens: num("womens"),
    zipCode: get("zip_code"),
    newbie: num("newbie"),
    channel: get("channel"),
    arm,
    visit: num("visit"),
    conversion: num("conversion"),
    spend: num("spend"),
  });
  if (parsed.success) return parsed.data;
  return parsed.error.issues.map((i) => `${String(i.path[0] ?? "?")}: ${i.message}`).join("; ");
}

/**
 * Stream a CSV in the Hillstrom layout. A missing column fails the whole file (naming file and
 * column); a bad row is set aside with its line number so one typo does not lose the file.
 */
export async function loadHillstrom(file: string): Promise<HillstromFile> {
  if (!existsSync(file))
    throw new TargetingError("FILE_NOT_FOUND", `${file}: file not found`, { file });
  const parser = createReadStream(file).pipe(
    parse({ columns: false, skip_empty_lines: true, info: true, relax_column_count: true }),
  );
  let col: Map<string, number> | undefined;
  let header: string[] = [];
  const rows: HillstromRow[] = [];
  const rejected: RejectedRow[] = [];
  let dataRow = 0;
  for await (const { record, info } of parser as AsyncIterable<ParsedLine>) {
    if (!col) {
      header = record.map((c) => c.trim());
      col = new Map(header.map((c, i) => [c, i]));
      for (const c of REQUIRED_COLUMNS) {
        if (!col.has(c))
          throw new TargetingError(
            "MISSING_COLUMN",
            `${file}: missing column "${c}" (header: ${header.join(",")})`,
            { file, column: c },
          );
      }
      continue;
    }
    dataRow++;
    if (record.length !== header.length) {
      rejected.push({
        line: info.lines,
        row: dataRow,
        reason: `${record.length} cells, header has ${header.length}`,
      });
      continue;
    }
    const r = toRow(record, col, dataRow);
    if (typeof r === "string") rejected.push({ line: info.lines, row: dataRow, reason: r });
    else rows.push(r);
  }
  if (rows.length === 0)
    throw new TargetingError(
      "NO_VALID_ROWS",
      `${file}: no valid data rows (${rejected.length} rejected)`,
      { file },
    );
  return { file, rows, rejected, header };
}
