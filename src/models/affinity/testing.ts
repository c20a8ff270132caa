import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { seededUniform } from "../targeting/random.js";

const CAMPAIGNS: [string, string, string, string][] = [
  ["1", "Type B", "2017-03-01", "2017-03-31"],
  ["2", "Type A", "2017-04-01", "2017-04-30"],
  ["3", "Type B", "2017-05-01", "2017-05-31"],
  ["4", "Type B", "2017-08-05", "2017-08-31"],
  ["5", "Type A", "2017-09-01", "2017-09-30"],
  ["6", "Type B", "2017-10-01", "2017-10-31"],
];

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * Writes a small folder in the Complete Journey layout with a planted signal (a third of the
 * households are coupon users: they use coupons in their receipts and redeem campaigns far more
 * often) and a few bad rows per file, so loader and evaluation can be tested without the real data.
 */
export function writeSyntheticCompleteJourney(
  dir: string,
  seed = 1,
): { households: number; campaigns: number } {
  mkdirSync(dir, { recursive: true });
  const u = seededUniform(seed);
  const households = Array.from({ length: 120 }, (_, i) => String(1000 + i));
  const lovers = new Set(households.filter((_, i) => i % 3 === 0));
  const products = Array.from({ length: 40 }, (_, i) => String(500 + i));
  const dept = (i: number) => (i < 30 ? "GROCERY" : "DRUG GM");
  const commodity = (i: number) => `COMMODITY ${i % 8}`;

  const csv = (name: string, header: string, rows: string[]) =>
    writeFileSync(join(dir, name), [header, ...rows].join("\n") + "\n");
  csv(
    "products.csv",
    "product_id,manufacturer_id,department,brand,product_category,product_type,package_size",
    [
      ...products.map(
        (p, i) =>
          `${p},${i % 5},${dept(i)},${i % 2 ? "National" : "Private"},${commodity(i)},TYPE ${i},${i % 4 ? "12 OZ" : ""}`,
      ),
      "599,1,,National,COMMODITY 1,TYPE X,",
    ],
  );
  csv(
    "demographics.csv",
    "household_id,age,income,home_ownership,marital_status,household_size,household_comp,kids_count",
    households
      .slice(0, 60)
      .map(
        (h, i) =>
          `${h},${i % 2 ? "25-34" : "65+"},50-74K,${i % 3 ? "Homeowner" : ""},Married,${(i % 5) + 1},2 Adults No Kids,0`,
      ),
  );
  csv("campaign_descriptions.csv", "campaign_id,campaign_type,start_date,end_date", [
    ...CAMPAIGNS.map((c) => c.join(",")),
    "99,Type C,2017-06-10,2017-06-01",
  ]);

  const targets: string[] = [];
  const couponRows: string[] = [];
  const redemptions: string[] = [];
  for (const [id, , start] of CAMPAIGNS) {
    const coupon = `C${id}`;
    for (let j = 0; j < 5; j++)
      couponRows.push(`${coupon},${products[(Number(id) * 5 + j) % products.length]},${id}`);
    for (const h of households) {
      if (u() < 0.3) continue;
      targets.push(`${id},${h}`);
      if (u() < (lovers.has(h) ? 0.5 : 0.04))
        redemptions.push(
          `${h},${coupon},${id},${start.slice(0, 8)}${pad(10 + Math.floor(u() * 15))}`,
        );
    }
  }
  csv("campaigns.csv", "campaign_id,household_id", [...targets, `77,${households[0]}`]);
  csv("coupons.csv", "coupon_upc,product_id,campaign_id", [
    ...couponRows,
    couponRows[0]!,
    "C1,NOPE,1",
  ]);
  csv("coupon_redemptions.csv", "household_id,coupon_upc,campaign_id,redemption_date", [
    ...redemptions,
    `${households[0]},C2,1,2017-03-15`,
  ]);

  const lines: string[] = [];
  let basket = 1;
  for (const h of households) {
    for (let j = 0; j < 40; j++) {
      const day = 1 + Math.floor(u() * 364);
      const date = new Date(Date.UTC(2017, 0, day));
      const p = Math.floor(u() * products.length);
      const coupon = lovers.has(h) && u() < 0.3 ? (0.5 + u()).toFixed(2) : "0";
      const ts = `${date.toISOString().slice(0, 10)} ${pad(8 + Math.floor(u() * 12))}:15:00`;
      const week = Math.min(53, Math.floor((day - 1) / 7) + 1);
      lines.push(
        `${h},301,${basket++},${products[p]},1,${(1 + u() * 5).toFixed(2)},0.2,${coupon},0,${week},${ts}`,
      );
    }
  }
  lines.push(`${households[1]},301,${basket++},${products[0]},-1,2.00,0,0,0,5,2017-02-01 10:00:00`);
  lines.push(`${households[1]},301,${basket++},NOPE,1,2.00,0,0,0,5,2017-02-01 10:00:00`);
  lines.push(`${households[1]},301,${basket++},${products[1]},1,2.00,0,0,0,5,yesterday noon`);
  lines.push(`${households[1]},301,${basket++},${products[2]},1,2.00`);
  csv(
    "transactions_sample.csv",
    "household_id,store_id,basket_id,product_id,quantity,sales_value,retail_disc,coupon_disc,coupon_match_disc,week,transaction_timestamp",
    lines,
  );
  return { households: households.length, campaigns: CAMPAIGNS.length };
}
