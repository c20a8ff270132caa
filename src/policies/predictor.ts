import type { Channel } from "../domain/channel.js";
import type { Mechanic, PromotionProposal } from "../domain/proposal.js";

/**
 * The port through which the policy asks the lift model what a scenario should sell. The policy
 * never imports the model: the graph wires the promotion agent's own simulation behind this port
 * (see src/graph/predictor.ts), so a proposal's predictions are judged by the model it was
 * planned with, not by its own numbers.
 */

/** One market's scenario, as the proposal describes it (identifiers already resolved to the store's). */
export interface ScenarioQuery {
  skus: string[];
  category: string;
  market: string;
  mechanic: Mechanic;
  /** Effective depth (%), computed from the mechanic's terms. */
  depthPct: number;
  weeks: number;
  startDate: string;
  channels: Channel[];
}

/** What the model expects for a scenario: units with an 80 % interval, per SKU and in total. */
export interface ScenarioForecast {
  baselineUnits: number;
  totalUnits: number;
  /** 80 % interval of the total units. */
  totalUnits80: [number, number];
  perSku: Record<
    string,
    { baselineUnits: number; totalUnits: number; totalUnits80: [number, number] }
  >;
  /** False when the mechanic is not simulated as such (a coupon, BOGO …): the units are then an upper bound. */
  exact: boolean;
  /** Where the numbers come from ("the plan's chosen scenario", "recomputed"). */
  source: string;
}

/** A model behind the port; `unavailable` says why it cannot predict this scenario. */
export interface ScenarioPredictor {
  predict(q: ScenarioQuery): ScenarioForecast | { unavailable: string };
}

/** The model's view of a whole proposal (summed over its markets), or why there is none. */
export type ModelCheck =
  | { status: "checked"; forecast: ScenarioForecast }
  | { status: "unavailable"; reason: string }
  | { status: "not_wired" };

const add = (a: [number, number], b: [number, number]): [number, number] => [
  a[0] + b[0],
  a[1] + b[1],
];

/** Asks `predictor` for every market of the (verified) proposal and sums the answers. */
export function modelCheck(
  predictor: ScenarioPredictor | undefined,
  p: PromotionProposal,
): ModelCheck {
  if (!predictor) return { status: "not_wired" };
  let sum: ScenarioForecast | null = null;
  for (const market of p.scope.markets) {
    const q: ScenarioQuery = {
      skus: p.scope.skus,
      category: p.scope.category,
      market,
      mechanic: p.mechanic,
      depthPct: p.discountPct,
      weeks: p.weeks,
      startDate: p.startDate,
      channels: p.channels,
    };
    let f: ReturnType<ScenarioPredictor["predict"]>;
    try {
      f = predictor.predict(q);
    } catch (e) {
      return {
        status: "unavailable",
        reason: `the model failed on ${market}: ${(e as Error).message.split("\n")[0]}`,
      };
    }
    if ("unavailable" in f) return { status: "unavailable", reason: f.unavailable };
    if (!sum) sum = { ...f, perSku: { ...f.perSku } };
    else {
      sum.baselineUnits += f.baselineUnits;
      sum.totalUnits += f.totalUnits;
      sum.totalUnits80 = add(sum.totalUnits80, f.totalUnits80);
      sum.exact &&= f.exact;
      for (const [sku, x] of Object.entries(f.perSku)) {
        const o = sum.perSku[sku];
        sum.perSku[sku] = o
          ? {
              baselineUnits: o.baselineUnits + x.baselineUnits,
              totalUnits: o.totalUnits + x.totalUnits,
              totalUnits80: add(o.totalUnits80, x.totalUnits80),
            }
          : x;
      }
    }
  }
  return sum
    ? { status: "checked", forecast: sum }
    : { status: "unavailable", reason: "no market to predict" };
}
