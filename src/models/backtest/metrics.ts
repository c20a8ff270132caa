import { z } from "zod";

/** Accuracy of point forecasts (and intervals, when given) on one subset of rows. */
export const accuracySchema = z.object({
  rows: z.number().int(),
  actualUnits: z.number(),
  wape: z.number().describe("Σ|pred − actual| / Σ actual"),
  bias: z.number().describe("Σ(pred − actual) / Σ actual"),
  coverage80: z.number().nullable().describe("share of actuals inside the 80 % interval"),
});
export type Accuracy = z.infer<typeof accuracySchema>;

/** Accumulates errors; intervals optional (baselines have none). */
export class AccuracyAccumulator {
  private n = 0;
  private actual = 0;
  private absErr = 0;
  private err = 0;
  private covered = 0;
  private withInterval = 0;

  /** Record one row. */
  add(pred: number, actual: number, lower?: number, upper?: number): void {
    this.n++;
    this.actual += actual;
    this.absErr += Math.abs(pred - actual);
    this.err += pred - actual;
    if (lower !== undefined && upper !== undefined) {
      this.withInterval++;
      if (actual >= lower && actual <= upper) this.covered++;
    }
  }

  /** Summary figures. */
  result(): Accuracy {
    const a = Math.max(1e-12, this.actual);
    return {
      rows: this.n,
      actualUnits: this.actual,
      wape: this.absErr / a,
      bias: this.err / a,
      coverage80: this.withInterval > 0 ? this.covered / this.withInterval : null,
    };
  }
}

/** Accuracy split into all / promoted / non-promoted rows. */
export class SplitAccuracy {
  readonly all = new AccuracyAccumulator();
  readonly promoted = new AccuracyAccumulator();
  readonly nonPromoted = new AccuracyAccumulator();

  /** Record one row in `all` and its promotion subset. */
  add(isPromoted: boolean, pred: number, actual: number, lower?: number, upper?: number): void {
    this.all.add(pred, actual, lower, upper);
    (isPromoted ? this.promoted : this.nonPromoted).add(pred, actual, lower, upper);
  }

  /** Summary per subset. */
  result(): { all: Accuracy; promoted: Accuracy; nonPromoted: Accuracy } {
    return {
      all: this.all.result(),
      promoted: this.promoted.result(),
      nonPromoted: this.nonPromoted.result(),
    };
  }
}
