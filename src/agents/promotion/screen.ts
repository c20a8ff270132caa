import type { Scenario } from "../../domain/scenario.js";
import { isFeasible, screen, violations, type KnownConstraints } from "./constraints.js";
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

  constructor(
    private readonly grid: ScenarioGrid,
    private readonly none: Screened<P>,
    private readonly predict: PredictInto<P>,
    private readonly known: KnownConstraints,
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
      feasible[i] = isFeasible(s, p, known) ? 1 : 0;
    }
    margins[n] = none.prediction.incrementalMargin;
    feasible[n] = none.feasible ? 1 : 0;
    const order = new Uint32Array(n + 1);
    let feasibleCount = 0;
    for (let i = 0; i <= n; i++) {
      order[i] = i;
      feasibleCount += feasible[i]!;
    }
    // Integers only: a fractional comparator result is a new heap number on each of ~40,000 comparisons.
    order.sort((a, b) => feasible[b]! - feasible[a]! || (margins[b]! > margins[a]! ? 1 : margins[b]! < margins[a]! ? -1 : a - b));
    this.length = n + 1;
    this.feasibleCount = feasibleCount;
    this.order = order;
    this.margins = margins;
  }

  /** The candidate at `rank` (0 is the best feasible one), the same object on every read. */
  at(rank: number): Screened<P> {
    let x = this.made.get(rank);
    if (!x) {
      const i = this.order[rank]!;
      x = i === this.grid.length ? this.none : new GridCandidate(this.grid.at(i), this.margins[i]!, rank < this.feasibleCount, this.predict, this.known);
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

/** A screened grid candidate: its prediction is made again when first read, its reasons when first asked for. */
class GridCandidate<P extends PointPrediction> implements Screened<P> {
  private point: P | undefined;
  private reasons: string[] | undefined;
  constructor(
    readonly scenario: Scenario,
    readonly margin: number,
    readonly feasible: boolean,
    private readonly predict: PredictInto<P>,
    private readonly known: KnownConstraints,
  ) {}
  get prediction(): P {
    return (this.point ??= this.predict(this.scenario));
  }
  get constraints(): string[] {
    return (this.reasons ??= this.feasible ? [] : violations(this.scenario, this.prediction, this.known));
  }
}

/** Screens `grid` and "no promotion" (judged on its own prediction) against what the agent knows. */
export function screenGrid<P extends PointPrediction>(grid: ScenarioGrid, none: { scenario: Scenario; prediction: P }, predict: PredictInto<P>, known: KnownConstraints): ScreenedGrid<P> {
  return new ScreenedGrid(grid, screen(none.scenario, none.prediction, known), predict, known);
}
