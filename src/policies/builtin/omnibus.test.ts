import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../../store/db.js";
import type { Db } from "../../store/db.js";
import { fixedClock } from "../../domain/clock.js";
import { buildPolicyContext } from "../context/build.js";
import type { PriceFact } from "../context/types.js";
import { addDays } from "../../domain/dates.js";
import { ruleById } from "../registry.js";
import { makeContext, makePolicy, makeProposal, seedStore } from "../testing.js";

const omnibus = ruleById("pricing_law.omnibus_reference_price");
const lowest = (price: number | null): PriceFact => ({
  sku: "SKU-1",
  marketId: "M1",
  channel: "store",
  price,
  from: "2025-01-31",
  to: "2025-03-02",
});

describe("Omnibus reference price (built in)", () => {
  const p = (referencePrice?: number) =>
    makeProposal({ regularPrice: 4, discountPct: 20, referencePrice }); // promo 3.20
  it("a reference equal to the 30-day low passes; a cent above blocks with the lawful reference", () => {
    expect(
      omnibus.check(p(3.5), makeContext(makePolicy(), { priorLowestPrices: [lowest(3.5)] }))
        .outcome,
    ).toBe("pass");
    const out = omnibus.check(
      p(3.51),
      makeContext(makePolicy(), { priorLowestPrices: [lowest(3.5)] }),
    );
    expect(out.outcome).toBe("block");
    expect(out.corrections).toEqual({ referencePrice: 3.5 });
  });
  it("no announced reduction needs no check; missing history escalates to legal", () => {
    expect(omnibus.check(p(undefined), makeContext()).outcome).toBe("pass");
    expect(omnibus.check(p(3.2), makeContext()).outcome).toBe("pass");
    const out = omnibus.check(
      p(4),
      makeContext(makePolicy(), { priorLowestPrices: [lowest(null)] }),
    );
    expect(out).toMatchObject({ outcome: "escalate", approvals: { allOf: ["legal"] } });
  });
});

// Real price history: dunnhumby "Breakfast at the Frat", UPC 1111009477 (PL MINI TWIST PRETZELS) at store 367 (Covington, KY).
const dataDir =
  process.env.AUTOPROMO_DATA_DIR ??
  resolve(dirname(fileURLToPath(import.meta.url)), "../../../../shared/data");
const csvPath = resolve(dataDir, "breakfast-at-the-frat/transactions.csv");
const haveData = existsSync(csvPath);
if (!haveData)
  console.warn(`skipping Omnibus real-data test: ${csvPath} not found (set AUTOPROMO_DATA_DIR)`);

describe.skipIf(!haveData)("Omnibus on the Breakfast-at-the-Frat price history", () => {
  let db: Db;
  const loaded = makePolicy();
  beforeAll(() => {
    const rows = parse(readFileSync(csvPath), { columns: true, skip_empty_lines: true }) as Record<
      string,
      string
    >[];
    const series = rows.filter((r) => r.STORE_NUM === "367" && r.UPC === "1111009477");
    db = openDb(":memory:");
    seedStore(db, {
      sales: series.map((r) => ({
        sku: "1111009477",
        marketId: "US-KY",
        locationId: "367",
        channel: "store",
        periodStart: addDays(r.WEEK_END_DATE!, -6),
        periodEnd: r.WEEK_END_DATE!,
        pricePaid: Number(r.PRICE),
        units: Number(r.UNITS),
        feature: r.FEATURE === "1",
        display: r.DISPLAY === "1",
        tpr: r.TPR_ONLY === "1",
      })),
    });
    expect(series).toHaveLength(125);
  });
  afterAll(() => db?.close());

  const proposal = (startDate: string, referencePrice: number) =>
    makeProposal({
      scope: {
        skus: ["1111009477"],
        category: "BAG SNACKS",
        markets: ["US-KY"],
        locations: ["367"],
      },
      regularPrice: 1.49,
      promoPrice: 1.19,
      discountPct: undefined,
      referencePrice,
      startDate,
    });

  it("start 2009-03-19: lowest price of 2009-02-17..03-18 is 1.39, so 'was 1.49' is blocked and corrected to 1.39", () => {
    // Hand calculation. Window = the 30 days before the start: 2009-02-17 .. 2009-03-18. Weekly rows
    // (period = week end − 6 days .. week end) overlapping it, PRICE column:
    //   w/e 2009-02-18 (02-12..02-18) 1.49 | w/e 02-25 1.49 | w/e 03-04 1.49 | w/e 03-11 1.39 | w/e 03-18 1.48
    // (w/e 02-11 at 1.50 ends before the window.) Lowest = 1.39.
    const p = proposal("2009-03-19", 1.49);
    const ctx = buildPolicyContext(db, p, loaded, fixedClock("2009-03-10T12:00:00Z"));
    expect(ctx.priorLowestPrices).toEqual([
      {
        sku: "1111009477",
        marketId: "US-KY",
        channel: "store",
        price: 1.39,
        from: "2009-02-17",
        to: "2009-03-18",
      },
    ]);
    const out = omnibus.check(p, ctx);
    expect(out.outcome).toBe("block");
    expect(out.corrections?.referencePrice).toBe(1.39);
    expect(omnibus.check(proposal("2009-03-19", 1.39), ctx).outcome).toBe("pass");
  });

  it("start 2009-02-26: lowest price of 2009-01-27..02-25 is 1.36", () => {
    // Window 2009-01-27 .. 2009-02-25; overlapping rows: w/e 01-28 (01-22..01-28) 1.36 | w/e 02-04 1.38 |
    // w/e 02-11 1.50 | w/e 02-18 1.49 | w/e 02-25 1.49. (w/e 01-21 at 1.39 ends before the window.) Lowest = 1.36.
    const p = proposal("2009-02-26", 1.38);
    const ctx = buildPolicyContext(db, p, loaded, fixedClock("2009-02-20T12:00:00Z"));
    expect(ctx.priorLowestPrices[0]?.price).toBe(1.36);
    expect(omnibus.check(p, ctx)).toMatchObject({
      outcome: "block",
      corrections: { referencePrice: 1.36 },
    });
  });
});
