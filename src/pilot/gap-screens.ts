import type { PlanInput, PromotionPlan } from "../agents/promotion/index.js";
import type { Scenario } from "../domain/scenario.js";

/** What the agent's plan said of a baseline's pick: the screen that ruled it out, or its rank. */
export interface AgentVerdict {
  /** The screen (`supply guardrail`, `brand gap`, `category share`, `budget`, `risk: P floor` …) or `forecast rank`. */
  screen: string;
  /** The agent's own forecast incremental margin of the same scenario (NaN when not in its grid). */
  forecast: number;
  /** The first reason in the agent's words, or the rank and the chosen candidate's forecast. */
  detail: string;
}

/** A baseline pick as the agent's grid would spell it. */
export interface PickQuery {
  market: string;
  sku: string;
  mechanic: string;
  depthPct: number;
  weeks: number;
  startDate: string;
}

/** The screen a planner reason belongs to (the reasons are the rules' own sentences). */
export function screenOf(reason: string): string {
  const kinds: [RegExp, string][] = [
    [/units with safety margin/, "supply guardrail"],
    [/not promotable/, "stock: not promotable"],
    [/weeks from this one/, "brand gap"],
    [/SKUs already on promotion/, "category share"],
    [/budget/, "budget"],
    [/^P\(incremental margin/, "risk: P floor"],
    [/< policy minimum|ROI/, "success threshold"],
    [/spiking/, "demand spike"],
    [/revision limit|by the last verdict/, "revise limits"],
    [/finite/, "prediction not finite"],
  ];
  return kinds.find(([re]) => re.test(reason))?.[1] ?? reason.replace(/[\d.,]+/g, "#").slice(0, 40);
}

const same = (s: Scenario, q: PickQuery) =>
  s.sku === q.sku &&
  s.mechanic === q.mechanic &&
  Math.abs(s.depthPct - q.depthPct) < 0.5 &&
  s.weeks === q.weeks &&
  s.channels.length === 1 &&
  s.channels[0] === "store";

/**
 * Every plan the agent made in a pilot, by market, category and as-of date (the last attempt
 * kept): pass `record` as the pilot's `onPlan`, then ask `verdict` about a baseline's pick.
 */
export class PlanLog {
  private readonly plans = new Map<string, PromotionPlan>();

  /** Keeps a plan (the pilot's `onPlan`). */
  readonly record = (input: PlanInput, plan: PromotionPlan): void => {
    const { market, category } = input.scope;
    this.plans.set(`${market}|${category}|${input.demand.asOf.slice(0, 10)}`, plan);
  };

  /** The plans' as-of dates (the diagnostic maps them to weeks). */
  dates(): string[] {
    return [...new Set([...this.plans.keys()].map((k) => k.split("|")[2]!))];
  }

  /** What the agent's plan of `category` on `asOf` made of pick `q`; undefined without a plan. */
  verdict(category: string, asOf: string, q: PickQuery): AgentVerdict | undefined {
    const plan = this.plans.get(`${q.market}|${category}|${asOf}`);
    return plan ? verdictIn(plan, q) : undefined;
  }
}

/** Why `plan` did not choose `q` (the same scenario, at its start date if the grid has it). */
export function verdictIn(plan: PromotionPlan, q: PickQuery): AgentVerdict {
  const all = plan.screened;
  const matches = all.filter((x) => same(x.scenario, q));
  const at = matches.find((x) => x.scenario.startDate === q.startDate) ?? matches[0];
  if (!at) return { screen: "not in the agent's grid", forecast: NaN, detail: "" };
  const when =
    at.scenario.startDate === q.startDate ? "" : ` (grid start ${at.scenario.startDate})`;
  const forecast = at.prediction.incrementalMargin;
  if (!at.feasible) {
    const reasons = at.constraints;
    const screens = [...new Set(reasons.map(screenOf))];
    return { screen: screens.join(" + "), forecast, detail: `${reasons[0] ?? ""}${when}` };
  }
  const chosen = plan.choice.chosen;
  const ranked = plan.ranked.find((x) => x.scenario.id === at.scenario.id);
  const later = ranked?.constraints.find((c) => c.startsWith("P("));
  if (later) return { screen: "risk: P floor", forecast, detail: `${later}${when}` };
  if (chosen.scenario.id === at.scenario.id) return { screen: "chosen", forecast, detail: when };
  const rank = all.filter((x) => x.feasible).indexOf(at) + 1;
  const best = chosen.prediction.incrementalMargin;
  return {
    screen: "forecast rank",
    forecast,
    detail: `feasible rank ${rank}; chosen ${chosen.scenario.id} forecast ${Math.round(best)}${when}`,
  };
}
