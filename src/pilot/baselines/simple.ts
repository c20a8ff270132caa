import { repeatLastYear, type WorldCampaign } from "../../sim/market/index.js";
import { inScope } from "../tally.js";
import { governAll } from "./governor.js";
import { budgetUnits } from "./observed.js";
import type { Baseline, BaselineContext } from "./types.js";

/** No promotion in the pilot scope (the pre-pilot calendar still ran before it). */
export const noPromotion: Baseline = { name: "none", knowsTruth: false };

/** Last year's in-scope events replayed, each through the policy like the agent's proposals. */
export function replayGoverned(
  ctx: BaselineContext,
  events: readonly WorldCampaign[],
): WorldCampaign[] {
  const inside = events.filter((c) => inScope(ctx.scope, c.market, c.category));
  const outside = events.filter((c) => !inScope(ctx.scope, c.market, c.category));
  return [
    ...governAll(ctx.governor, inside, ctx.history, (c) => budgetUnits(ctx.observed, c)),
    ...outside,
  ];
}

/**
 * The calendar: the BTF promotion pattern the history was drawn from (frequency, depth, mechanic
 * mix per category), replayed as last year's events 52 weeks later, under the same governance.
 */
export const calendarBaseline: Baseline = {
  name: "calendar",
  knowsTruth: false,
  plan: (ctx) => replayGoverned(ctx, repeatLastYear(ctx.history, ctx.pilotStart, ctx.pilotEnd)),
};

/** On and off weeks of the full-price feature rule. */
export const FEATURE_RULE = { on: 3, off: 2 } as const;

/** Every in-scope SKU in the weekly ad at full price, 3 weeks on, 2 off; no learning. */
export const featureRule: Baseline = {
  name: "featureRule",
  knowsTruth: false,
  plan: (ctx) => {
    const out: WorldCampaign[] = [];
    for (const m of ctx.world.spec.markets) {
      for (const cat of ctx.world.spec.categories) {
        if (!inScope(ctx.scope, m.id, cat.name)) continue;
        for (const s of cat.skus) {
          for (let w = ctx.pilotStart; w < ctx.pilotEnd; w += FEATURE_RULE.on + FEATURE_RULE.off) {
            out.push({
              id: `rule-${m.id}-${s.sku}-${w}`,
              market: m.id,
              category: cat.name,
              sku: s.sku,
              mechanic: "feature",
              depth: 0,
              startWeek: w,
              weeks: FEATURE_RULE.on,
              holdout: [],
              plannedLift: 1.3,
            });
          }
        }
      }
    }
    return replayGoverned(ctx, out);
  },
};
