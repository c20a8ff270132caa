import type { Scenario } from "../../domain/scenario.js";
import { isFeasible, screen, screenedEarlier, screensFor } from "./constraints.js";
import type { KnownConstraints, Screens } from "./constraints.js";
import type { ScenarioGrid } from "./grid.js";
import type { Screened } from "./select.js";
import { blankPoint, type PointPrediction } from "./simulate.js";

/** Predicts a scenario, into a reused object when one is given. */
export type PredictInto<P extends PointPrediction> = (s: Scenario, into?: PointPrediction) => P;

/**
 * A scope's candidates screened and ranked as `rankScenarios` ranks them (feasible first, then by
 * expected incremental margin, ties in grid order, "no promotion" last among equals), holding of
 * each only its margin and feasibility. A candidate becomes an object (`Screened`) when it is read,
 * its scenario and prediction made again then by the same deterministic simulation: a scope
 * screens thousands and reads a few dozen, and an object per candidate was most of what a run
 * allocated.
 */
export class ScreenedGrid<P extends PointPrediction> {
  /** Candidates, "no promotion" included. */
  readonly length: number;
  readonly feasibleCount: number;
  /** Rank → index (index `grid.length` is "no promotion"). */
  private readonly order: Uint32Array;
  private readonly margins: Float64Array;
  private readonly made = new Map<number, Screened<P>>();
  private restRanked = false;

  constructor(
    private readonly grid: ScenarioGrid,
    private readonly none: Screened<P>,
    private readonly predict: PredictInto<P>,
    private readonly screens: Screens,
  ) {
    const n = grid.length;
    const margins = new Float64Array(n + 1);
    const feasible = new Uint8Array(n + 1);
    const probe: Scenario = { ...none.scenario };
    const point = blankPoint();
    for (let i = 0; i < n; i++) {
      const s = grid.fill(i, probe);
      const p = predict(s, point);
      margins[i] = p.incrementalMargin;
      feasible[i] = isFeasible(s, p, screens) ? 1 : 0;
    }
    margins[n] = none.prediction.incrementalMargin;
    feasible[n] = none.feasible ? 1 : 0;
    let feasibleCount = 0;
    for (let i = 0; i <= n; i++) feasibleCount += feasible[i]!;
    // Feasible ones first (a few percent) in rank order; the ruled-out ones are ranked only when
    // all of them are read (evals): the agent needs just the best of them.
    const order = new Uint32Array(n + 1);
    let f = 0;
    let r = feasibleCount;
    for (let i = 0; i <= n; i++) order[feasible[i] ? f++ : r++] = i;
    this.length = n + 1;
    this.feasibleCount = feasibleCount;
    this.order = order;
    this.margins = margins;
    this.byRank(0, feasibleCount).sort(this.byMargin);
    const rest = this.byRank(feasibleCount, n + 1);
    // The best ruled-out one to the front of the rest: the highest margin, the first in grid order among equals.
    let best = 0;
    for (let k = 1; k < rest.length; k++) if (this.byMargin(rest[k]!, rest[best]!) < 0) best = k;
    if (best > 0) {
      const first = rest[best]!;
      rest.copyWithin(1, 0, best);
      rest[0] = first;
    }
  }

  /** Higher margin first, then grid order. Integers only: a fractional result is a new heap number per comparison. */
  private readonly byMargin = (a: number, b: number): number => {
    const m = this.margins;
    return m[b]! > m[a]! ? 1 : m[b]! < m[a]! ? -1 : a - b;
  };

  /** Ranks `from` to `to` of the order (a view, sorted in place). */
  private byRank(from: number, to: number): Uint32Array {
    return this.order.subarray(from, to);
  }

  /** Ranks the ruled-out candidates after the best of them, once, when a rank beyond it is read. */
  private rankRest(): void {
    if (this.restRanked) return;
    this.restRanked = true;
    this.byRank(this.feasibleCount, this.length).sort(this.byMargin);
  }

  /** The candidate at `rank` (0 is the best feasible one), the same object on every read. */
  at(rank: number): Screened<P> {
    let x = this.made.get(rank);
    if (!x) {
      if (rank > this.feasibleCount) this.rankRest();
      const i = this.order[rank]!;
      x =
        i === this.grid.length
          ? this.none
          : screenedEarlier(
              this.grid.at(i),
              this.margins[i]!,
              rank < this.feasibleCount,
              this.predict,
              this.screens,
            );
      this.made.set(rank, x);
    }
    return x;
  }

  /** The first `n` candidates, best first. */
  top(n: number): Screened<P>[] {
    return Array.from({ length: Math.min(n, this.length) }, (_, r) => this.at(r));
  }

  /**
   * What `alternativesTo` reads of the ranking: the feasible candidates and the best ruled-out one
   * (ruled-out ones rank by margin, so no later one beats a chosen scenario the first does not).
   */
  forAlternatives(): Screened<P>[] {
    return this.top(Math.min(this.length, this.feasibleCount + 1));
  }

  /** The candidates read so far, best first. */
  read(): Screened<P>[] {
    return [...this.made.keys()].sort((a, b) => a - b).map((r) => this.made.get(r)!);
  }

  /** Every candidate, best first (made as objects: for evaluations that re-price all of them). */
  all(): Screened<P>[] {
    return this.top(this.length);
  }
}

/** Screens `grid` and "no promotion" (judged on its own prediction) against what the agent knows. */
export function screenGrid<P extends PointPrediction>(
  grid: ScenarioGrid,
  none: { scenario: Scenario; prediction: P },
  predict: PredictInto<P>,
  known: KnownConstraints,
): ScreenedGrid<P> {
  const screens = screensFor(known);
  return new ScreenedGrid(grid, screen(none.scenario, none.prediction, screens), predict, screens);
}
