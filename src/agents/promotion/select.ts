import type { Alternative, EvaluatedScenario } from "../../domain/scenario.js";

const money = (x: number) => Math.round(x).toLocaleString("en-US");

/** Best first: feasible before infeasible, then by expected incremental margin. */
export function rankScenarios(items: readonly EvaluatedScenario[]): EvaluatedScenario[] {
  return [...items].sort((a, b) => Number(b.feasible) - Number(a.feasible) || b.prediction.incrementalMargin - a.prediction.incrementalMargin);
}

/** The optimiser: the feasible scenario with the highest expected incremental margin ("no promotion" is always feasible). */
export function bestFeasible(ranked: readonly EvaluatedScenario[]): EvaluatedScenario {
  const best = ranked.find((x) => x.feasible);
  if (!best) throw new Error("no feasible scenario: the no-promotion candidate is missing");
  return best;
}

/** Describes a scenario in a few words. */
export function describeScenario(x: EvaluatedScenario): string {
  const s = x.scenario;
  if (s.mechanic === "none") return "no promotion";
  const depth = s.depthPct > 0 ? ` ${s.depthPct} % off` : " without a price cut";
  return `${s.sku} ${s.mechanic.replace("_", "+")}${depth}, ${s.weeks} week${s.weeks > 1 ? "s" : ""} from ${s.startDate} (${s.channels.join(", ")})`;
}

/**
 * Runners-up that answer "why not this instead": no promotion, the best of every other mechanic,
 * the best other SKU, and the best scenario a constraint ruled out.
 */
export function alternativesTo(chosen: EvaluatedScenario, ranked: readonly EvaluatedScenario[], max = 6): Alternative[] {
  const picked: EvaluatedScenario[] = [];
  const add = (x: EvaluatedScenario | undefined) => { if (x && x !== chosen && !picked.includes(x)) picked.push(x); };
  const feasible = ranked.filter((x) => x.feasible);
  add(feasible.find((x) => x.scenario.mechanic === "none"));
  for (const m of [...new Set(feasible.map((x) => x.scenario.mechanic))]) if (m !== chosen.scenario.mechanic) add(feasible.find((x) => x.scenario.mechanic === m));
  add(feasible.find((x) => x.scenario.sku !== chosen.scenario.sku && x.scenario.mechanic !== "none"));
  add(feasible.find((x) => x.scenario.mechanic === chosen.scenario.mechanic && x.scenario.depthPct !== chosen.scenario.depthPct));
  add(ranked.find((x) => !x.feasible && x.prediction.incrementalMargin > chosen.prediction.incrementalMargin));
  return picked.slice(0, max).map((x) => ({ scenario: x.scenario, prediction: x.prediction, whyNot: whyNot(x, chosen) }));
}

/** Why a candidate lost to the chosen one, citing numbers. */
export function whyNot(x: EvaluatedScenario, chosen: EvaluatedScenario): string {
  if (!x.feasible) return `ruled out: ${x.constraints.join("; ")} (expected margin ${money(x.prediction.incrementalMargin)})`;
  const gap = chosen.prediction.incrementalMargin - x.prediction.incrementalMargin;
  if (x.scenario.mechanic === "none") return `doing nothing earns 0 incremental margin; the chosen promotion is expected to add ${money(chosen.prediction.incrementalMargin)}`;
  return `expected incremental margin ${money(x.prediction.incrementalMargin)} vs ${money(chosen.prediction.incrementalMargin)} (${money(gap)} less; lift ${x.prediction.liftPct.toFixed(0)} %, discount cost ${money(x.prediction.discountCost)}, media ${money(x.prediction.mediaCost)})`;
}
