import type { Scenario } from "../../domain/scenario.js";
import type { PointPrediction } from "./simulate.js";
import { formatWhole } from "../../domain/format.js";

/** A scenario judged on its point prediction (an EvaluatedScenario, once it has intervals, is one too). */
export interface Screened<P extends PointPrediction = PointPrediction> {
  scenario: Scenario;
  prediction: P;
  feasible: boolean;
  constraints: string[];
  /** The prediction's incremental margin, when known without reading `prediction` (the screen makes it again when read). */
  readonly margin?: number;
}

/** Expected incremental margin, without making a screened scenario's prediction again. */
const marginOf = (x: Screened) => x.margin ?? x.prediction.incrementalMargin;

/** Best first: feasible before infeasible, then by expected incremental margin (ties keep their order). */
export function rankScenarios<T extends Screened>(items: readonly T[]): T[] {
  // A sign, not the difference: a fractional result is a new heap number on each of ~40,000 comparisons.
  const byMargin = (a: T, b: T) => Math.sign(marginOf(b) - marginOf(a));
  const feasible: T[] = [];
  const rest: T[] = [];
  for (const x of items) (x.feasible ? feasible : rest).push(x);
  return [...feasible.sort(byMargin), ...rest.sort(byMargin)];
}

/** The optimiser: the feasible scenario with the highest expected incremental margin ("no promotion" is always feasible). */
export function bestFeasible<T extends Screened>(ranked: readonly T[]): T {
  const best = ranked.find((x) => x.feasible);
  if (!best) throw new Error("no feasible scenario: the no-promotion candidate is missing");
  return best;
}

/** Describes a scenario in a few words. */
export function describeScenario(x: Screened): string {
  const s = x.scenario;
  if (s.mechanic === "none") return "no promotion";
  const depth = s.depthPct > 0 ? ` ${s.depthPct} % off` : " without a price cut";
  return `${s.sku} ${s.mechanic.replace("_", "+")}${depth}, ${s.weeks} week${s.weeks > 1 ? "s" : ""} from ${s.startDate} (${s.channels.join(", ")})`;
}

/**
 * Runners-up that answer "why not this instead": no promotion, the best of every other mechanic,
 * the best other SKU, and the best scenario a constraint ruled out.
 */
export function alternativesTo<T extends Screened>(
  chosen: Screened,
  ranked: readonly T[],
  max = 6,
): { candidate: T; whyNot: string }[] {
  const picked: T[] = [];
  const add = (x: T | undefined) => {
    if (x && x.scenario.id !== chosen.scenario.id && !picked.includes(x)) picked.push(x);
  };
  const feasible = ranked.filter((x) => x.feasible);
  add(feasible.find((x) => x.scenario.mechanic === "none"));
  for (const m of [...new Set(feasible.map((x) => x.scenario.mechanic))])
    if (m !== chosen.scenario.mechanic) add(feasible.find((x) => x.scenario.mechanic === m));
  add(
    feasible.find((x) => x.scenario.sku !== chosen.scenario.sku && x.scenario.mechanic !== "none"),
  );
  add(
    feasible.find(
      (x) =>
        x.scenario.mechanic === chosen.scenario.mechanic &&
        x.scenario.depthPct !== chosen.scenario.depthPct,
    ),
  );
  add(ranked.find((x) => !x.feasible && marginOf(x) > marginOf(chosen)));
  return picked.slice(0, max).map((x) => ({ candidate: x, whyNot: whyNot(x, chosen) }));
}

/** Why a candidate lost to the chosen one, citing numbers. */
export function whyNot(x: Screened, chosen: Screened): string {
  if (!x.feasible)
    return `ruled out: ${x.constraints.join("; ")} (expected margin ${formatWhole(x.prediction.incrementalMargin)})`;
  const gap = chosen.prediction.incrementalMargin - x.prediction.incrementalMargin;
  if (x.scenario.mechanic === "none")
    return `doing nothing earns 0 incremental margin; the chosen promotion is expected to add ${formatWhole(chosen.prediction.incrementalMargin)}`;
  return `expected incremental margin ${formatWhole(x.prediction.incrementalMargin)} vs ${formatWhole(chosen.prediction.incrementalMargin)} (${formatWhole(gap)} less; lift ${x.prediction.liftPct.toFixed(0)} %, discount cost ${formatWhole(x.prediction.discountCost)}, media ${formatWhole(x.prediction.mediaCost)})`;
}
