import type { Mechanic } from "../../domain/proposal.js";
import { Rng } from "../demo/rng.js";
import type { CategoryPattern } from "./btf-pattern-schema.js";
import { depthAt, shippedPattern } from "./btf-pattern.js";
import type { WorldCampaign } from "./campaign.js";
import type { MarketWorld } from "./world.js";
import { WorldError } from "./world-error.js";

/** The retailer's rule of thumb for stock: 1 + 2 × depth, more with an ad or a display. */
export function ruleOfThumbLift(mechanic: Mechanic, depth: number): number {
  return (
    1 +
    2 * depth +
    (mechanic === "feature" || mechanic === "feature_display" ? 0.3 : 0) +
    (mechanic === "display" || mechanic === "feature_display" ? 0.3 : 0)
  );
}

/** Longest event the calendar plans (BTF runs average 2.7–3.6 weeks). */
const MAX_EVENT_WEEKS = 8;
const MIXED = ["tpr", "feature", "display", "feature_display"] as const;

function pickMechanic(rng: Rng, p: CategoryPattern): (typeof MIXED)[number] {
  const u = rng.float();
  let acc = 0;
  for (const m of MIXED) {
    acc += p.mix[m];
    if (u < acc) return m;
  }
  return "tpr";
}

/** One event drawn from the category's pattern: mechanic, depth (0 = full price), weeks. */
export function drawEvent(
  rng: Rng,
  p: CategoryPattern,
): { mechanic: Mechanic; depth: number; weeks: number } {
  const mechanic = pickMechanic(rng, p);
  const full = mechanic !== "tpr" && rng.chance(p.noCut[mechanic]);
  const depth = full ? 0 : Math.round(depthAt(p, rng.float()) * 100) / 100;
  const stay = 1 - 1 / p.meanRunWeeks;
  const weeks =
    stay <= 0
      ? 1
      : Math.min(
          MAX_EVENT_WEEKS,
          Math.max(1, Math.ceil(Math.log(1 - rng.float()) / Math.log(stay))),
        );
  return { mechanic, depth, weeks };
}

/**
 * How promotions were planned before the pilot: the BTF pattern of each category replayed per
 * market × SKU — events of the category's mechanic mix, depths and run lengths, spaced so the
 * share of promoted weeks matches the category's frequency (gaps uniform in ±50 % of the mean).
 */
export function historicalCalendar(
  world: MarketWorld,
  seed: number,
  fromWeek: number,
  toWeek: number,
  pattern = shippedPattern(),
): WorldCampaign[] {
  const out: WorldCampaign[] = [];
  for (const m of world.spec.markets) {
    for (const cat of world.spec.categories) {
      const p = pattern.categories[cat.name];
      if (!p)
        throw new WorldError(
          "INVALID_WORLD",
          `BTF pattern has no category "${cat.name}" (has ${Object.keys(pattern.categories).join(", ")})`,
        );
      const gap = (p.meanRunWeeks * (1 - p.frequency)) / Math.max(0.01, p.frequency);
      for (const s of cat.skus) {
        const rng = Rng.of(seed, "calendar", m.id, s.sku);
        let w = fromWeek + rng.int(0, Math.round(gap));
        while (w < toWeek) {
          const e = drawEvent(rng, p);
          out.push({
            id: `cal-${m.id}-${s.sku}-${w}`,
            market: m.id,
            category: cat.name,
            sku: s.sku,
            ...e,
            startWeek: w,
            holdout: [],
            plannedLift: ruleOfThumbLift(e.mechanic, e.depth),
          });
          w += e.weeks + Math.max(1, Math.round(gap * rng.between(0.5, 1.5)));
        }
      }
    }
  }
  return out;
}

/** Last year's calendar repeated: the same promotions 52 weeks later. */
export function repeatLastYear(
  history: readonly WorldCampaign[],
  fromWeek: number,
  toWeek: number,
): WorldCampaign[] {
  return history
    .filter((c) => c.startWeek + 52 >= fromWeek && c.startWeek + 52 < toWeek)
    .map((c) => ({
      ...c,
      id: `fix-${c.market}-${c.sku}-${c.startWeek + 52}`,
      startWeek: c.startWeek + 52,
    }));
}
