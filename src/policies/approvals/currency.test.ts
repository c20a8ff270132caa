import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkProposal } from "../check.js";
import { fixedClock } from "../../domain/clock.js";
import { makePolicy, makeProposal, seedStore } from "../testing.js";
import { openDb, type Db } from "../../store/db.js";
import { commitSpend } from "../ledger/ledger.js";

/**
 * Every currency the demo prices in (EUR, GBP, USD, CAD), against a 10,000 EUR campaign cap:
 * rates are published against USD only, as the demo's are, so GBP → EUR goes through USD.
 */
const USD_PER: Record<string, number> = { EUR: 1.08, GBP: 1.27, CAD: 0.73, USD: 1 };
const MARKETS: Record<string, string> = { DE: "EUR", UK: "GBP", "US-EAST": "USD", CA: "CAD" };
const clock = fixedClock("2025-05-20T09:00:00Z");
const policy = makePolicy({
  currency: "EUR",
  autonomy: {
    maxSpendPerCampaign: 10_000,
    maxSpendPerDay: 1e9,
    maxSpendPerWeek: 1e9,
    maxSpendPerMonth: 1e9,
  },
});
const toEur = (ccy: string) => USD_PER[ccy]! / USD_PER.EUR!;

function proposalIn(market: string, spend: number, id: string) {
  return makeProposal({
    id,
    scope: { skus: ["SKU-1"], category: "snacks", markets: [market] },
    budget: { media: 0, discount: spend },
    startDate: "2025-06-02",
  });
}

describe("money in one currency: every demo currency against the EUR cap", () => {
  let db: Db;
  beforeEach(() => {
    db = openDb(":memory:");
    seedStore(db, {
      markets: Object.entries(MARKETS).map(([id, currency]) => ({ id, currency })),
      products: [{ sku: "SKU-1", category: "snacks", unitCost: 1, regularPrice: 4 }],
      fxRates: ["GBP", "EUR", "CAD"].map((from) => ({
        date: "2025-05-19",
        from,
        to: "USD",
        rate: USD_PER[from]!,
      })),
    });
  });
  afterEach(() => db.close());

  for (const [market, ccy] of Object.entries(MARKETS)) {
    it(`${market} (${ccy}): over the cap after conversion escalates, under it does not`, () => {
      const cap = 10_000 / toEur(ccy);
      const rule = (spend: number) =>
        checkProposal(
          db,
          proposalIn(market, spend, `${market}-${spend}`),
          policy,
          clock,
        ).rules.find((r) => r.id === "autonomy.spend_per_campaign")!;
      expect(rule(Math.ceil(cap * 1.01))).toMatchObject({ outcome: "escalate" });
      expect(rule(Math.floor(cap * 0.99))).toMatchObject({ outcome: "pass" });
      const currency = checkProposal(
        db,
        proposalIn(market, 1000, `${market}-fx`),
        policy,
        clock,
      ).rules.find((r) => r.id === "integrity.currency")!;
      expect(currency.outcome).toBe("pass");
      if (ccy === "EUR") return;
      // Both amounts are shown: what was written and what the caps count.
      const shown = new RegExp(`spend ([\\d,.]+) ${ccy} = ([\\d,.]+) EUR`).exec(currency.reason);
      expect(shown, currency.reason).not.toBeNull();
      expect(Number(shown![2]!.replace(/,/g, ""))).toBeCloseTo(1000 * toEur(ccy), 0);
    });
  }

  it("the ledger stores every commitment in EUR with the amount as written beside it, and adds up", () => {
    const spends: Record<string, number> = { DE: 1000, UK: 2000, "US-EAST": 3000, CA: 4000 };
    for (const [market, spend] of Object.entries(spends))
      commitSpend(db, proposalIn(market, spend, `c-${market}`), clock, { policyCurrency: "EUR" });
    const rows = db
      .prepare(
        "SELECT campaign_id AS id, amount, currency, original_amount AS original, original_currency AS ccy FROM spend_commitments ORDER BY campaign_id",
      )
      .all() as { id: string; amount: number; currency: string; original: number; ccy: string }[];
    expect(rows.map((r) => r.currency)).toEqual(["EUR", "EUR", "EUR", "EUR"]);
    for (const r of rows) {
      const market = r.id.slice(2);
      expect(r).toMatchObject({ original: spends[market], ccy: MARKETS[market] });
      expect(r.amount).toBeCloseTo(spends[market]! * toEur(MARKETS[market]!), 6);
    }
    const total = (
      db.prepare("SELECT sum(amount) AS s FROM spend_commitments").get() as { s: number }
    ).s;
    expect(total).toBeCloseTo(
      Object.entries(spends).reduce((s, [m, x]) => s + x * toEur(MARKETS[m]!), 0),
      6,
    );
    // The ledger's sum is what the next check counts: a DE proposal that fits the cap alone no longer fits the month.
    expect(total).toBeGreaterThan(1000 + 2000);
  });
});
