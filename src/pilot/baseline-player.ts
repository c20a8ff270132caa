import type { Policy } from "../policies/index.js";
import type { MarketWorld, WeekOutcome, WorldCampaign } from "../sim/market/index.js";
import { Governor, type Baseline, type BaselineContext } from "./baselines/index.js";
import type { PilotScope } from "./options.js";

/** Shared facts of one seed's pilot every baseline player needs. */
export interface BaselineSetting {
  seed: number;
  pilotStart: number;
  pilotEnd: number;
  history: readonly WorldCampaign[];
  historyOutcomes: readonly WeekOutcome[];
  scope: PilotScope;
  policy: Policy;
  approveUpTo: number;
}

/** One baseline on its own copy of the world: its campaigns, what it observed, its governor. */
export class BaselinePlayer {
  readonly campaigns: WorldCampaign[] = [];
  private readonly observed: WeekOutcome[];
  readonly governor: Governor;
  /** The baseline's own cache (read by diagnostics, e.g. estimate-then-optimise's forecasts). */
  readonly memo = new Map<string, unknown>();

  constructor(
    readonly baseline: Baseline,
    readonly world: MarketWorld,
    private readonly s: BaselineSetting,
  ) {
    this.observed = [...s.historyOutcomes];
    this.governor = new Governor(world, s.policy, s.scope, s.approveUpTo);
  }

  /** Fixes the baseline's pre-pilot plan (a calendar, a season plan); call once before `play`. */
  async start(): Promise<void> {
    this.campaigns.push(
      ...((await this.baseline.plan?.(this.context(this.s.pilotStart - 1))) ?? []),
    );
  }

  private context(week: number): BaselineContext {
    const s = this.s;
    return {
      world: this.world,
      seed: s.seed,
      week,
      pilotStart: s.pilotStart,
      pilotEnd: s.pilotEnd,
      history: s.history,
      own: this.campaigns,
      observed: this.observed,
      scope: s.scope,
      policy: s.policy,
      governor: this.governor,
      memo: this.memo,
    };
  }

  /** Plays week `w` under the history and its campaigns; decides what starts next unless `last`. */
  play(w: number, last: boolean): { outcome: WeekOutcome; campaigns: WorldCampaign[] } {
    const campaigns = [...this.s.history, ...this.campaigns];
    const outcome = this.world.step(w, campaigns);
    this.observed.push(outcome);
    if (!last && this.baseline.decide)
      this.campaigns.push(...this.baseline.decide(this.context(w)));
    return { outcome, campaigns };
  }
}
