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

/** A compact table for people. */
export function table(head: string[], rows: (string | number | null | undefined)[][], colWidths?: (number | null)[]): string {
  const t = new Table({ head, style: { head: [], border: [] }, ...(colWidths ? { colWidths, wordWrap: true } : {}) });
  for (const r of rows) t.push(r.map((c) => (c === null || c === undefined ? "" : typeof c === "number" ? fmt(c) : c)));
  return t.toString();
}

export function fmt(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString("en-US") : n.toLocaleString("en-US", { maximumFractionDigits: 3 });
}
