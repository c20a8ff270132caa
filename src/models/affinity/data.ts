import { z } from "zod";
import type { Db } from "../../store/index.js";
import { ModelError } from "../errors.js";

/** What the affinity evaluation reads from the cj_* tables (loaded by `ingest --format complete-journey`). */
export interface AffinityData {
  campaigns: Campaign[];
  /** Targeted household ids by campaign id. */
  targets: Map<string, string[]>;
  /** Redemption dates by `campaign|household`. */
  redemptions: Redemption[];
  /** Coupon products of each campaign, with their department and commodity. */
  couponProducts: Map<
    string,
    { products: Set<string>; commodities: Set<string>; departments: Set<string> }
  >;
  /** Receipt lines by household, in date order. */
  lines: Map<string, Line[]>;
  /** First and last local day of the receipt sample. */
  dataStart: string;
  dataEnd: string;
  lineCount: number;
}

const campaignSchema = z.object({
  campaignId: z.string(),
  campaignType: z.string(),
  startDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  endDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
export type Campaign = z.infer<typeof campaignSchema>;

const redemptionSchema = z.object({
  householdId: z.string(),
  campaignId: z.string(),
  date: z.string(),
});
export type Redemption = z.infer<typeof redemptionSchema>;

const lineSchema = z.object({
  householdId: z.string(),
  basketId: z.string(),
  productId: z.string(),
  date: z.string(),
  sales: z.number(),
  couponDisc: z.number(),
  department: z.string().nullable(),
  commodity: z.string().nullable(),
});
export type Line = Omit<z.infer<typeof lineSchema>, "householdId">;

/** Reads the Complete Journey tables; a clear error when they are empty (nothing was ingested). */
export function loadAffinityData(db: Db): AffinityData {
  const campaigns = z
    .array(campaignSchema)
    .parse(
      db
        .prepare(
          "SELECT campaign_id AS campaignId, campaign_type AS campaignType, start_date AS startDate, end_date AS endDate FROM cj_campaigns ORDER BY start_date, campaign_id",
        )
        .all(),
    );
  const lineRows = z.array(lineSchema).parse(
    db
      .prepare(
        `SELECT l.household_id AS householdId, l.basket_id AS basketId, l.product_id AS productId, l.local_date AS date,
                l.sales_value AS sales, l.coupon_disc AS couponDisc, p.category AS department, p.subcategory AS commodity
         FROM cj_basket_lines l LEFT JOIN products p ON p.sku = l.product_id ORDER BY l.household_id, l.local_date`,
      )
      .all(),
  );
  if (campaigns.length === 0 || lineRows.length === 0) {
    throw new ModelError(
      "DATA_MISSING",
      `no Complete Journey data in this database (${campaigns.length} campaigns, ${lineRows.length} receipt lines); load it with 'autopromo ingest --format complete-journey <dir>' or pass --data <dir>`,
    );
  }

  const targets = new Map<string, string[]>();
  for (const t of z
    .array(z.object({ c: z.string(), h: z.string() }))
    .parse(
      db
        .prepare(
          "SELECT campaign_id AS c, household_id AS h FROM cj_campaign_targets ORDER BY campaign_id, household_id",
        )
        .all(),
    )) {
    let list = targets.get(t.c);
    if (!list) targets.set(t.c, (list = []));
    list.push(t.h);
  }
  const redemptions = z
    .array(redemptionSchema)
    .parse(
      db
        .prepare(
          "SELECT household_id AS householdId, campaign_id AS campaignId, redemption_date AS date FROM cj_coupon_redemptions",
        )
        .all(),
    );

  const couponProducts: AffinityData["couponProducts"] = new Map();
  const couponRows = z
    .array(
      z.object({
        c: z.string(),
        p: z.string(),
        d: z.string().nullable(),
        m: z.string().nullable(),
      }),
    )
    .parse(
      db
        .prepare(
          "SELECT DISTINCT c.campaign_id AS c, c.product_id AS p, p.category AS d, p.subcategory AS m FROM cj_coupons c LEFT JOIN products p ON p.sku = c.product_id",
        )
        .all(),
    );
  for (const r of couponRows) {
    let s = couponProducts.get(r.c);
    if (!s)
      couponProducts.set(
        r.c,
        (s = { products: new Set(), commodities: new Set(), departments: new Set() }),
      );
    s.products.add(r.p);
    if (r.m) s.commodities.add(r.m);
    if (r.d) s.departments.add(r.d);
  }

  const lines = new Map<string, Line[]>();
  let dataStart = lineRows[0]!.date;
  let dataEnd = dataStart;
  for (const { householdId, ...l } of lineRows) {
    let list = lines.get(householdId);
    if (!list) lines.set(householdId, (list = []));
    list.push(l);
    if (l.date < dataStart) dataStart = l.date;
    if (l.date > dataEnd) dataEnd = l.date;
  }
  return {
    campaigns,
    targets,
    redemptions,
    couponProducts,
    lines,
    dataStart,
    dataEnd,
    lineCount: lineRows.length,
  };
}
