import { z } from "zod";
import { prepared, andSet, type Db } from "../store/index.js";
import { idSchema, isoDateSchema } from "../domain/common.js";
import { asOfDate, defineTool, shiftDate } from "./define.js";

export const consumerSignalsInputSchema = z.object({
  market: idSchema.optional(),
  kind: z.string().min(1).optional().describe("search_interest, social_mentions, weather_index …"),
  sku: idSchema.optional(),
  category: z.string().min(1).optional(),
  recentWeeks: z.number().int().min(1).max(12).default(1).describe("weeks averaged as 'recent'"),
  historyWeeks: z
    .number()
    .int()
    .min(4)
    .max(260)
    .default(52)
    .describe("weeks before them that define normal"),
});

export const signalReadingSchema = z.object({
  kind: z.string(),
  market: idSchema,
  sku: z.string().nullable(),
  category: z.string().nullable(),
  latestWeek: isoDateSchema,
  recent: z.number(),
  historyMean: z.number(),
  historySd: z.number().nonnegative(),
  historyWeeks: z.number().int().nonnegative(),
  /** (recent mean − history mean) / (history SD / √recentWeeks); null with under 4 history weeks or no spread. */
  z: z.number().nullable(),
  /** Recent mean over history mean; null when the history mean is 0. */
  ratio: z.number().nullable(),
});
export type SignalReading = z.infer<typeof signalReadingSchema>;

export const consumerSignalsOutputSchema = z.object({
  asOf: isoDateSchema,
  readings: z.array(signalReadingSchema),
});
type Query = z.output<typeof consumerSignalsInputSchema>;

/**
 * Recent value of every signal series in scope, scored against its own history. `about` keeps the
 * signals on a category: those filed under it and those about one of its SKUs.
 */
export function readSignals(
  db: Db,
  asOf: string,
  q: Query,
  about?: { category: string },
): SignalReading[] {
  const onCategory = about
    ? " AND (category = @about OR sku IN (SELECT sku FROM products WHERE category = @about))"
    : "";
  const rows = prepared(
    db,
    `SELECT kind, market_id AS market, sku, category, retail_week AS week, avg(value) AS value FROM consumer_signals
        WHERE retail_week <= @asOf AND retail_week > @after${onCategory}
          ${andSet(q, { market: "market_id = @market", kind: "kind = @kind", sku: "sku = @sku", category: "category = @category" })}
        GROUP BY kind, market_id, sku, category, retail_week ORDER BY retail_week`,
  ).all({
    asOf,
    after: shiftDate(asOf, -7 * (q.recentWeeks + q.historyWeeks)),
    market: q.market,
    kind: q.kind,
    sku: q.sku,
    category: q.category,
    about: about?.category,
  }) as {
    kind: string;
    market: string;
    sku: string | null;
    category: string | null;
    week: string;
    value: number;
  }[];
  const series = new Map<string, typeof rows>();
  for (const r of rows) {
    const key = `${r.kind}|${r.market}|${r.sku ?? ""}|${r.category ?? ""}`;
    const list = series.get(key);
    if (list) list.push(r);
    else series.set(key, [r]);
  }
  return [...series.values()].map((s) => {
    const recent = s.slice(-q.recentWeeks).map((r) => r.value);
    const history = s.slice(0, -q.recentWeeks).map((r) => r.value);
    const mean = (v: number[]): number => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : 0);
    const hMean = mean(history);
    const hSd =
      history.length > 1
        ? Math.sqrt(history.reduce((a, v) => a + (v - hMean) ** 2, 0) / (history.length - 1))
        : 0;
    const rMean = mean(recent);
    const last = s[s.length - 1]!;
    return {
      kind: last.kind,
      market: last.market,
      sku: last.sku,
      category: last.category,
      latestWeek: last.week,
      recent: rMean,
      historyMean: hMean,
      historySd: hSd,
      historyWeeks: history.length,
      z: history.length >= 4 && hSd > 0 ? (rMean - hMean) / (hSd / Math.sqrt(recent.length)) : null,
      ratio: hMean !== 0 ? rMean / hMean : null,
    };
  });
}

/** Recent consumer signal values per kind and subject, each with a z-score against its own history. */
export const consumerSignals = defineTool({
  name: "consumerSignals",
  description:
    "Recent consumer signals (search interest, social mentions, weather …) per kind, market and SKU or category, with a z-score and ratio against their own history.",
  input: consumerSignalsInputSchema,
  output: consumerSignalsOutputSchema,
  run({ db, clock }, input) {
    const asOf = asOfDate(clock);
    return { asOf, readings: readSignals(db, asOf, input) };
  },
});
