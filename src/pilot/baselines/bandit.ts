import type { Mechanic } from "../../domain/proposal.js";
import { Rng } from "../../sim/demo/rng.js";
import { ruleOfThumbLift, type WeekOutcome, type WorldCampaign } from "../../sim/market/index.js";
import { assignHoldout } from "../holdout.js";
import { inScope } from "../tally.js";
import { budgetUnits, categoryMargin } from "./observed.js";
import type { Baseline, BaselineContext } from "./types.js";

/** One arm: a mechanic at a depth, run for `BANDIT_WEEKS`. */
export interface Arm {
  mechanic: Mechanic;
  depth: number;
}

export const BANDIT_WEEKS = 2;
/** Prior and noise of an arm's reward: incremental category margin ÷ the category's weekly margin. */
const PRIOR_SD = 0.1;
const NOISE_SD = 0.15;
const PRE_WEEKS = 8;
const HOLDOUT = { holdoutPct: 25, minHoldout: 2 };

/** The arms inside the policy's depth cap: price cuts, ads and displays with and without a cut. */
export function banditArms(maxDepthPct: number): Arm[] {
  const depths = [0, 0.1, 0.2, 0.3].filter((d) => d * 100 <= maxDepthPct);
  const mechs: Mechanic[] = ["tpr", "feature", "display", "feature_display"];
  return mechs.flatMap((m) =>
    depths.filter((d) => m !== "tpr" || d > 0).map((depth) => ({ mechanic: m, depth })),
  );
}

const armKey = (a: Arm) => `${a.mechanic}@${a.depth}`;

/**
 * Measured reward of a finished bandit campaign: the category's margin per treated store against
 * per holdout store, scaled by their ratio over the 8 weeks before, over the promoted weeks and the
 * week after, less media; divided by the category's weekly margin so categories pool.
 */
export function measuredReward(
  observed: readonly WeekOutcome[],
  c: WorldCampaign,
  stores: readonly string[],
): number | null {
  const hold = new Set(c.holdout);
  const treated = new Set(stores.filter((s) => !hold.has(s)));
  if (hold.size === 0 || treated.size === 0) return null;
  const byWeek = new Map(observed.map((o) => [o.week, o]));
  let tPre = 0,
    hPre = 0,
    n = 0;
  for (let w = c.startWeek - PRE_WEEKS; w < c.startWeek; w++) {
    const o = byWeek.get(w);
    if (!o) continue;
    tPre += categoryMargin(o, c.market, c.category, treated);
    hPre += categoryMargin(o, c.market, c.category, hold);
    n++;
  }
  if (n === 0 || hPre <= 0) return null;
  const ratio = tPre / hPre;
  let inc = 0,
    media = 0;
  for (let w = c.startWeek; w <= c.startWeek + c.weeks; w++) {
    const o = byWeek.get(w);
    if (!o) return null;
    inc +=
      categoryMargin(o, c.market, c.category, treated) -
      ratio * categoryMargin(o, c.market, c.category, hold);
    media += o.accruals.filter((a) => a.campaignId === c.id).reduce((k, a) => k + a.mediaCost, 0);
  }
  return (inc - media) / Math.max(1, (tPre + hPre) / n);
}

/** Gaussian posterior of each arm's mean reward, from the rewards measured so far. */
function posterior(rewards: readonly number[]): { mean: number; sd: number } {
  const prec = 1 / PRIOR_SD ** 2 + rewards.length / NOISE_SD ** 2;
  const mean = rewards.reduce((a, b) => a + b, 0) / NOISE_SD ** 2 / prec;
  return { mean, sd: Math.sqrt(1 / prec) };
}

/**
 * Thompson sampling over mechanic × depth, pooled across the in-scope categories: each week every
 * market × category without a running bandit campaign samples each arm's mean reward and runs the
 * best on its next SKU (round robin, brand gap kept) with a random 25 % holdout, unless no sample
 * beats doing nothing. Rewards are read from observed sales only.
 */
export const thompsonBandit: Baseline = {
  name: "bandit",
  knowsTruth: false,
  decide: (ctx: BaselineContext) => {
    const arms = banditArms(ctx.policy.autonomy.maxDiscountPct);
    const rewards = new Map<string, number[]>(arms.map((a) => [armKey(a), []]));
    for (const c of ctx.own) {
      if (c.startWeek + c.weeks > ctx.week) continue;
      const r = measuredReward(ctx.observed, c, ctx.world.stores(c.market));
      if (r !== null) rewards.get(armKey(c))?.push(r);
    }
    const out: WorldCampaign[] = [];
    const start = ctx.week + 1;
    for (const m of ctx.world.spec.markets) {
      for (const cat of ctx.world.spec.categories) {
        if (!inScope(ctx.scope, m.id, cat.name)) continue;
        const mine = ctx.own.filter((c) => c.market === m.id && c.category === cat.name);
        if (mine.some((c) => c.startWeek + c.weeks >= start)) continue;
        const rng = Rng.of(ctx.seed, "bandit", m.id, cat.name, ctx.week);
        let best: { arm: Arm; v: number } | null = null;
        for (const a of arms) {
          const p = posterior(rewards.get(armKey(a)) ?? []);
          const v = p.mean + p.sd * rng.normal();
          if (v > 0 && (!best || v > best.v)) best = { arm: a, v };
        }
        if (!best) continue;
        const sku = cat.skus[mine.length % cat.skus.length]!.sku;
        const c: WorldCampaign = {
          id: `bandit-${m.id}-${sku}-${start}`,
          market: m.id,
          category: cat.name,
          sku,
          ...best.arm,
          startWeek: start,
          weeks: BANDIT_WEEKS,
          holdout: assignHoldout(ctx.world.stores(m.id), `bandit|${m.id}|${sku}|${start}`, {
            ...HOLDOUT,
            seed: ctx.seed,
          }),
          plannedLift: ruleOfThumbLift(best.arm.mechanic, best.arm.depth),
        };
        if (
          ctx.governor.admits(c, [...ctx.history, ...ctx.own, ...out], budgetUnits(ctx.observed, c))
        )
          out.push(c);
      }
    }
    return out;
  },
};
