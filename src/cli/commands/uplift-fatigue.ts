import type { Command } from "commander";
import {
  fitFatigue,
  loadContactHistory,
  type FatigueReport,
} from "../../models/targeting/fatigue/index.js";
import { table } from "../output.js";

const pp = (x: number): string => `${x >= 0 ? "+" : ""}${(100 * x).toFixed(1)} pp`;

function render(r: FatigueReport): string {
  const pct = Math.round(r.level * 100);
  const rows = (xs: FatigueReport["recency"]) =>
    xs.map((x) => [
      x.bucket,
      String(x.contacts),
      `${(100 * x.rate).toFixed(1)}%`,
      `${pp(x.effect)} [${pp(x.lo)}, ${pp(x.hi)}]`,
    ]);
  const head = ["bucket", "contacts", "raw redemption rate", `within effect [${pct}%]`];
  return [
    `contact fatigue: ${r.contacts} campaign contacts, ${r.households} households, ${r.campaigns} campaigns; ` +
      `within household and campaign (two-way fixed effects, SEs clustered by household)`,
    `reference: no campaign in the 84 days before (${r.reference.recency.contacts} contacts, ${(100 * r.reference.recency.rate).toFixed(1)}% redeemed)`,
    "days since the previous campaign began:",
    table(head, rows(r.recency)),
    "campaigns begun in the 84 days before:",
    table(head, rows(r.frequency)),
    `each campaign in the 84 days before: ${pp(r.perContact.effect)} [${pp(r.perContact.lo)}, ${pp(r.perContact.hi)}] redemption`,
    `shortest gap not shown to hurt: ${r.minGapDays} days`,
    `when redemptions come, weeks after the campaign begins: ${r.redemptionWeek.map((w) => `${w.week}: ${(100 * w.share).toFixed(0)}%`).join(", ")}`,
  ].join("\n");
}

/** Add `uplift fatigue --data <dir>`: response by recency and frequency of contact, and its timing. */
export function registerFatigueCommand(uplift: Command): void {
  uplift
    .command("fatigue")
    .description(
      "redemption by recency and frequency of past campaign contacts (Complete Journey layout), and when redemptions come",
    )
    .requiredOption(
      "--data <dir>",
      "folder with campaigns.csv, campaign_descriptions.csv, coupon_redemptions.csv",
    )
    .option("--json", "print one JSON object")
    .action((f: { data: string; json?: boolean }) => {
      const r = fitFatigue(loadContactHistory(f.data));
      console.log(f.json ? JSON.stringify(r) : render(r));
    });
}
