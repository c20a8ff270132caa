import type { LiftConfig } from "../lift/config.js";
import { logUnits, weekOfYearAt, type Panel } from "../panel.js";
import type { Seasonality } from "./seasonality.js";

const NEVER = -1_000_000;
const PRESENCE_ALPHA = 0.1;
const OWN_MEMORY_DECAY = 0.9;
const STORE_MEMORY_DECAY = 0.99;

/**
 * Per-series demand memory, advanced one week of actuals at a time (struct of arrays for speed).
 * The level is a damped-trend (Holt) smoother of deseasonalised log units on non-promoted weeks only,
 * so it is a baseline without promotional uplift; absent weeks (no sales) skip the update.
 */
export class DemandState {
  readonly level: Float64Array;
  readonly trend: Float64Array;
  readonly lastLevelWeek: Int32Array;
  readonly nBase: Int32Array;
  readonly sumBase: Float64Array;
  readonly presence: Float64Array;
  readonly refBasePrice: Float64Array;
  readonly lastPromoWeek: Int32Array;
  readonly lastSeenWeek: Int32Array;
  /** Own-series and store-wide memory of promo residuals (actual vs pooled prediction without memory). */
  readonly memSum: Float64Array;
  readonly memN: Float64Array;
  readonly storeMemSum: Float64Array;
  readonly storeMemN: Float64Array;
  /** Last observed deseasonalised log units minus the level then, and whether that week was promoted. */
  readonly lastDev: Float64Array;
  readonly lastDevPromo: Uint8Array;
  /** Running non-promoted log level per UPC: the start point of a series never seen unpromoted. */
  readonly upcSum: Float64Array;
  readonly upcN: Float64Array;
  readonly promoHistory: Uint8Array;
  private readonly futureWeekOfYear = new Map<number, number>();

  constructor(
    private readonly panel: Panel,
    private readonly season: Seasonality,
    private readonly cfg: LiftConfig,
  ) {
    const n = panel.series.length;
    this.level = new Float64Array(n);
    this.trend = new Float64Array(n);
    this.lastLevelWeek = new Int32Array(n).fill(NEVER);
    this.nBase = new Int32Array(n);
    this.sumBase = new Float64Array(n);
    this.presence = new Float64Array(n).fill(0.5);
    this.refBasePrice = new Float64Array(n).fill(Number.NaN);
    this.lastPromoWeek = new Int32Array(n).fill(NEVER);
    this.lastSeenWeek = new Int32Array(n).fill(NEVER);
    this.memSum = new Float64Array(n);
    this.memN = new Float64Array(n);
    this.storeMemSum = new Float64Array(panel.stores.length);
    this.storeMemN = new Float64Array(panel.stores.length);
    this.lastDev = new Float64Array(n);
    this.lastDevPromo = new Uint8Array(n);
    this.upcSum = new Float64Array(panel.upcs.length);
    this.upcN = new Float64Array(panel.upcs.length);
    // Bit k set = promoted k+1 weeks before the last absorbed week.
    this.promoHistory = new Uint8Array(n);
  }

  /** Store index of a series. */
  storeIdx(s: number): number {
    return this.panel.series[s]!.storeIdx;
  }

  /** Seasonal log index of a series' category at week `w`. */
  seasonAt(s: number, w: number): number {
    let woy = this.panel.weekOfYear[w];
    if (woy === undefined) {
      woy = this.futureWeekOfYear.get(w) ?? weekOfYearAt(this.panel, w);
      this.futureWeekOfYear.set(w, woy);
    }
    return this.season.index[this.panel.series[s]!.categoryIdx]![woy]!;
  }

  /** Mean deseasonalised non-promoted log level of the series' UPC across stores so far. */
  upcLevel(s: number): number {
    const u = this.panel.series[s]!.upcIdx;
    return this.upcN[u]! > 0 ? this.upcSum[u]! / this.upcN[u]! : 0;
  }

  /** Deseasonalised non-promoted log level projected to week `w` (damped trend over the gap). */
  levelAt(s: number, w: number): number {
    if (this.nBase[s] === 0) {
      const u = this.panel.series[s]!.upcIdx;
      return this.upcN[u]! > 0 ? this.upcSum[u]! / this.upcN[u]! : 0;
    }
    const gap = w - this.lastLevelWeek[s]!;
    return this.level[s]! + this.trend[s]! * dampedSum(this.cfg.trendDamping, gap);
  }

