import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import {
  btfPatternSchema,
  DEPTH_LEVELS,
  type BtfPattern,
  type CategoryPattern,
} from "./btf-pattern-schema.js";
import { WorldError } from "./world-error.js";

type Mech = keyof CategoryPattern["mix"];

/** A promoted row's mechanic and depth, or null when the row is not promoted. */
export interface PromotedRow {
  mechanic: Mech;
  /** 1 − price ÷ regular price, 0 when there is no cut (under half a cent). */
  depth: number;
}

/** Classifies one observation the way the moments count it (shared with the world's history check). */
export function classify(
  feature: boolean,
  display: boolean,
  tprOnly: boolean,
  price: number,
  base: number,
): PromotedRow | null {
  const cut = base > 0 && price < base - 0.005;
  if (!feature && !display && !tprOnly) return null;
  const mechanic: Mech =
    feature && display ? "feature_display" : feature ? "feature" : display ? "display" : "tpr";
  return { mechanic, depth: cut ? 1 - price / base : 0 };
}

const quantile = (sorted: number[], q: number): number => {
  if (sorted.length === 0) return 0;
  const i = q * (sorted.length - 1);
  const lo = Math.floor(i);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (i - lo);
};
const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** Accumulates one category's (or the pool's) rows into the moments. */
export class MomentCounter {
  rows = 0;
  promoted = 0;
  readonly by: Record<Mech, number> = { tpr: 0, feature: 0, display: 0, feature_display: 0 };
  readonly full: Record<Mech, number> = { tpr: 0, feature: 0, display: 0, feature_display: 0 };
  readonly depths: number[] = [];
  runs = 0;

  add(p: PromotedRow | null, startsRun: boolean): void {
    this.rows++;
    if (!p) return;
    this.promoted++;
    this.by[p.mechanic]++;
    if (p.depth > 0) this.depths.push(p.depth);
    else this.full[p.mechanic]++;
    if (startsRun) this.runs++;
  }

  /** The moments of the rows seen. */
  pattern(): CategoryPattern {
    const d = [...this.depths].sort((a, b) => a - b);
    const n = Math.max(1, this.promoted);
    const mechs = Object.keys(this.by) as Mech[];
    const featured = this.by.feature + this.by.feature_display;
    return {
      rows: this.rows,
      frequency: r4(this.promoted / Math.max(1, this.rows)),
      meanRunWeeks: r4(Math.max(1, this.promoted / Math.max(1, this.runs))),
      depthQuantiles: DEPTH_LEVELS.map((q) => r4(quantile(d, q))),
      mix: Object.fromEntries(mechs.map((m) => [m, r4(this.by[m] / n)])) as CategoryPattern["mix"],
      noCut: Object.fromEntries(
        mechs.map((m) => [m, r4(this.full[m] / Math.max(1, this.by[m]))]),
      ) as CategoryPattern["noCut"],
      featureWithoutCut: r4(
        (this.full.feature + this.full.feature_display) / Math.max(1, featured),
      ),
    };
  }
}

const WEEK_MS = 7 * 86_400_000;

/**
 * The promotion moments of a Breakfast at the Frat folder, per category and pooled: share of
 * store-UPC-weeks promoted, depth quantiles of cut rows, mechanic mix, full-price shares and the
 * mean run of consecutive promoted weeks. Missing files are a `WorldError` naming them.
 */
export function btfMoments(dir: string): BtfPattern {
  const tx = join(dir, "transactions.csv");
  const pr = join(dir, "products.csv");
  for (const f of [tx, pr])
    if (!existsSync(f)) throw new WorldError("INVALID_WORLD", `BTF moments: file not found: ${f}`);
  const products = parse(readFileSync(pr, "utf8"), {
    columns: true,
    skip_empty_lines: true,
  }) as Record<string, string>[];
  const category = new Map(products.map((p) => [p.UPC!, p.CATEGORY!]));
  const rows = parse(readFileSync(tx, "utf8"), { columns: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];
  const counters = new Map<string, MomentCounter>();
  const pool = new MomentCounter();
  const lastPromoted = new Map<string, number>();
  for (const [i, r] of rows.entries()) {
    const cat = category.get(r.UPC ?? "");
    const price = Number(r.PRICE);
    const base = Number(r.BASE_PRICE);
    if (!cat)
      throw new WorldError(
        "INVALID_WORLD",
        `${tx} row ${i + 2}: UPC ${r.UPC} is not in products.csv`,
      );
    if (!r.PRICE || !r.BASE_PRICE || !Number.isFinite(price) || !Number.isFinite(base)) continue;
    const p = classify(r.FEATURE === "1", r.DISPLAY === "1", r.TPR_ONLY === "1", price, base);
    const key = `${r.STORE_NUM}|${r.UPC}`;
    const t = Date.parse(`${r.WEEK_END_DATE}T00:00:00Z`);
    const starts = p !== null && lastPromoted.get(key) !== t - WEEK_MS;
    if (p) lastPromoted.set(key, t);
    if (!counters.has(cat)) counters.set(cat, new MomentCounter());
    counters.get(cat)!.add(p, starts);
    pool.add(p, starts);
  }
  const pooled = pool.pattern();
  return btfPatternSchema.parse({
    source: `dunnhumby breakfast-at-the-frat transactions (${rows.length} rows)`,
    categories: Object.fromEntries(
      [...counters.entries()].sort().map(([c, k]) => [c, k.pattern()]),
    ),
    pooled: {
      frequency: pooled.frequency,
      featureWithoutCut: pooled.featureWithoutCut,
      depthP10: pooled.depthQuantiles[1],
      depthP90: pooled.depthQuantiles[5],
    },
  });
}
