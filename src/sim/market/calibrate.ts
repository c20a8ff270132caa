import {
  fitLiftModel,
  liftParams,
  loadFratDataset,
  buildPanel,
  type LiftParams,
} from "../../models/index.js";
import {
  calibrationSchema,
  type Calibration,
  type CategoryCalibration,
  type Spread,
} from "./calibration-schema.js";

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

function spread(xs: number[]): Spread {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) =>
    s[Math.min(s.length - 1, Math.max(0, Math.round(p * (s.length - 1))))] ?? 0;
  const mean = xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, xs.length - 1));
  return { mean: r4(mean), sd: r4(sd), p10: r4(q(0.1)), p90: r4(q(0.9)) };
}

/** The reference depth `upcEffects` quotes its effects at. */
const REF_DEPTH = 0.2;

/** Turns fitted lift-model parameters into the simulator's effect distributions (pure: testable without data). */
export function calibrationFromParams(p: LiftParams, source: string): Calibration {
  const categories: Record<string, CategoryCalibration> = {};
  for (const cat of [...new Set(p.upcs.map((u) => u.category))].sort()) {
    const ups = p.upcs.filter((u) => u.category === cat).map((u) => u.effects);
    const season = p.seasonality.find((s) => s.category === cat)?.weekOfYearLogIndex ?? [];
    const index = Array.from({ length: 52 }, (_, i) => season[i] ?? 0);
    const centre = index.reduce((a, b) => a + b, 0) / 52;
    categories[cat] = {
      upcs: ups.length,
      elasticity: spread(ups.map((e) => e.elasticity)),
      logFeature: spread(ups.map((e) => Math.log(1 + e.featureLiftPct / 100))),
      logDisplay: spread(ups.map((e) => Math.log(1 + e.displayLiftPct / 100))),
      subcategoryCannibalisation: spread(ups.map((e) => -e.subCategoryCannibalisationPct / 100)),
      // The dip is quoted after a typical (≈ 20 %) promotion; the simulator scales it by depth.
      postPromoDip: spread(ups.map((e) => -e.postPromoDipPct / 100 / REF_DEPTH)),
      seasonality: index.map((v) => r4(v - centre)),
    };
  }
  // Noise: the held-out spread of non-promoted residuals in the busiest tiers (≈ what a store sells a week).
  const buckets = (p.intervals?.buckets ?? []).filter((b) => !b.promoted && b.tier >= 3);
  const widths = buckets.map((b) => (b.q90 - b.q10) / (2 * 1.2816));
  const noiseSd = widths.length ? widths.reduce((a, b) => a + b, 0) / widths.length : 0.3;
  return calibrationSchema.parse({
    source,
    trainedThrough: p.trainedThrough,
    noiseSd: r4(noiseSd),
    storeCorrelation: r4(p.intervals?.storeCorrelation ?? 0),
    categories,
  });
}

/** Fits the lift model on every week of a *Breakfast at the Frat* folder and extracts the calibration. */
export async function calibrateFromFrat(dataDir: string): Promise<Calibration> {
  const data = await loadFratDataset(dataDir);
  const panel = buildPanel(data);
  const model = fitLiftModel(panel, panel.nWeeks - 1, {}, { calibrationWeeks: 16 });
  return calibrationFromParams(
    liftParams(model),
    "dunnhumby breakfast-at-the-frat: lift model fitted on every week (autopromo pilot calibrate)",
  );
}
