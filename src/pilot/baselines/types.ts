import type { Policy } from "../../policies/index.js";
import type { MarketWorld, WeekOutcome, WorldCampaign } from "../../sim/market/index.js";
import type { PilotScope } from "../options.js";
import type { Governor } from "./governor.js";

/** What a baseline sees when it decides after a played week. */
export interface BaselineContext {
  /**
   * The baseline's own copy of the world: its reference data, stock and calendar. Only the
   * upper bound may read `truth` or expected demand; every other baseline reads `observed`.
   */
  world: MarketWorld;
  seed: number;
  /** The week just played; campaigns may start at `week + 1` or later. */
  week: number;
  pilotStart: number;
  /** First week after the pilot. */
  pilotEnd: number;
  /** The pre-pilot calendar (every strategy runs it). */
  history: readonly WorldCampaign[];
  /** The baseline's own campaigns so far (planned ones included). */
  own: readonly WorldCampaign[];
  /** Every week this world has played, history first: what a retailer could measure. */
  observed: readonly WeekOutcome[];
  scope: PilotScope;
  policy: Policy;
  governor: Governor;
  /** The baseline's own cache for this pilot (e.g. a model fitted once): one per player. */
  memo: Map<string, unknown>;
}

/** A strategy the agent is compared with, under the same governance, costs and luck. */
export interface Baseline {
  /** Key in the report's `margin` object. */
  name: string;
  /** True for the bound that reads the world's truth (never a fair competitor). */
  knowsTruth: boolean;
  /** Campaigns fixed before the pilot's first week (a calendar, a season plan); default none. */
  plan?(ctx: BaselineContext): WorldCampaign[] | Promise<WorldCampaign[]>;
  /** Campaigns decided after week `ctx.week` was played; default none. */
  decide?(ctx: BaselineContext): WorldCampaign[];
}
