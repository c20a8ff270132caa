import { z } from "zod";
import type { Rng } from "../demo/rng.js";
import type { Calibration } from "./calibration-schema.js";
import type { WorldCampaign } from "./campaign.js";
import type { MarketWorldSpec } from "./spec.js";
import type { MarketTruth } from "./truth.js";

/** What a world's promotion response sees for one store × SKU × week. */
export interface LiftInput {
  truth: MarketTruth;
  /** The campaign on this shelf, its mechanic already stripped of an ad that got no slot. */
  campaign: WorldCampaign;
  market: string;
  store: string;
  week: number;
  /** Every campaign the strategy has (past and future): what memory effects look back over. */
  campaigns: readonly WorldCampaign[];
  /** A campaign the counterfactual removes (ignore it in look-backs too). */
  exclude: string | undefined;
  /** First week of the pilot (history ends the week before). */
  pilotStart: number;
}

/** What a competitor's move sees for one market × SKU × week. */
export interface CompetitorInput {
  truth: MarketTruth;
  week: number;
  market: string;
  sku: string;
  campaigns: readonly WorldCampaign[];
  pilotStart: number;
  /** The seeded stream of this market × SKU × week: every strategy meets the same draws. */
  rng: Rng;
}

/** A competitor's price cut, `cut` off its regular price for `weeks` weeks. */
export interface CompetitorMove {
  cut: number;
  weeks: number;
}

/** How the weekly ad works in a world: slots, what a featured week costs, who sees it. */
export interface AdMarket {
  /** Featured SKUs a market's ad holds a week (earliest-starting campaigns first). */
  slotsPerMarketWeek: number;
  /** Media cost of one featured SKU-week. */
  featureCostPerWeek: number;
  /** True when the ad reaches every store of the market, the holdout stores too. */
  marketWide: boolean;
}

/** Everything a world draws for one seed besides its own parameters. */
export interface DrawContext {
  spec: MarketWorldSpec;
  calibration: Calibration;
}

/**
 * A market world: how true demand answers promotions, and optionally how the competitor and the
 * weekly ad behave. Stock, DC, plant, search interest and noise are shared by every world.
 */
export interface WorldDefinition<P = unknown> {
  /** Kebab-case name, as given to `--world`. */
  name: string;
  /** One paragraph for people: what differs from `base`. */
  description: string;
  /** Validates what `drawParams` returns (data, never functions). */
  params: z.ZodType<P>;
  /** This seed's hidden parameters of the world (the agent never sees them). */
  drawParams(seed: number, ctx: DrawContext & { truth: MarketTruth }): P;
  /** This seed's shared truth (SKU effects, stores, noise); default: `drawTruth`. */
  drawTruth?(seed: number, ctx: DrawContext): MarketTruth;
  /** Own-promotion units multiplier of a shelf; default: `basePromoLift`. */
  promoLift?(input: LiftInput, params: P): number;
  /** The competitor's cut starting this week, or null; default: the base competitor. */
  competitor?(input: CompetitorInput, params: P): CompetitorMove | null;
  /** The weekly ad; default: no slot limit, 60 EUR a featured week, treated stores only. */
  ads?(params: P): AdMarket;
}

const fn = z.custom<(...args: never[]) => unknown>(
  (v) => typeof v === "function",
  "expected a function",
);

/** The shape a world module's definition must have (checked when a FILE is loaded). */
export const worldDefinitionSchema = z.looseObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "kebab-case, e.g. my-world"),
  description: z.string().min(1),
  // Any zod copy (an analyst's module may bring its own): only `safeParse` is called.
  params: z.custom<z.ZodType>(
    (v) => typeof (v as { safeParse?: unknown } | null)?.safeParse === "function",
    "expected a zod schema",
  ),
  drawParams: fn,
  drawTruth: fn.optional(),
  promoLift: fn.optional(),
  competitor: fn.optional(),
  ads: fn.optional(),
});

/**
 * Declares a world (identity at run time, types for the author).
 * @example
 * export default defineWorld({
 *   name: "half-ads", description: "Ads lift half as much.", params: z.object({}),
 *   drawParams: () => ({}),
 *   promoLift: (i) => basePromoLift(i.truth, i.campaign) ** 0.5,
 * });
 */
export function defineWorld<P>(def: WorldDefinition<P>): WorldDefinition<P> {
  return def;
}

/** An ad market with the promotion agent's assumptions (no slot limit, 60 EUR a week). */
export const DEFAULT_ADS: AdMarket = {
  slotsPerMarketWeek: Number.POSITIVE_INFINITY,
  featureCostPerWeek: 60,
  marketWide: false,
};

const adMarketSchema = z.strictObject({
  slotsPerMarketWeek: z.number().int().min(0).or(z.literal(Number.POSITIVE_INFINITY)),
  featureCostPerWeek: z.number().nonnegative(),
  marketWide: z.boolean(),
});

/** A world drawn for one seed: its definition bound to validated parameters. */
export class WorldModel<P = unknown> {
  readonly ads: AdMarket;
  constructor(
    readonly definition: WorldDefinition<P>,
    readonly params: P,
  ) {
    this.ads = def(definition.ads?.(params), DEFAULT_ADS);
  }

  get name(): string {
    return this.definition.name;
  }
}

function def(ads: AdMarket | undefined, fallback: AdMarket): AdMarket {
  return ads ? adMarketSchema.parse(ads) : fallback;
}
