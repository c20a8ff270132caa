import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { TargetingError } from "../errors.js";

/** One household's receipt of a campaign, when the campaign started, and whether it redeemed. */
export interface ContactRow {
  household: string;
  campaign: string;
  /** Campaign start, in days since 1970-01-01 (UTC). */
  day: number;
  redeemed: boolean;
  /** Days from the start to the household's first redemption in the campaign (null without one). */
  redeemedAfter: number | null;
}

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD")
  .transform((s) => Date.parse(`${s}T00:00:00Z`) / 86_400_000);
const descSchema = z.object({
  campaign_id: z.string().min(1),
  start_date: isoDay,
  end_date: isoDay,
});
const campSchema = z.object({ campaign_id: z.string().min(1), household_id: z.string().min(1) });
const redSchema = z.object({
  campaign_id: z.string().min(1),
  household_id: z.string().min(1),
  redemption_date: isoDay,
});

function read<T>(dir: string, name: string, schema: z.ZodType<T>): T[] {
  const file = join(dir, name);
  if (!existsSync(file))
    throw new TargetingError("FILE_NOT_FOUND", `${file}: file not found`, { file });
  const records = parse(readFileSync(file, "utf8"), {
    columns: true,
    skip_empty_lines: true,
    trim: true,
  }) as Record<string, string>[];
  return records.map((r, i) => {
    const p = schema.safeParse(r);
    if (p.success) return p.data;
    const issue = p.error.issues[0]!;
    const column = String(issue.path[0] ?? "?");
    throw new TargetingError(
      "INVALID_INPUT",
      `${file}: data row ${i + 1}, column ${column}: ${issue.message}`,
      { file, column },
    );
  });
}

/**
 * The contact history of the Complete Journey slice (campaigns.csv, campaign_descriptions.csv,
 * coupon_redemptions.csv): one row per household and campaign received, with the campaign's
 * start day and whether, and how soon, the household redeemed one of its coupons.
 */
export function loadContactHistory(dir: string): ContactRow[] {
  const desc = new Map(
    read(dir, "campaign_descriptions.csv", descSchema).map((d) => [d.campaign_id, d]),
  );
  const first = new Map<string, number>();
  for (const r of read(dir, "coupon_redemptions.csv", redSchema)) {
    const k = `${r.household_id}|${r.campaign_id}`;
    first.set(k, Math.min(first.get(k) ?? Infinity, r.redemption_date));
  }
  return read(dir, "campaigns.csv", campSchema).map((c, i) => {
    const d = desc.get(c.campaign_id);
    if (!d)
      throw new TargetingError(
        "INVALID_INPUT",
        `${join(dir, "campaigns.csv")}: data row ${i + 1}: campaign ${c.campaign_id} is not in campaign_descriptions.csv`,
        { column: "campaign_id" },
      );
    const at = first.get(`${c.household_id}|${c.campaign_id}`);
    return {
      household: c.household_id,
      campaign: c.campaign_id,
      day: d.start_date,
      redeemed: at !== undefined,
      redeemedAfter: at === undefined ? null : Math.max(0, at - d.start_date),
    };
  });
}
