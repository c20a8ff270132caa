import type { Command } from "commander";
import { InputError } from "../../errors.js";
import { getDecision } from "../../graph/index.js";
import {
  ingestFile,
  ingestCompleteJourney,
  ingestDunnhumbyBtf,
  INGEST_KINDS,
  type Db,
  type IngestReport,
} from "../../store/index.js";
import { createTriggers, runTriggers } from "../../triggers/index.js";
import { withDb, withPolicyAndClock } from "../context.js";
import { printJson, table, type Output } from "../output.js";
import { renderRunSummary } from "./run-summary.js";
import { deliverQueued, withRun, type RunOpts } from "./run.js";

/** Exit code when the input was read but some rows went to quarantine. */
export const EXIT_ROWS_REJECTED = 2;

/** The reason an ingest's runs carry: where the signals came in. */
export const INGEST_VIA = "autopromo ingest";

interface IngestOptions extends RunOpts {
  source?: string;
  format?: string;
  plan?: boolean;
}

/** What one ingest command stored: a report a feed, notes, and the JSON it prints. */
interface Ingested {
  reports: IngestReport[];
  notes: string[];
  json: unknown;
}

/** Stores the feed (or export folder) the arguments name. */
async function ingestInto(
  db: Db,
  kindOrDir: string,
  file: string | undefined,
  opts: IngestOptions,
): Promise<Ingested> {
  if (opts.format === "dunnhumby-btf") {
    const r = await ingestDunnhumbyBtf(db, kindOrDir);
    return { reports: [r.markets, r.stores, r.products, r.sales], notes: r.notes, json: r };
  }
  if (opts.format === "complete-journey") {
    const r = await ingestCompleteJourney(db, kindOrDir);
    const reports = [
      r.products,
      r.households,
      r.campaigns,
      r.campaignTargets,
      r.coupons,
      r.redemptions,
      r.basketLines,
    ];
    return { reports, notes: r.notes, json: r };
  }
  if (!file)
    throw new InputError(
      "INVALID_INPUT",
      "ingest needs <kind> <file> (or --format dunnhumby-btf <dir>)",
    );
  const report = await ingestFile(db, {
    kind: kindOrDir,
    file,
    ...(opts.source ? { source: opts.source } : {}),
    ...(opts.format ? { format: opts.format } : {}),
  });
  return { reports: [report], notes: [], json: report };
}

/**
 * Ingests, then plans the scopes the ingest's signals touched through the same triggers as
 * POST /signals: same mapping, same queue, the signal's facts on each run's record.
 */
async function ingestAndPlan(
  kindOrDir: string,
  file: string | undefined,
  opts: IngestOptions,
  o: Output,
) {
  return withRun(opts, async (ctx) => {
    // Created before the ingest: what was stored before is history, not a signal.
    const triggers = createTriggers({ db: ctx.db, clock: ctx.clock });
    const ingested = await ingestInto(ctx.db, kindOrDir, file, opts);
    const asked = triggers.triggersFor({
      kind: "ingest",
      via: INGEST_VIA,
      ingests: ingested.reports,
    });
    const results = await runTriggers(ctx, asked);
    await deliverQueued(ctx, o, !!opts.json);
    const records = results.map((r) => getDecision(ctx.db, r.decisionId));
    return { ingested, triggers: asked, results, records };
  });
}

/** `autopromo ingest <kind> <file> [--plan]` and `autopromo ingest --format dunnhumby-btf <dir>`. */
export function registerIngestCommand(program: Command, o: Output): void {
  withPolicyAndClock(
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
    .option(
      "--plan",
      "then plan the scopes the new or corrected signals touched, as POST /signals does (--policy, --now apply)",
    )
    .action(async (kindOrDir: string, file: string | undefined, opts: IngestOptions) => {
      if (opts.plan) {
        const p = await ingestAndPlan(kindOrDir, file, opts, o);
        if (opts.json)
          printJson(o, { ingest: p.ingested.json, triggers: p.triggers, runs: p.results });
        else {
          print(o, p.ingested);
          o.out(
            p.records.length === 0
              ? "nothing to plan: no new or corrected sales, stock, production, competitor price or consumer signal"
              : `planned ${p.records.length} scope(s) the signals touched:\n${renderRunSummary(p.records)}`,
          );
        }
        return exitOnRejected(p.ingested);
      }
      const ingested = await withDb(opts, (db) => ingestInto(db, kindOrDir, file, opts));
      if (opts.json) printJson(o, ingested.json);
      else print(o, ingested);
      exitOnRejected(ingested);
    });
}

/** The ingest table and its notes. */
function print(o: Output, ingested: Ingested): void {
  o.out(renderReports(ingested.reports));
  for (const n of ingested.notes) o.out(`note: ${n}`);
}

function exitOnRejected(ingested: Ingested): void {
  if (ingested.reports.some((r) => r.quarantined > 0)) process.exitCode = EXIT_ROWS_REJECTED;
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
