import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { realDataDir } from "../../../test/real-data.js";
import {
  ingestCompleteJourney,
  listQuarantine,
  openDb,
  type CompleteJourneyReport,
  type Db,
} from "../../store/index.js";
import { evaluateAffinity } from "./evaluate.js";
import type { AffinityReport } from "./report.js";

const dir = realDataDir("complete-journey-8451");

describe.skipIf(!dir)(
  "Complete Journey slice: ingestion and affinity ranking on held-back campaigns",
  () => {
    let tmp: string;
    let db: Db;
    let first: CompleteJourneyReport;
    let report: AffinityReport;

    beforeAll(async () => {
      tmp = mkdtempSync(join(tmpdir(), "cj-real-"));
      db = openDb(join(tmp, "cj.db"));
      first = await ingestCompleteJourney(db, dir!);
      report = evaluateAffinity(db, { bootstrap: 200, seed: 1 });
    }, 120_000);
    afterAll(() => {
      db?.close();
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    });

    it("stores the files with the counts SOURCE.md gives, less the rows it quarantines", () => {
      expect(first.products).toMatchObject({ rowsRead: 92_331, stored: 92_331, quarantined: 0 });
      expect(first.households).toMatchObject({ rowsRead: 801, stored: 801 });
      expect(first.campaigns).toMatchObject({ rowsRead: 27, stored: 27 });
      expect(first.campaignTargets).toMatchObject({
        rowsRead: 6_589,
        stored: 6_589,
        quarantined: 0,
      });
      expect(first.redemptions).toMatchObject({ rowsRead: 2_102, stored: 2_102, quarantined: 0 });
      // coupons.csv repeats rows (stored once) and names 16 products that products.csv lacks.
      expect(first.coupons).toMatchObject({ rowsRead: 116_204, quarantined: 16 });
      expect(first.coupons.stored + first.coupons.duplicates + first.coupons.quarantined).toBe(
        116_204,
      );
      // 222 receipt lines name products that products.csv lacks.
      expect(first.basketLines).toMatchObject({
        rowsRead: 75_000,
        stored: 74_778,
        quarantined: 222,
      });
      const q = listQuarantine(db, { kind: "cj_basket_line", limit: 500 });
      expect(q).toHaveLength(222);
      expect(
        q.every(
          (x) =>
            x.field === "product_id" && x.file.endsWith("transactions_sample.csv") && x.line > 1,
        ),
      ).toBe(true);
    });

    it("stores nothing new when the folder is ingested again", async () => {
      const again = await ingestCompleteJourney(db, dir!);
      const reports = [
        again.products,
        again.households,
        again.campaigns,
        again.campaignTargets,
        again.coupons,
        again.redemptions,
        again.basketLines,
      ];
      expect(reports.map((r) => r.stored + r.corrected)).toEqual([0, 0, 0, 0, 0, 0, 0]);
      expect(reports.map((r) => r.alreadyQuarantined)).toEqual(reports.map((r) => r.quarantined));
    }, 120_000);

    it("returns finite precision@k with intervals for the model and every baseline, and says where the sample is thin", () => {
      expect(report.heldOut.campaigns.length).toBeGreaterThan(5);
      expect(report.pooled.map((p) => p.k)).toEqual(["10", "50", "100", "5%"]);
      for (const p of report.pooled) {
        for (const e of [
          ...Object.values(p.precision),
          p.modelMinusRandom,
          p.modelMinusPastRedemptions,
          p.modelMinusRecencyFrequency,
          p.modelMinusCouponAffinity,
        ]) {
          expect(Number.isFinite(e.value) && Number.isFinite(e.lo) && Number.isFinite(e.hi)).toBe(
            true,
          );
          expect(e.lo).toBeLessThanOrEqual(e.value + 1e-12);
          expect(e.hi).toBeGreaterThanOrEqual(e.value - 1e-12);
        }
      }
      expect(report.perCampaign.some((c) => c.thin)).toBe(true);
      expect(report.warnings.join("\n")).toMatch(/too thin/i);
      expect(report.warnings.join("\n")).toMatch(/past the data's end/);
    });
  },
);
