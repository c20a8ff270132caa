import type { Command } from "commander";
import { guardError } from "../guard.js";
import { accuracyRecord, monitorCampaigns } from "../../monitoring/index.js";
import { loadPolicy } from "../../policies/index.js";
import { openDb, resolveDbPath } from "../../store/index.js";
import { printJson, processOutput, table, type Output } from "../output.js";
import { runClock } from "./run.js";

interface Opts {
  db?: string;
  json?: boolean;
  policy?: string;
  now?: string;
  asOf?: string;
  type?: string;
  market?: string;
  category?: string;
}

const pct = (x: number | null) => (x === null ? "–" : `${(x * 100).toFixed(1)} %`);

/** Adds `monitor` (one pass: realised vs forecast, stop-loss, end, settle) and `accuracy`. */
export function registerMonitorCommand(program: Command, o: Output = processOutput): void {
  program
    .command("monitor")
    .description(
      "compare live campaigns with their forecast, apply the stop-loss, end and settle campaigns",
    )
    .option("--db <path>", "SQLite database file (env AUTOPROMO_DB, default ./autopromo.db)")
    .option("--policy <file>", "policy file (default: the shipped policies/default.yaml)")
    .option(
      "--now <iso>",
      "act as of this instant (default: now, or the day after the data's last week)",
    )
    .option("--json", "print JSON")
    .action(async function (this: Command, opts: Opts) {
      const db = openDb(resolveDbPath(opts.db));
      try {
        const report = monitorCampaigns(db, runClock(opts), loadPolicy(opts.policy));
        if (opts.json) return printJson(o, report);
        o.out(
          table(
            [
              "campaign",
              "status",
              "weeks",
              "units (actual / forecast)",
              "incr. margin (realised / forecast)",
              "stop-loss",
              "actions",
            ],
            report.checks.map((c) => [
              c.campaignId,
              c.status,
              `${c.weeksObserved}/${c.weeksPlanned}`,
              `${c.actualUnits} / ${c.forecastUnits}`,
              `${c.realisedIncrementalMargin} / ${c.forecastIncrementalMargin}`,
              c.stopLoss?.reason ?? "",
              c.actions.join(", "),
            ]),
            [null, null, null, null, null, 50, null],
          ),
        );
        for (const e of report.escalations)
          o.out(
            `PAUSED ${e.campaignId} — for ${e.roles.join(", ")} to resume or stop: ${e.reason}`,
          );
        for (const s of report.skipped) o.out(`skipped ${s.campaignId}: ${s.reason}`);
      } catch (e) {
        guardError(this, e);
      } finally {
        db.close();
      }
    });

  program
    .command("accuracy")
    .description("the accuracy record per promotion type × market: forecast error, hit rate, sign")
    .option("--db <path>", "SQLite database file (env AUTOPROMO_DB, default ./autopromo.db)")
    .option("--type <mechanic>", "only this promotion type")
    .option("--market <id>", "only this market")
    .option("--category <c>", "only this category")
    .option("--json", "print JSON")
    .action((opts: Opts) => {
      const db = openDb(resolveDbPath(opts.db));
      try {
        const rows = accuracyRecord(db, {
          ...(opts.type ? { promotionType: opts.type } : {}),
          ...(opts.market ? { market: opts.market } : {}),
          ...(opts.category ? { category: opts.category } : {}),
        });
        if (opts.json) return printJson(o, rows);
        o.out(
          table(
            [
              "type",
              "market",
              "n",
              "units MAPE",
              "units bias",
              "margin error",
              "margin bias",
              "in 80 % interval",
              "sign right",
            ],
            rows.map((r) => [
              r.promotionType,
              r.market,
              r.n,
              pct(r.mape),
              pct(r.bias),
              pct(r.marginMape),
              Math.round(r.marginBias),
              pct(r.hitRate),
              pct(r.signRate),
            ]),
          ),
        );
      } finally {
        db.close();
      }
    });
}
