import { describe, expect, it } from "vitest";
import { createPromotionGraph, getDecision, runScope } from "../../graph/index.js";
import { loadPolicy } from "../../policies/index.js";
import { fixedClock } from "../../domain/index.js";
import { demoEndFor, ensureDemoMarket } from "../../server/service/demo-market.js";
import { generateDemoMarket } from "./index.js";
import { openDb } from "../../store/index.js";
import { scratchDir } from "../../../test/helpers.js";

// Issue #27 item 4: the demo is generated relative to the clock it runs on, so the first cycle
// finds every planted situation whatever the day (here a Sunday in summer and a Wednesday in autumn; ingestion quarantines rows dated after the wall clock, so both lie before it).

describe("the demo market on any day", () => {
  for (const day of ["2026-08-02", "2025-11-19"]) {
    it(`plants situations the first cycle finds on ${day}`, async () => {
      const tmp = scratchDir();
      const db = openDb(`${tmp.dir}/demo.db`);
      try {
        const load = await ensureDemoMarket(db, 1, day);
        expect(load.planted.sort()).toEqual([
          "competitor_price_drop",
          "demand_spike",
          "excess_stock",
          "supply_shortfall",
        ]);
        const last = (db.prepare("SELECT max(period_end) AS d FROM sales").get() as { d: string })
          .d;
        expect(last < day).toBe(true); // the data ends before the clock, within a week of it
        expect(Date.parse(day) - Date.parse(last)).toBeLessThanOrEqual(7 * 86_400_000);
        const clock = fixedClock(`${day}T12:00:00Z`);
        const ctx = { graph: createPromotionGraph({ db, clock, policy: loadPolicy() }), db, clock };
        const planted = generateDemoMarket({ seed: 1, endWeek: demoEndFor(day) }).planted;
        const categoryOf = (sku: string) =>
          (
            db.prepare("SELECT category FROM products WHERE sku = ?").get(sku) as {
              category: string;
            }
          ).category;
        for (const p of planted) {
          const scope = { category: p.category ?? categoryOf(p.skus[0]!), market: p.market };
          const r = await runScope(ctx, scope);
          const kinds = getDecision(db, r.decisionId).findings.map((f) => f.kind);
          expect(kinds, `${p.kind} in ${scope.category}/${scope.market} on ${day}`).toContain(
            p.kind,
          );
        }
      } finally {
        db.close();
        tmp.cleanup();
      }
    }, 400_000);
  }
});
