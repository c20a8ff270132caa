import type { Policy } from "../../policies/index.js";
import {
  hasDisplay,
  hasFeature,
  MEDIA,
  runsIn,
  type MarketWorld,
  type WorldCampaign,
} from "../../sim/market/index.js";
import { inScope } from "../tally.js";
import type { PilotScope } from "../options.js";

/** Why a candidate needs a person, or is out of bounds. */
export interface Verdict {
  outcome: "allow" | "approved" | "rejected" | "blocked";
  reasons: string[];
  spend: number;
}

/** Weeks of a policy quarter in the simulator's week index. */
const QUARTER_WEEKS = 13;

/**
 * The policy's structural rules applied to a baseline's campaign, as the policy node applies them
 * to the agent's: scope and mechanics block; depth, margin after discount, spend per campaign,
 * the brand gap, promoted weeks per quarter and the category share escalate, and the pilot's
 * stand-in approver approves an escalation when its spend is at most `approveUpTo`.
 * Prediction-based rules (minimum lift, margin, ROI) are each strategy's own business.
 */
export class Governor {
  readonly log: Verdict[] = [];
  constructor(
    private readonly world: MarketWorld,
    private readonly policy: Policy,
    private readonly scope: PilotScope,
    /** The stand-in approver passes an escalation whose spend is at most this. */
    readonly approveUpTo: number,
  ) {}

  /** Media of a campaign at the market's rate card (what a plan is budgeted at, as the agent does). */
  media(c: WorldCampaign): number {
    const perWeek =
      (hasFeature(c.mechanic) ? this.world.model.ads.featureCostPerWeek : 0) +
      (hasDisplay(c.mechanic) ? MEDIA.displayPerStoreWeek * this.world.stores(c.market).length : 0);
    return perWeek * c.weeks;
  }

  /** The verdict on `c` given the strategy's committed campaigns; `units` are its expected promoted units. */
  check(c: WorldCampaign, committed: readonly WorldCampaign[], units: number): Verdict {
    const reasons: string[] = [];
    const spend = this.media(c) + c.depth * this.world.truth.skus[c.sku]!.regularPrice * units;
    if (
      !inScope(this.scope, c.market, c.category) ||
      (this.scope.mechanics && !this.scope.mechanics.includes(c.mechanic))
    ) {
      return this.keep({ outcome: "blocked", reasons: ["pilot scope"], spend });
    }
    const a = this.policy.autonomy;
    const t = this.world.truth.skus[c.sku]!;
    if (c.depth * 100 > a.maxDiscountPct) reasons.push("autonomy.discount_depth");
    const depthAbove = this.policy.approvalRequired.depthAbovePct;
    if (depthAbove !== null && depthAbove !== undefined && c.depth * 100 > depthAbove)
      reasons.push("approval.depth");
    const promo = t.regularPrice * (1 - c.depth);
    if (c.depth > 0 && (100 * (promo - t.unitCost)) / promo < a.minMarginAfterDiscountPct)
      reasons.push("autonomy.margin_after_discount");
    if (spend > a.maxSpendPerCampaign) reasons.push("autonomy.spend_per_campaign");
    reasons.push(...this.brand(c, committed));
    if (reasons.length === 0) return this.keep({ outcome: "allow", reasons, spend });
    return this.keep({
      outcome: spend <= this.approveUpTo ? "approved" : "rejected",
      reasons,
      spend,
    });
  }

  /** True when `c` may run (allowed, or escalated and approved). */
  admits(c: WorldCampaign, committed: readonly WorldCampaign[], units: number): boolean {
    const v = this.check(c, committed, units);
    return v.outcome === "allow" || v.outcome === "approved";
  }

  private keep(v: Verdict): Verdict {
    this.log.push(v);
    return v;
  }

  private brand(c: WorldCampaign, committed: readonly WorldCampaign[]): string[] {
    const b = this.policy.brand;
    const out: string[] = [];
    const same = committed.filter((o) => o.id !== c.id && o.sku === c.sku && o.market === c.market);
    const gap = b.minWeeksBetweenPromotions;
    if (
      same.some(
        (o) =>
          o.startWeek < c.startWeek + c.weeks + gap && c.startWeek < o.startWeek + o.weeks + gap,
      )
    )
      out.push("brand.gap");
    const q0 = Math.floor(c.startWeek / QUARTER_WEEKS) * QUARTER_WEEKS;
    let promoted = 0;
    for (let w = q0; w < q0 + QUARTER_WEEKS; w++)
      if (runsIn(c, w) || same.some((o) => runsIn(o, w))) promoted++;
    if (promoted > b.maxPromotedWeeksPerSkuPerQuarter) out.push("brand.weeks_per_quarter");
    const skus = this.world.skusByCategory[c.category] ?? [];
    for (let w = c.startWeek; w < c.startWeek + c.weeks; w++) {
      const on = new Set([
        c.sku,
        ...committed
          .filter((o) => o.market === c.market && o.category === c.category && runsIn(o, w))
          .map((o) => o.sku),
      ]);
      if ((100 * on.size) / Math.max(1, skus.length) > b.maxCategorySharePct) {
        out.push("brand.category_share");
        break;
      }
    }
    return out;
  }
}

/** Admits campaigns in start order, each against those admitted before it. */
export function governAll(
  g: Governor,
  campaigns: readonly WorldCampaign[],
  base: readonly WorldCampaign[],
  units: (c: WorldCampaign) => number,
): WorldCampaign[] {
  const out: WorldCampaign[] = [];
  for (const c of [...campaigns].sort(
    (a, b) => a.startWeek - b.startWeek || a.id.localeCompare(b.id),
  )) {
    if (g.admits(c, [...base, ...out], units(c))) out.push(c);
  }
  return out;
}
