import { join } from "node:path";
import { z } from "zod";
import type { Db } from "../../db.js";
import { sha256File, storePrepared } from "../ingest.js";
import { createPreparer, type PreparedRow } from "../prepare.js";
import { readCsv, type SourceRecord } from "../readers.js";
import { ingestReportSchema, type IngestReport } from "../report.js";
import { keyToColumn, requiredKeys } from "../columns.js";
import { kindSpec } from "../../kinds/index.js";
import { cjProductSchema } from "./schemas.js";

export const COMPLETE_JOURNEY_SOURCE = "complete-journey";

export const completeJourneyReportSchema = z.object({
  products: ingestReportSchema,
  households: ingestReportSchema,
  campaigns: ingestReportSchema,
  campaignTargets: ingestReportSchema,
  coupons: ingestReportSchema,
  redemptions: ingestReportSchema,
  basketLines: ingestReportSchema,
  /** What the loader did about the slice's known limits. */
  notes: z.array(z.string()),
});
export type CompleteJourneyReport = z.infer<typeof completeJourneyReportSchema>;

/** A reference check on raw values before the row's own validation: the field and why, or nothing. */
type Check = (values: Record<string, unknown>) => { field: string; reason: string } | undefined;

const text = (v: unknown): string => String(v ?? "").trim();

/**
 * Loads the `completejourney` one-year slice (see the data's SOURCE.md): products into the shared
 * catalog, then households, campaigns, targets, coupons, redemptions and the receipt-line sample
 * into the cj_* tables. Each file is one ingest (one transaction). Rows that point at an unknown
 * product, campaign or coupon are quarantined with file, line and field; re-running stores nothing.
 */
export async function ingestCompleteJourney(
  db: Db,
  dir: string,
  opts: { now?: () => Date } = {},
): Promise<CompleteJourneyReport> {
  const now = opts.now ? { now: opts.now } : {};
  const file = (name: string) => join(dir, name);
  /** One file, one ingest: reference checks on the raw row first, then the kind's own validation. */
  const ingest = async (
    kind: string,
    path: string,
    required: readonly string[],
    check?: Check,
    map: (r: SourceRecord) => SourceRecord = (r) => r,
  ): Promise<IngestReport> => {
    const sha = await sha256File(path);
    const prepare = createPreparer(db, kind, COMPLETE_JOURNEY_SOURCE);
    const rows = mapRecords(readCsv(path, required), (rec): PreparedRow => {
      const bad = check && "values" in rec ? check(rec.values) : undefined;
      return bad
        ? {
            line: rec.line,
            field: bad.field,
            reason: bad.reason,
            raw: JSON.stringify((rec as { values: unknown }).values),
          }
        : prepare(map(rec));
    });
    return storePrepared(db, rows, {
      kind,
      source: COMPLETE_JOURNEY_SOURCE,
      origin: path,
      originSha256: sha,
      ...now,
    });
  };
  const load = (kind: keyof typeof FILES, check?: Check) =>
    ingest(kind, file(FILES[kind]), requiredKeys(kindSpec(kind).rowSchema), check);

  // Every header first: a folder with a file missing a column is refused before anything is stored.
  await checkHeaders([
    [file("products.csv"), requiredKeys(cjProductSchema)],
    ...Object.entries(FILES).map(
      ([kind, name]) =>
        [file(name), requiredKeys(kindSpec(kind).rowSchema)] as [string, readonly string[]],
    ),
  ]);
  // products.csv is checked in its own terms (department, not the catalog's category) before it is mapped.
  const products = await ingest(
    "product",
    file("products.csv"),
    requiredKeys(cjProductSchema),
    (v) => {
      const r = cjProductSchema.safeParse(v);
      if (r.success) return undefined;
      const issue = r.error.issues[0]!;
      const field = issue.path.length ? keyToColumn(String(issue.path[0])) : "product_id";
      return { field, reason: `${field}: ${issue.message}` };
    },
    toProduct,
  );
  const households = await load("cj_household");
  const campaigns = await load("cj_campaign");

  const campaignIds = new Set(
    db.prepare("SELECT campaign_id FROM cj_campaigns").pluck().all() as string[],
  );
  const knownCampaign: Check = (v) =>
    campaignIds.has(text(v.campaignId))
      ? undefined
      : {
          field: "campaign_id",
          reason: `unknown campaign '${text(v.campaignId)}' (not in campaign_descriptions.csv)`,
        };
  const campaignTargets = await load("cj_campaign_target", knownCampaign);
  const coupons = await load("cj_coupon", knownCampaign);

  const couponKeys = new Set(
    db
      .prepare("SELECT DISTINCT coupon_upc || '|' || campaign_id FROM cj_coupons")
      .pluck()
      .all() as string[],
  );
  const redemptions = await load(
    "cj_coupon_redemption",
    (v) =>
      knownCampaign(v) ??
      (couponKeys.has(`${text(v.couponUpc)}|${text(v.campaignId)}`)
        ? undefined
        : {
            field: "coupon_upc",
            reason: `coupon '${text(v.couponUpc)}' is not a stored coupon of campaign '${text(v.campaignId)}'`,
          }),
  );
  const basketLines = await load("cj_basket_line");

  const notes = [
    "transactions_sample.csv is a simple random sample of line items (about 5 % of the year's 1.47 M), so every household's history is thin and incomplete.",
    "Receipt lines are stored as household facts (cj_basket_lines), not as store sales: a line sample cannot give store-level weekly sales.",
    "Products are loaded into the shared catalog with category = department and subcategory = commodity (product_category).",
  ];
  if (coupons.duplicates > 0)
    notes.push(`coupons.csv repeats ${coupons.duplicates} identical rows; each is stored once.`);
  return {
    products,
    households,
    campaigns,
    campaignTargets,
    coupons,
    redemptions,
    basketLines,
    notes,
  };
}

/** The household files by the kind each is stored as. */
const FILES = {
  cj_household: "demographics.csv",
  cj_campaign: "campaign_descriptions.csv",
  cj_campaign_target: "campaigns.csv",
  cj_coupon: "coupons.csv",
  cj_coupon_redemption: "coupon_redemptions.csv",
  cj_basket_line: "transactions_sample.csv",
} as const;

/** Reads each file's header (readCsv checks the required columns before returning a row). */
async function checkHeaders(files: [string, readonly string[]][]): Promise<void> {
  for (const [path, required] of files) {
    const it = readCsv(path, required)[Symbol.asyncIterator]();
    try {
      await it.next();
    } finally {
      await it.return?.(undefined);
    }
  }
}

/** products.csv onto the shared product kind: name from the most specific description there is. */
function toProduct(rec: SourceRecord): SourceRecord {
  if (!("values" in rec)) return rec;
  const v = rec.values;
  const p = (k: string) => (text(v[k]) === "" ? undefined : text(v[k]));
  return {
    line: rec.line,
    values: {
      sku: v.productId,
      name:
        p("productType") ??
        p("productCategory") ??
        `${text(v.department)} product ${text(v.productId)}`,
      category: v.department,
      subcategory: v.productCategory,
      brand: v.brand,
      manufacturer: v.manufacturerId,
      packSize: v.packageSize,
      currency: "USD",
    },
  };
}

async function* mapRecords<T>(
  batches: AsyncIterable<SourceRecord[]>,
  fn: (r: SourceRecord) => T,
): AsyncGenerator<T[]> {
  for await (const b of batches) yield b.map(fn);
}
