import { describe, expect, it } from "vitest";
import { generateDemoMarket, readSeries } from "./index.js";

/**
 * The promotion effects the lift model will be asked to learn must really be in the rows: regress
 * log(units / local baseline) on log(price ratio), feature and display over promoted store-weeks.
 */
describe("demand realism", () => {
  const demo = generateDemoMarket({ seed: 1 });
  const pos = demo.feeds.sales.filter((b) => b.source === "pos").flatMap((b) => b.rows);
  const alias = new Map(demo.skuAliases.map((a) => [a.code, a.sku]));
  const cells = new Map<string, typeof pos>();
  for (const r of pos) {
    const key = `${r.location}|${alias.get(r.sku) ?? r.sku}`;
    cells.set(key, [...(cells.get(key) ?? []), r]);
  }

  it("recovers own-price elasticity near −2 and positive feature and display lifts", () => {
    // Normal equations for y = b1·log(price ratio) + b2·feature + b3·display (no intercept: y is already relative).
    const xtx = [0, 0, 0, 0, 0, 0, 0, 0, 0];
    const xty = [0, 0, 0];
    let dips = 0;
    let dipSum = 0;
    for (const rows of cells.values()) {
      const sorted = [...new Map(rows.map((r) => [r.date, r])).values()].sort((a, b) =>
        a.date < b.date ? -1 : 1,
      );
      const quiet = (i: number): boolean => {
        const r = sorted[i];
        const prev = sorted[i - 1];
        return !!r && !r.tpr && !r.feature && !r.display && !(prev && prev.tpr);
      };
      sorted.forEach((r, i) => {
        const near = [-4, -3, -2, 2, 3, 4].map((k) => i + k).filter(quiet);
        if (near.length < 3) return;
        const base = near.reduce((s, j) => s + (sorted[j]?.units ?? 0), 0) / near.length;
        if (base <= 0 || r.units <= 0) return;
        const y = Math.log(r.units / base);
        if (r.tpr || r.feature || r.display) {
          const x = [
            Math.log((r.pricePaid ?? 1) / (r.regularPrice ?? 1)),
            r.feature ? 1 : 0,
            r.display ? 1 : 0,
          ];
          for (let a = 0; a < 3; a++) {
            xty[a]! += x[a]! * y;
            for (let b = 0; b < 3; b++) xtx[a * 3 + b]! += x[a]! * x[b]!;
          }
        } else if (sorted[i - 1]?.tpr) {
          dips++;
          dipSum += y;
        }
      });
    }
    const [elasticity, feature, display] = solve3(xtx, xty);
    expect(elasticity).toBeGreaterThan(-2.4);
    expect(elasticity).toBeLessThan(-1.6);
    expect(Math.exp(feature)).toBeGreaterThan(1.2);
    expect(Math.exp(feature)).toBeLessThan(1.5);
    expect(Math.exp(display)).toBeGreaterThan(1.4);
    expect(Math.exp(display)).toBeLessThan(1.8);
    expect(dips).toBeGreaterThan(100);
    expect(Math.exp(dipSum / dips)).toBeLessThan(0.97);
  });

  it("web shops follow the same promotions without displays", () => {
    const web = demo.feeds.sales.find((b) => b.source === "web")?.rows ?? [];
    expect(web.some((r) => r.tpr)).toBe(true);
    expect(
      web.every((r) => !r.display && r.location === undefined && r.channel === "ecommerce"),
    ).toBe(true);
  });

  it("inventory moves with sales: next on-hand = on-hand + arrivals − units sold", () => {
    const s = readSeries(demo);
    const store = demo.feeds.inventory.find((b) => b.source === "erp")?.rows ?? [];
    const byCell = new Map<string, typeof store>();
    for (const r of store)
      if (r.location === "US-EAST-S01") byCell.set(r.sku, [...(byCell.get(r.sku) ?? []), r]);
    for (const [sku, rows] of byCell) {
      const sorted = [...new Map(rows.map((r) => [r.asOf, r])).values()].sort((a, b) =>
        a.asOf < b.asOf ? -1 : 1,
      );
      for (let i = 1; i < sorted.length; i++) {
        const prev = sorted[i - 1]!;
        const cur = sorted[i]!;
        const sold = s.units.get(`US-EAST|US-EAST-S01|${sku}`)?.get(cur.asOf.slice(0, 10)) ?? NaN;
        expect(cur.onHand).toBe(prev.onHand + (prev.inTransit ?? 0) - sold);
      }
    }
  });
});

/** Solves a 3×3 system by Cramer's rule (tiny and exact enough for a test). */
function solve3(m: number[], v: number[]): [number, number, number] {
  const at = (r: number, c: number): number => m[r * 3 + c] ?? 0;
  const det = (a: (r: number, c: number) => number): number =>
    a(0, 0) * (a(1, 1) * a(2, 2) - a(1, 2) * a(2, 1)) -
    a(0, 1) * (a(1, 0) * a(2, 2) - a(1, 2) * a(2, 0)) +
    a(0, 2) * (a(1, 0) * a(2, 1) - a(1, 1) * a(2, 0));
  const d = det(at);
  const col =
    (k: number) =>
    (r: number, c: number): number =>
      c === k ? (v[r] ?? 0) : at(r, c);
  return [det(col(0)) / d, det(col(1)) / d, det(col(2)) / d];
}
