import { InvalidArgumentError, type Command } from "commander";
import { runShadowPilot, type ShadowPilotResult } from "../../pilot/shadow.js";
import { loadWorld } from "../../sim/market/index.js";
import { guardError } from "../guard.js";
import { printJson, table, wrap, type Output } from "../output.js";
import { renderShadowReport } from "./shadow-render.js";

interface ShadowPilotFlags {
  world: string;
  weeks: number;
  seed: number;
  policy?: string;
  approveUpTo?: number;
  db?: string;
  json?: boolean;
}

const int =
  (min: number) =>
  (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min)
      throw new InvalidArgumentError(`expected an integer ≥ ${min}`);
    return n;
  };

/** Adds `shadow pilot`: a pilot world played in shadow beside the planners' calendar. */
export function registerShadowPilot(shadow: Command, o: Output): void {
  shadow
    .command("pilot")
    .description(
      "play a simulated market in shadow: the planners' calendar runs, the system only plans; settle and compare",
    )
    .option(
      "--world <name|file>",
      "a shipped world (base, fatigue, s-curve, …) or a world module file",
      "base",
    )
    .option("--weeks <n>", "weeks the system plans in shadow (one cycle a week)", int(1), 12)
    .option("--seed <n>", "the world's seed", int(-1e9), 1)
    .option(
      "--policy <file>",
      "policy file (default: the shipped one); every category is put in shadow",
    )
    .option(
      "--approve-up-to <eur>",
      "the planners' escalated promotions pass up to this spend",
      Number,
    )
    .option("--db <path>", "keep the run's store in this new file (for shadow report, tune, serve)")
    .option("--json", "print JSON")
    .action(async function (this: Command, f: ShadowPilotFlags) {
      try {
        const world = await loadWorld(f.world);
        const progress = (w: number, of: number) =>
          process.stderr.write(`\rshadow week ${w}/${of}   `);
        const result = await runShadowPilot({
          world,
          weeks: f.weeks,
          seed: f.seed,
          ...(f.policy ? { policyPath: f.policy } : {}),
          ...(f.approveUpTo !== undefined ? { approveUpTo: f.approveUpTo } : {}),
          ...(f.db ? { dbPath: f.db } : {}),
          ...(f.json ? {} : { onWeek: progress }),
        });
        if (f.json) return printJson(o, result);
        process.stderr.write("\n");
        o.out(renderShadowPilot(result));
      } catch (e) {
        guardError(this, e);
      }
    });
}

const whole = (x: number) => String(Math.round(x));

/** The shadow pilot for people: what ran, the shadow report, the world's truth, tune's proposal. */
export function renderShadowPilot(r: ShadowPilotResult): string {
  const l = r.launched;
  const lines = [
    wrap(
      `Shadow pilot: world ${r.world}, seed ${r.seed}, ${r.weeks} weeks planned in shadow ` +
        `(${r.scopes} scopes a week, ${r.plans} plans), then ${r.settleWeeks} weeks of actuals ` +
        `so the last plans settle. The planners' calendar ran ${r.plannersCampaigns} promotions. ` +
        `Launched by the system: ${l.campaigns} campaigns, ${l.outbox} outbox rows, ` +
        `${l.approvals} approval requests.`,
    ),
    "",
    renderShadowReport(r.report),
    "",
    wrap(
      `The world's truth: the planners' promotions in the ${r.truth.settledPairs} settled plans ` +
        `made ${whole(r.truth.actual)} (media included); settlement estimated ` +
        `${whole(r.truth.estimated)} from the sales.`,
    ),
    "",
    table(
      ["category", "tune", "change"],
      r.tune.recommendations.map((x) => [x.subject, x.action, x.change]),
      [null, null, 70],
    ),
    r.tune.policyDiff || "no policy change proposed",
  ];
  return lines.join("\n");
}
