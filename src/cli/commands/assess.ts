import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { InvalidArgumentError, type Command } from "commander";
import { assessHistory, renderAssessmentHtml, type Assessment } from "../../assess/index.js";
import { InputError } from "../../errors.js";
import { ingestDunnhumbyBtf, openDb, resolveDbPath, type Db } from "../../store/index.js";
import { withCommon, type CommonOptions } from "../context.js";
import { printJson, table, wrap, type Output } from "../output.js";

interface AssessFlags extends CommonOptions {
  data?: string;
  html?: string;
  marginRate: number;
  marginRange: [number, number];
}

const BTF_FILES = ["transactions.csv", "products.csv", "stores.csv"];

function rate(v: string): number {
  const x = Number(v);
  if (!/^\d*\.?\d+$/.test(v.trim()) || !(x > 0 && x < 1)) {
    throw new InvalidArgumentError(`expected a share between 0 and 1, got '${v}'`);
  }
  return x;
}

function range(v: string): [number, number] {
  const [lo, hi, ...rest] = v.split(",");
  if (lo === undefined || hi === undefined || rest.length) {
    throw new InvalidArgumentError(`expected LOW,HIGH (e.g. 0.2,0.4), got '${v}'`);
  }
  return [rate(lo), rate(hi)];
}

/** `autopromo assess`: how good past promotions were, and whether the data is ready. */
export function registerAssessCommand(program: Command, o: Output): void {
  withCommon(
    program
      .command("assess")
      .description(
        "measure every past promotion (incremental units, dip, cannibalisation, margin) and the data's maturity",
      ),
  )
    .option(
      "--data <dir>",
      "a Breakfast-at-the-Frat style export to ingest first (into --db, else a temporary store)",
    )
    .option("--html <file>", "also write the report as an HTML page with charts")
    .option(
      "--margin-rate <share>",
      "margin rate assumed where a product has no unit cost",
      rate,
      0.3,
    )
    .option(
      "--margin-range <low,high>",
      "sensitivity range of the assumed margin rate",
      range,
      [0.2, 0.4],
    )
    .action(async (flags: AssessFlags) => {
      const report = await withStore(flags, o, (db) => {
        o.err("assess: measuring every promotion event against its baseline…");
        return assessHistory(db, {
          marginRate: flags.marginRate,
          marginRateLow: Math.min(flags.marginRange[0], flags.marginRate),
          marginRateHigh: Math.max(flags.marginRange[1], flags.marginRate),
        });
      });
      if (flags.html) {
        mkdirSync(dirname(flags.html), { recursive: true });
        writeFileSync(flags.html, await renderAssessmentHtml(report));
      }
      if (flags.json) printJson(o, report);
      else o.out(renderText(report, flags.html));
    });
}

async function withStore<T>(flags: AssessFlags, o: Output, fn: (db: Db) => T): Promise<T> {
  const temp =
    flags.data && !flags.db ? mkdtempSync(join(tmpdir(), "autopromo-assess-")) : undefined;
  const db = openDb(temp ? join(temp, "assess.db") : resolveDbPath(flags.db));
  try {
    if (flags.data) {
      const missing = BTF_FILES.filter((f) => !existsSync(join(flags.data!, f)));
      if (missing.length) {
        throw new InputError(
          "INVALID_INPUT",
          `--data ${flags.data}: missing ${missing.join(", ")} (expected a Breakfast-at-the-Frat style export)`,
        );
      }
      o.err(`assess: ingesting ${flags.data}…`);
      const r = await ingestDunnhumbyBtf(db, flags.data);
      o.err(`assess: ${r.sales.rowsRead} sales rows read, ${r.sales.quarantined} quarantined`);
    }
    return fn(db);
  } finally {
    db.close();
    if (temp) rmSync(temp, { recursive: true, force: true });
  }
}

const pct = (x: number) => `${(100 * x).toFixed(0)} %`;

function renderText(a: Assessment, html?: string): string {
  const lines = [
    wrap(
      `${a.events.assessed} promotion events measured (${a.events.unassessed} without enough clean weeks); ` +
        `${pct(a.events.lost.share)} lost money (90 % interval ${pct(a.events.lost.lower)}–${pct(a.events.lost.upper)}).`,
    ),
    table(
      ["category", "events", "lost money", "90 % interval", "beyond noise", "margin"],
      a.byCategory.map((g) => [
        g.group,
        g.events,
        pct(g.lost.share),
        `${pct(g.lost.lower)}–${pct(g.lost.upper)}`,
        g.lostBeyondDoubt,
        Math.round(g.incrementalMargin),
      ]),
    ),
  ];
  if (a.assumptions.costAssumed > 0) {
    lines.push(
      wrap(
        `No unit cost for ${a.assumptions.costAssumed} events: margin assumes ${pct(a.assumptions.marginRate)} of the regular price ` +
          `(sensitivity ${pct(a.assumptions.marginRateLow)}–${pct(a.assumptions.marginRateHigh)}).`,
      ),
    );
  }
  if (a.maturity.impossible.length) {
    lines.push("Data maturity: what cannot be decided yet");
    for (const x of a.maturity.impossible) lines.push(wrap(`- ${x}`, undefined, "  "));
  }
  if (html) lines.push(`HTML report: ${html}`);
  return lines.join("\n");
}
