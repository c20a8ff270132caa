/**
 * The agent against estimate-then-optimise on one world and seed, scope-week by scope-week:
 *
 *   npx tsx src/pilot/gap-main.ts --world base --seed 1 --weeks 14 [--approve-up-to 0] [--rows]
 *     [--stock-screen market|stores]
 *
 * Prints the margin gap per cause (docs/pilot.md, round 4) and, with --rows, every scope-week.
 */
import { parseArgs } from "node:util";
import type { StockScreen } from "../agents/promotion/index.js";
import { worldByName } from "../sim/market/worlds/registry.js";
import { seedGap, type GapLaunch, type GapReport } from "./gap.js";
import { PlanLog } from "./gap-screens.js";
import { runPilotSeed } from "./run.js";

const { values } = parseArgs({
  options: {
    world: { type: "string", default: "base" },
    seed: { type: "string", default: "1" },
    weeks: { type: "string", default: "14" },
    "approve-up-to": { type: "string", default: "0" },
    baseline: { type: "string", default: "estimateOptimise" },
    rows: { type: "boolean", default: false },
    "stock-screen": { type: "string", default: "market" },
  },
});

/** The `--stock-screen` flag, checked. */
function stockScreenOf(v: string): StockScreen {
  if (v === "market" || v === "stores") return v;
  throw new Error(`--stock-screen: expected "market" or "stores", got "${v}"`);
}

/** Runs the seed and prints the report (a function: no module-level state). */
async function main(): Promise<void> {
  const name = values.baseline;
  let report: GapReport | undefined;
  const plans = new PlanLog();
  const t0 = performance.now();
  const res = await runPilotSeed(Number(values.seed), {
    weeks: Number(values.weeks),
    world: worldByName(values.world),
    approveUpTo: Number(values["approve-up-to"]),
    baselines: ["none", name],
    onPlan: plans.record,
    stockScreen: stockScreenOf(values["stock-screen"]),
    inspect: (view) => (report = seedGap(view, name, plans)),
  });
  if (!report) throw new Error("the pilot ended before its inspection");
  const none = res.strategies.none!.marginInScope;
  const pct = (k: string) =>
    (((res.strategies[k]!.marginInScope - none) / Math.abs(none)) * 100).toFixed(2);
  const r0 = (x: number) => Math.round(x).toLocaleString("en");
  console.log(
    `${values.world} seed ${values.seed} × ${values.weeks} weeks: agent +${pct("agent")} %, ` +
      `${name} +${pct(name)} % vs none; true incremental agent ${r0(report.agentTruth)}, ` +
      `${name} ${r0(report.baselineTruth)} (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
  );
  const g = res.governance;
  console.log(
    `agent's settled campaigns that ran short: ${g.campaignStockOuts} (a store out of stock), ` +
      `${g.guardrailStockOuts} the guardrail should have caught, ${g.supplyShortStockOuts} supply-short`,
  );
  console.log("\n| cause | scope-weeks | margin (baseline − agent) |\n| --- | --- | --- |");
  for (const [k, v] of Object.entries(report.causes).sort((a, b) => b[1].margin - a[1].margin))
    console.log(`| ${k} | ${v.n} | ${r0(v.margin)} |`);
  console.log(
    `\n| ${name} pick the agent did not make: agent's screen of it | picks | ${name} true margin |` +
      "\n| --- | --- | --- |",
  );
  for (const [k, v] of Object.entries(report.screens).sort((a, b) => b[1].margin - a[1].margin))
    console.log(`| ${k} | ${v.n} | ${r0(v.margin)} |`);
  if (values.rows) {
    const f = (l: GapLaunch | null) =>
      l
        ? `${l.sku} ${l.mechanic} ${l.depthPct}% ${l.weeks}w@${l.startWeek} ` +
          `f ${r0(l.forecast)} t ${r0(l.truth)} h ${(l.holdoutShare * 100).toFixed(0)}%`
        : "-";
    const v = (r: GapReport["rows"][number]) =>
      r.agentVerdict
        ? ` | agent's same: ${r.agentVerdict.screen}, f ${r0(r.agentVerdict.forecast)}` +
          (r.agentVerdict.detail ? ` (${r.agentVerdict.detail})` : "")
        : "";
    console.log("\nweek market category | agent | baseline | agent why | gap | agent's verdict");
    for (const r of report.rows)
      if (r.agent || r.baseline)
        console.log(
          `${r.week} ${r.market} ${r.category} | ${f(r.agent)} | ${f(r.baseline)} | ` +
            `${r.agentWhy} | ${r0(r.gap)}${v(r)}`,
        );
  }
}

await main();
