import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InvalidArgumentError, type Command } from "commander";
import {
  evaluateAffinity,
  RANKERS,
  type AffinityReport,
  type Ranker,
} from "../../models/affinity/index.js";
import type { Estimate } from "../../models/targeting/index.js";
import {
  ingestCompleteJourney,
  openDb,
  resolveDbPath,
  type CompleteJourneyReport,
  type Db,
} from "../../store/index.js";
import { withCommon, type CommonOptions } from "../context.js";
import { printJson, table, type Output } from "../output.js";

interface EvaluateFlags extends CommonOptions {
  data?: string;
  holdoutFrom: string;
  k: number[];
  topShare: number;
  minHistoryDays: number;
  bootstrap: number;
  seed: number;
  lambda?: number;
}

const int =
  (min: number) =>
  (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min)
      throw new InvalidArgumentError(`expected an integer ≥ ${min}`);
    return n;
  };
const ks = (v: string): number[] => v.split(",").map((s) => int(1)(s.trim()));
const share = (v: string): number => {
  const n = Number(v);
  if (!(n > 0 && n < 1))
    throw new InvalidArgumentError("expected a share between 0 and 1, e.g. 0.05");
  return n;
};
const nonNegative = (v: string): number => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError("expected a number ≥ 0");
  return n;
};

const ci = (e: Estimate, digits = 3): string =>
  `${e.value.toFixed(digits)} [${e.lo.toFixed(digits)}, ${e.hi.toFixed(digits)}]`;
const signed = (e: Estimate): string =>
  `${e.value >= 0 ? "+" : ""}${ci(e)}${e.lo <= 0 && e.hi >= 0 ? " n.s." : ""}`;
const RANKER_NAMES: Record<Ranker, string> = {
  model: "model",
  pastRedemptions: "past redemptions",
  recencyFrequency: "recency-frequency",
  couponAffinity: "coupon affinity",
  random: "random (base rate)",
};

/** The readable report: pooled precision with intervals, then one row per held-back campaign, then the caveats. */
export function renderAffinity(r: AffinityReport): string {
  const pct = Math.round(r.settings.level * 100);
  const share = r.pooled.find((p) => p.k.endsWith("%"))?.k;
  const rows = r.perCampaign.map((c) => {
    const at = (k: string | undefined, who: Ranker) =>
      k && c.precision[k] ? c.precision[k][who].value.toFixed(2) : "—";
    const flags = [c.thin ? "thin" : "", c.truncated ? "truncated" : ""].filter(Boolean).join(", ");
    return [
      c.campaignId,
      c.type,
      `${c.startDate} … ${c.endDate}`,
      c.targeted,
      c.redeemers,
      c.baseRate.toFixed(3),
      `${at("10", "model")} / ${at("10", "pastRedemptions")}`,
      `${at(share, "model")} / ${at(share, "pastRedemptions")}`,
      flags,
    ];
  });
  return [
    `affinity evaluate: Complete Journey receipts ${r.data.dataStart} … ${r.data.dataEnd} (${r.data.receiptLines.toLocaleString("en-US")} sampled lines, ${r.data.households.toLocaleString("en-US")} households), ${r.data.campaigns} campaigns`,
    `trained on campaigns ending before ${r.settings.holdoutFrom}: ${r.train.campaigns.join(", ")} (${r.train.pairs} targeted households, ${r.train.redeemers} redeemers)`,
    `held back (starting on or after ${r.settings.holdoutFrom}): ${r.heldOut.campaigns.join(", ")} (${r.heldOut.pairs} targeted households, ${r.heldOut.redeemers} redeemers, base rate ${r.heldOut.baseRate.toFixed(3)})`,
    ...r.excluded.map(
      (e) => `not used: campaign ${e.campaignId} (${e.startDate} … ${e.endDate}): ${e.reason}`,
    ),
    r.lambdaSelection
      ? `model: logistic, λ = ${r.model.lambda} chosen on the training campaigns (leave-one-campaign-out precision@${share ?? "share"}: ${r.lambdaSelection.cv.map((c) => `λ ${c.lambda}: ${c.precision.toFixed(3)}`).join(", ")})`
      : `model: logistic, λ = ${r.model.lambda} (given)`,
    `precision@k of predicted redeemers among each campaign's targeted households, pooled (value [${pct}% bootstrap interval]):`,
    table(
      ["k", "campaigns", "slots", ...RANKERS.map((x) => RANKER_NAMES[x])],
      r.pooled.map((p) => [p.k, p.campaigns, p.slots, ...RANKERS.map((x) => ci(p.precision[x]))]),
    ),
    `model minus each comparison (n.s. = the ${pct}% interval contains 0: not a win or a loss):`,
    table(
      ["k", "− random", "− past redemptions", "− recency-frequency", "− coupon affinity"],
      r.pooled.map((p) => [
        p.k,
        signed(p.modelMinusRandom),
        signed(p.modelMinusPastRedemptions),
        signed(p.modelMinusRecencyFrequency),
        signed(p.modelMinusCouponAffinity),
      ]),
    ),
    "per held-back campaign (precision: model / past-redemptions heuristic):",
    table(
      [
        "campaign",
        "type",
        "dates",
        "targeted",
        "redeemers",
        "base rate",
        "P@10",
        `P@${share ?? "share"}`,
        "flags",
      ],
      rows,
    ),
    "caveats:",
    ...r.warnings.map((w) => `- ${w}`),
    ...Object.values(r.definitions).map((d) => `· ${d}`),
    `${r.settings.bootstrap} resamples, seed ${r.settings.seed}; ${r.seconds.toFixed(1)} s.`,
  ].join("\n");
}