  /**
   * Fold in week `w`'s actuals for every series (absent series: zero sales, no promotion known).
   * `expected` holds, per series, the pooled model's log prediction without the memory terms (NaN if
   * none); promoted rows' misses against it feed the own-series and store promo memories, and the
   * actual less the predicted `lift` updates the level (with a smaller gain) so a series promoted
   * most weeks keeps a current baseline.
   */
  absorbWeek(w: number, expected?: Float64Array, lift?: Float64Array): void {
    const p = this.panel;
    const W = p.nWeeks;
    const { levelAlpha: a, trendBeta: b, trendDamping: phi } = this.cfg;
    for (let s = 0; s < p.series.length; s++) {
      const c = s * W + w;
      const here = p.present[c] === 1;
      this.presence[s] = (1 - PRESENCE_ALPHA) * this.presence[s]! + (here ? PRESENCE_ALPHA : 0);
      const promo = here && (p.feature[c] === 1 || p.display[c] === 1 || p.tpr[c] === 1);
      this.promoHistory[s] = ((this.promoHistory[s]! << 1) | (promo ? 1 : 0)) & 0xff;
      if (!here) continue;
      this.lastSeenWeek[s] = w;
      const y = logUnits(p.units[c]!);
      const z = y - this.seasonAt(s, w);
      this.lastDev[s] = z - this.levelAt(s, w);
      this.lastDevPromo[s] = promo ? 1 : 0;
      const base = p.basePrice[c]!;
      const ref = this.refBasePrice[s]!;
      this.refBasePrice[s] = Number.isNaN(ref) ? base : 0.8 * ref + 0.2 * base;
      if (promo) {
        this.lastPromoWeek[s] = w;
        const e = expected?.[s];
        if (e !== undefined && !Number.isNaN(e)) {
          const st = p.series[s]!.storeIdx;
          // Exponentially weighted, so a changed response replaces the old one.
          this.memSum[s] = OWN_MEMORY_DECAY * this.memSum[s]! + (y - e);
          this.memN[s] = OWN_MEMORY_DECAY * this.memN[s]! + 1;
          this.storeMemSum[st] = STORE_MEMORY_DECAY * this.storeMemSum[st]! + (y - e);
          this.storeMemN[st] = STORE_MEMORY_DECAY * this.storeMemN[st]! + 1;
        }
        const l = lift?.[s];
        if (
          l !== undefined &&
          !Number.isNaN(l) &&
          this.nBase[s]! > 0 &&
          this.cfg.promoLevelGain > 0
        ) {
          this.updateLevel(s, w, z - l, a * this.cfg.promoLevelGain, b, phi);
        }
        continue;
      }
      const u = p.series[s]!.upcIdx;
      this.upcSum[u] = this.upcSum[u]! + z;
      this.upcN[u] = this.upcN[u]! + 1;
      if (this.nBase[s] === 0) {
        this.level[s] = z;
        this.trend[s] = 0;
        this.lastLevelWeek[s] = w;
      } else {
        this.updateLevel(s, w, z, a, b, phi);
      }
      this.nBase[s] = this.nBase[s]! + 1;
      this.sumBase[s] = this.sumBase[s]! + z;
    }
  }

  /** One damped-Holt step toward observation z at week w, across any gap since the last step. */
  private updateLevel(s: number, w: number, z: number, a: number, b: number, phi: number): void {
    const gap = w - this.lastLevelWeek[s]!;
    const prev = this.level[s]!;
    const pred = prev + this.trend[s]! * dampedSum(phi, gap);
    const lvl = pred + a * (z - pred);
    this.level[s] = lvl;
    this.trend[s] = Math.pow(phi, gap) * this.trend[s]! + (b * (lvl - prev)) / Math.max(1, gap);
    this.lastLevelWeek[s] = w;
  }
}

/** φ + φ² + … + φ^gap: how far a damped trend carries over `gap` weeks. */
function dampedSum(phi: number, gap: number): number {
  if (gap <= 0) return 0;
  if (phi >= 1) return gap;
  return (phi * (1 - Math.pow(phi, gap))) / (1 - phi);
}
