import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { contactTimingSchema } from "../../../domain/contact-timing.js";
import { realDataDir } from "../../../../test/real-data.js";
import { seededUniform } from "../random.js";
import { fitFatigue } from "./fit.js";
import { loadContactHistory, type ContactRow } from "./load.js";

/**
 * Households with their own propensity (busy ones get more campaigns and redeem more: the
 * confounder), campaigns with their own generosity, and a planted drop per recent contact.
 */
function simulate(perContact: number, seed: number): ContactRow[] {
  const u = seededUniform(seed);
  const starts = Array.from({ length: 30 }, (_, c) => c * 12);
  const rows: ContactRow[] = [];
  for (let h = 0; h < 3_000; h++) {
    const busy = u();
    const got = starts.map((d, c) => ({ d, c })).filter(() => u() < 0.02 + 0.35 * busy);
    got.forEach(({ d, c }) => {
      const recent = got.filter((g) => g.d < d && d - g.d <= 84).length;
      const p = 0.1 + 0.5 * busy + 0.05 * (c % 3) + perContact * recent;
      rows.push({
        household: `h${h}`,
        campaign: `c${c}`,
        day: d,
        redeemed: u() < Math.max(p, 0),
        redeemedAfter: null,
      });
    });
  }
  return rows;
}

describe("contact fatigue within household and campaign", () => {
  it("recovers a planted drop per recent contact that raw rates hide", () => {
    const rows = simulate(-0.02, 3);
    const r = fitFatigue(rows);
    expect(r.perContact.lo).toBeLessThan(-0.02);
    expect(r.perContact.hi).toBeGreaterThan(-0.02);
    expect(r.perContact.hi).toBeLessThan(0);
    // Busy households are contacted more and redeem more: raw rates rise with frequency.
    expect(r.frequency[2]!.rate).toBeGreaterThan(r.reference.frequency.rate);
    expect(r.frequency[2]!.effect).toBeLessThan(r.frequency[0]!.effect);
  });

  it("finds no fatigue where none was planted", () => {
    const r = fitFatigue(simulate(0, 4));
    expect(r.perContact.lo).toBeLessThan(0);
    expect(r.perContact.hi).toBeGreaterThan(0);
    expect(r.minGapDays).toBe(0);
  });

  it("names the file, row and column of a bad date", () => {
    const dir = mkdtempSync(join(tmpdir(), "fatigue-"));
    writeFileSync(
      join(dir, "campaign_descriptions.csv"),
      "campaign_id,campaign_type,start_date,end_date\n1,Type A,2017-03-01,2017-04-01\n2,Type B,March 3,2017-04-01\n",
    );
    writeFileSync(join(dir, "campaigns.csv"), "campaign_id,household_id\n1,7\n");
    writeFileSync(
      join(dir, "coupon_redemptions.csv"),
      "household_id,coupon_upc,campaign_id,redemption_date\n",
    );
    expect(() => loadContactHistory(dir)).toThrow(
      /campaign_descriptions\.csv: data row 2, column start_date/,
    );
  });
});

const dir = realDataDir("complete-journey-8451");
describe.skipIf(!dir)("fatigue on the Complete Journey slice", () => {
  it("reads every contact and puts most redemptions in the first two weeks", () => {
    const r = fitFatigue(loadContactHistory(dir!));
    expect([r.contacts, r.households, r.campaigns]).toEqual([6_589, 1_559, 27]);
    // Measured: −1.0 pp [−2.0, +0.1] per campaign in the 84 days before (90 %).
    expect(r.perContact.effect).toBeLessThan(0);
    expect(r.redemptionWeek[0]!.share + r.redemptionWeek[1]!.share).toBeGreaterThan(0.5);
  });

  it("is where the targeting agent's fatigue and timing defaults come from", () => {
    const r = fitFatigue(loadContactHistory(dir!));
    const t = contactTimingSchema.parse({});
    // The drop is relative: the per-campaign effect over the redemption rate without recent campaigns.
    expect(t.responseDropPerRecentCampaign).toBeCloseTo(
      -r.perContact.effect / r.reference.frequency.rate,
      3,
    );
    expect(t.responseWeekShares).toHaveLength(r.redemptionWeek.length);
    r.redemptionWeek.forEach((w, k) => expect(t.responseWeekShares[k]).toBeCloseTo(w.share, 2));
  });
});