/** `autopromo affinity evaluate`: precision@k of coupon-redeemer rankings on held-back Complete Journey campaigns. */
export function registerAffinityCommand(program: Command, o: Output): void {
  const affinity = program
    .command("affinity")
    .description("shopper-level coupon affinity on the Complete Journey campaigns");
  withCommon(
    affinity
      .command("evaluate")
      .description(
        "rank each held-back campaign's targeted households by predicted redemption; precision@k against actual redeemers, with baselines and bootstrap intervals",
      ),
  )
    .option(
      "--data <dir>",
      "the Complete Journey folder: ingest it into a temporary database first (instead of --db)",
    )
    .option(
      "--holdout-from <date>",
      "campaigns starting on or after this day are held back; training uses those that ended before it",
      "2017-08-01",
    )
    .option("--k <list>", "cut-offs, comma-separated", ks, [10, 50, 100])
    .option(
      "--top-share <s>",
      "also report precision at this share of each campaign's targeted",
      share,
      0.05,
    )
    .option(
      "--min-history-days <d>",
      "days of receipts a campaign needs before its start",
      int(0),
      28,
    )
    .option("--bootstrap <n>", "bootstrap resamples", int(0), 1000)
    .option("--seed <s>", "seed for the bootstrap and tie-breaking", int(-2147483648), 1)
    .option(
      "--lambda <l>",
      "L2 penalty of the logistic model (default: chosen by leave-one-campaign-out on the training campaigns)",
      nonNegative,
    )
    .action(async (f: EvaluateFlags) => {
      const options = {
        holdoutFrom: f.holdoutFrom,
        ks: f.k,
        topShare: f.topShare,
        minHistoryDays: f.minHistoryDays,
        bootstrap: f.bootstrap,
        seed: f.seed,
        ...(f.lambda !== undefined ? { lambda: f.lambda } : {}),
      };
      let ingested: CompleteJourneyReport | undefined;
      const run = async (db: Db) => {
        if (f.data) ingested = await ingestCompleteJourney(db, f.data);
        return evaluateAffinity(db, options);
      };
      const report = f.data ? await inTempDb(run) : await inDb(resolveDbPath(f.db), run);
      if (f.json) printJson(o, report);
      else {
        if (ingested) {
          const all = [
            ingested.products,
            ingested.households,
            ingested.campaigns,
            ingested.campaignTargets,
            ingested.coupons,
            ingested.redemptions,
            ingested.basketLines,
          ];
          o.out(
            `ingested ${f.data} into a temporary database: ${all.map((x) => `${x.kind} ${x.stored}${x.quarantined ? ` (${x.quarantined} quarantined)` : ""}`).join(", ")}`,
          );
        }
        o.out(renderAffinity(report));
      }
    });
}

async function inDb<T>(path: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = openDb(path);
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

/** A throwaway database for --data, removed afterwards whatever happens. */
async function inTempDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "autopromo-affinity-"));
  try {
    return await inDb(join(dir, "cj.db"), fn);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
