import Table from "cli-table3";

/** Where a command writes; injectable so tests read what a person would see. */
export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const processOutput: Output = {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
};

/** Prints one JSON document (for --json) so scripts can parse stdout whole. */
export function printJson(o: Output, value: unknown): void {
  o.out(JSON.stringify(value, null, 2));
}

/** The widest line a command prints for people (tables included). */
export const WIDTH = 100;

/** Wraps text at spaces to `width` columns; continuation lines start with `indent`. */
export function wrap(text: string, width = WIDTH, indent = ""): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (next.length > width && line) {
      lines.push(line);
      line = `${indent}${word}`;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines.join("\n");
}

/** A compact table for people, at most {@link WIDTH} columns wide: the widest columns wrap first. */
export function table(
  head: string[],
  rows: (string | number | null | undefined)[][],
  colWidths?: (number | null)[],
): string {
  const cells = rows.map((r) =>
    r.map((c) => (c === null || c === undefined ? "" : typeof c === "number" ? fmt(c) : c)),
  );
  if (colWidths) {
    const t = new Table({ head, style: { head: [], border: [] }, colWidths, wordWrap: true });
    for (const r of cells) t.push(r);
    return t.toString();
  }
  const widths = fitWidths([head, ...cells]);
  // Wrapped here, not by cli-table3: it cuts a word longer than its column (a file path) with "…".
  const t = new Table({
    head: head.map((h, i) => wrapCell(h, widths[i]! - 2)),
    style: { head: [], border: [] },
    colWidths: widths,
  });
  for (const r of cells) t.push(r.map((c, i) => wrapCell(c, widths[i]! - 2)));
  return t.toString();
}

/** A cell's text in lines of at most `width` characters: at spaces, and inside a longer word. */
function wrapCell(text: string, width: number): string {
  return text
    .split("\n")
    .flatMap((line) => {
      const out: string[] = [];
      for (const part of wrap(line, width).split("\n")) {
        for (let i = 0; i < part.length; i += width) out.push(part.slice(i, i + width));
      }
      return out.length ? out : [""];
    })
    .join("\n");
}

/** Column widths (padding included) that fit {@link WIDTH} with borders, narrowing the widest column first. */
function fitWidths(lines: string[][]): number[] {
  const n = Math.max(...lines.map((l) => l.length));
  const widths = Array.from(
    { length: n },
    (_, i) =>
      2 +
      Math.max(
        1,
        ...lines.map((l) =>
          Math.max(
            ...String(l[i] ?? "")
              .split("\n")
              .map((x) => x.length),
          ),
        ),
      ),
  );
  const total = () => widths.reduce((a, b) => a + b, 0) + n + 1;
  while (total() > WIDTH) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest]! <= 8) break; // too many columns to fit: leave them readable
    widths[widest]! -= 1;
  }
  return widths;
}

export function fmt(n: number): string {
  return Number.isInteger(n)
    ? n.toLocaleString("en-US")
    : n.toLocaleString("en-US", { maximumFractionDigits: 3 });
}
