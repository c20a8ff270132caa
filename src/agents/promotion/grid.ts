import type { Channel } from "../../domain/channel.js";
import type { Mechanic } from "../../domain/proposal.js";
import type { Scenario } from "../../domain/scenario.js";
import { addDays } from "../../domain/dates.js";

/** The mechanics the store-fitted simulator can price (others have no history to learn from). */
export const SIMULATED_MECHANICS: readonly Mechanic[] = [
  "tpr",
  "feature",
  "display",
  "feature_display",
];

/** Which scenarios to generate. */
export interface GridOptions {
  depthsPct: number[];
  weeks: number[];
  /** Start this many weeks after the first possible start. */
  startOffsets: number[];
  channelSets: Channel[][];
  mechanics: readonly Mechanic[];
}

export const DEFAULT_GRID: GridOptions = {
  depthsPct: [0, 10, 15, 20, 25, 30, 35, 40, 50],
  weeks: [1, 2, 3],
  startOffsets: [0, 1],
  channelSets: [["store"], ["store", "ecommerce"]],
  mechanics: SIMULATED_MECHANICS,
};

/** "No promotion": always a candidate, so nothing is launched that is worse than doing nothing. */
export function noPromotion(
  sku: string,
  category: string,
  market: string,
  startDate: string,
): Scenario {
  return {
    id: "no-promotion",
    sku,
    category,
    market,
    mechanic: "none",
    depthPct: 0,
    weeks: 0,
    startDate,
    channels: [],
  };
}

/** What a scope's grid is built from. */
export interface GridScope {
  skus: string[];
  category: string;
  market: string;
  firstStart: string;
  hasWebShop: boolean;
}

/**
 * A scope's scenarios by index, made only when asked for: a scope screens thousands and keeps a
 * dozen. Scenario `h × tails + t` is head `h` (SKU, mechanic, depth) with tail `t` (weeks, start,
 * channels), in the order `generateScenarios` lists them.
 */
export interface ScenarioGrid {
  readonly length: number;
  /** Scenario `i` as a new object. */
  at(i: number): Scenario;
  /** Writes scenario `i`'s fields, all but its id, into `into` (a probe reused for every index); returns it. */
  fill(i: number, into: Scenario): Scenario;
}

/** The mechanic × depth × duration × start × channels grid of each SKU (a TPR needs a price cut). */
export function scenarioGrid(input: GridScope, grid: GridOptions): ScenarioGrid {
  // One array per channel set, shared by its scenarios; nothing mutates them.
  const channelSets = grid.channelSets
    .filter((c) => input.hasWebShop || !c.includes("ecommerce"))
    .map((c) => ({ list: Object.freeze([...c]) as Channel[], key: c.join("+") }));
  // The weeks × start × channels part of each id and its dates, built once: ids are a head and a tail.
  const tails = grid.weeks.flatMap((weeks) =>
    grid.startOffsets.flatMap((offset) => {
      const startDate = addDays(input.firstStart, 7 * offset);
      return channelSets.map(({ list, key }) => ({
        weeks,
        startDate,
        channels: list,
        id: `:${weeks}w:${startDate}:${key}`,
      }));
    }),
  );
  const heads: { sku: string; mechanic: Mechanic; depthPct: number; id: string }[] = [];
  for (const sku of input.skus) {
    for (const mechanic of grid.mechanics) {
      if (!SIMULATED_MECHANICS.includes(mechanic)) continue;
      for (const depthPct of grid.depthsPct)
        if (mechanic !== "tpr" || depthPct > 0)
          heads.push({ sku, mechanic, depthPct, id: `${sku}:${mechanic}:${depthPct}` });
    }
  }
  const { category, market } = input;
  const T = tails.length;
  return {
    length: heads.length * T,
    at(i) {
      const h = heads[Math.floor(i / T)]!;
      const t = tails[i % T]!;
      return {
        id: h.id + t.id,
        sku: h.sku,
        category,
        market,
        mechanic: h.mechanic,
        depthPct: h.depthPct,
        weeks: t.weeks,
        startDate: t.startDate,
        channels: t.channels,
      };
    },
    fill(i, into) {
      const h = heads[Math.floor(i / T)]!;
      const t = tails[i % T]!;
      into.sku = h.sku;
      into.category = category;
      into.market = market;
      into.mechanic = h.mechanic;
      into.depthPct = h.depthPct;
      into.weeks = t.weeks;
      into.startDate = t.startDate;
      into.channels = t.channels;
      return into;
    },
  };
}

/** Every scenario of the grid as objects, in index order (`scenarioGrid` makes them only when asked for). */
export function generateScenarios(input: GridScope, grid: GridOptions): Scenario[] {
  const g = scenarioGrid(input, grid);
  return Array.from({ length: g.length }, (_, i) => g.at(i));
}
