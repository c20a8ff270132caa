import type { Command } from "commander";
import { InputError } from "../../errors.js";
import {
  ingestFile,
  ingestCompleteJourney,
  ingestDunnhumbyBtf,
  INGEST_KINDS,
  type IngestReport,
} from "../../store/index.js";
import { withCommon, withDb, type CommonOptions } from "../context.js";
import { printJson, table, type Output } from "../output.js";

/** Exit code when the input was read but some rows went to quarantine. */
export const EXIT_ROWS_REJECTED = 2;

interface IngestOptions extends CommonOptions {
  source?: string;
  format?: string;
}

/** `autopromo ingest <kind> <file>` and `autopromo ingest --format dunnhumby-btf <dir>`. */
export function registerIngestCommand(program: Command, o: Output): void {
  withCommon(
    program
      .command("ingest")
      .argument(
        "<kind-or-dir>",
        `one of ${INGEST_KINDS.join(", ")}; or the export folder with --format dunnhumby-btf | complete-journey`,
      )
      .argument("[file]", "CSV or JSON Lines file")
      .description(
        "store a feed, harmonised; rejected rows are quarantined (exit 2 when any were)",
      ),
  )
    .option(
      "--source <name>",
      "source system name; SKU aliases are looked up under it (default: file name)",
    )
    .option(
      "--format <format>",
      "csv | jsonl (default: from the extension) | dunnhumby-btf | complete-journey (a folder)",
    )
    .action(async (kindOrDir: string, file: string | undefined, opts: IngestOptions) => {
      if (opts.format === "dunnhumby-btf") {
        const r = await withDb(opts, (db) => ingestDunnhumbyBtf(db, kindOrDir));
        if (opts.json) printJson(o, r);
        else {
          o.out(renderReports([r.markets, r.stores, r.products, r.sales]));
          for (const n of r.notes) o.out(`note: ${n}`);
        }
        if ([r.markets, r.stores, r.products, r.sales].some((x) => x.quarantined > 0))
          process.exitCode = EXIT_ROWS_REJECTED;
        return;
      }
      if (opts.format === "complete-journey") {
        const r = await withDb(opts, (db) => ingestCompleteJourney(db, kindOrDir));
        const reports = [
          r.products,
          r.households,
          r.campaigns,
          r.campaignTargets,
          r.coupons,
          r.redemptions,
          r.basketLines,
        ];
        if (opts.json) printJson(o, r);
        else {
          o.out(renderReports(reports));
          for (const n of r.notes) o.out(`note: ${n}`);
        }
        if (reports.some((x) => x.quarantined > 0)) process.exitCode = EXIT_ROWS_REJECTED;
        return;
      }
      if (!file)
        throw new InputError(
          "INVALID_INPUT",
          "ingest needs <kind> <file> (or --format dunnhumby-btf <dir>)",
        );
      const report = await withDb(opts, (db) =>
        ingestFile(db, {
          kind: kindOrDir,
          file,
          ...(opts.source ? { source: opts.source } : {}),
          ...(opts.format ? { format: opts.format } : {}),
        }),
      );
      if (opts.json) printJson(o, report);
      else o.out(renderReports([report]));
      if (report.quarantined > 0) process.exitCode = EXIT_ROWS_REJECTED;
    });
}

/** One line per ingest, then the first rejections. */
export function renderReports(reports: IngestReport[]): string {
  const lines = [
    table(
      ["kind", "file", "read", "new", "corrected", "duplicates", "quarantined"],
      reports.map((r) => [
        r.kind,
        r.file,
        r.rowsRead,
        r.stored,
        r.corrected,
        r.duplicates,
        r.quarantined,
      ]),
    ),
  ];
  for (const r of reports) {
    if (r.rowsRead > 0 && r.stored === 0 && r.corrected === 0)
      lines.push(`${r.kind}: nothing new to store (${r.duplicates} already stored)`);
    for (const x of r.rejections.slice(0, 10))
      lines.push(`  ${r.file}:${x.line} ${x.field ?? ""} — ${x.reason}`);
    if (r.quarantined > 10)
      lines.push(`  … ${r.quarantined - 10} more; see 'autopromo quarantine list'`);
  }
  return lines.join("\n");
}
