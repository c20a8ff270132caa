import type { Db } from "../../store/index.js";
import { ModelError } from "../errors.js";
import { median, quantile } from "../stats.js";
import { seededUniform } from "../targeting/random.js";
import type { Estimate } from "../targeting/bootstrap.js";
import { loadAffinityData, type Campaign } from "./data.js";
import { campaignExamples, type Example } from "./features.js";
import { fitAffinityModel, predictAffinity } from "./model.js";
import { RankedCampaign, slotsFor } from "./precision.js";
import { chooseLambda } from "./select.js";
import { thinSampleWarnings } from "./warnings.js";
import {
  AFFINITY_DEFINITIONS,
  affinityOptionsSchema,
  affinityReportSchema,
  RANKERS,
  type AffinityOptions,
  type Heuristic,
  type AffinityReport,
  type CampaignResult,
  type PooledPrecision,
  type Ranker,
} from "./report.js";

const DAY_MS = 86_400_000;
const days = (from: string, to: string): number =>
  (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS;

/** One held-back campaign, ranked three ways (random is scored by its expectation). */
interface HeldOut {
  campaign: Campaign;
  examples: Example[];
  labels: Uint8Array;
  ranked: Record<Heuristic | "model", RankedCampaign>;
}

type Cut = { key: string; k: number | "share" };

/**
 * Affinity ranking on the Complete Journey slice, held back by time: fit on campaigns that ended
 * before `holdoutFrom`, rank each later campaign's targeted households, and measure precision@k
 * of predicted redeemers against actual ones, beside random and two heuristics, with stratified
 * bootstrap intervals.
 */
export function evaluateAffinity(db: Db, options: AffinityOptions = {}): AffinityReport {
  const started = performance.now();
  const parsed = affinityOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ModelError(
      "INVALID_INPUT",
      `affinity option ${issue.path.join(".") || "(options)"}: ${issue.message}`,
    );
  }
  const o = parsed.data;
  const data = loadAffinityData(db);
  const byId = new Map(data.campaigns.map((c) => [c.campaignId, c]));
  const typeOf = (id: string): string => byId.get(id)?.campaignType ?? "";

  const train: Campaign[] = [];
  const test: Campaign[] = [];
  const excluded: AffinityReport["excluded"] = [];
  for (const c of data.campaigns) {
    const ref = { campaignId: c.campaignId, startDate: c.startDate, endDate: c.endDate };
    const history = days(data.dataStart, c.startDate);
    if (!data.targets.get(c.campaignId)?.length)
      excluded.push({ ...ref, reason: "no targeted households stored" });
    else if (history < o.minHistoryDays)
      excluded.push({
        ...ref,
        reason: `starts ${Math.max(0, history)} days after the receipt data begins (${data.dataStart}); fewer than ${o.minHistoryDays} days of history`,
      });
    else if (c.endDate < o.holdoutFrom) train.push(c);
    else if (c.startDate >= o.holdoutFrom) test.push(c);
    else
      excluded.push({
        ...ref,
        reason: `runs across the hold-out date ${o.holdoutFrom}: its outcome is not known when the held-back period starts`,
      });
  }
  if (train.length === 0 || test.length === 0) {
    throw new ModelError(
      "INVALID_INPUT",
      `hold-out date ${o.holdoutFrom} leaves ${train.length} training and ${test.length} held-back campaigns; need at least one of each`,
    );
  }

  const trainExamples = train.flatMap((c) => campaignExamples(data, c));
  const lambdaSelection =
    o.lambda === undefined ? chooseLambda(trainExamples, typeOf, o.topShare) : undefined;
  const model = fitAffinityModel(trainExamples, typeOf, o.lambda ?? lambdaSelection!.lambda);
  const tie = seededUniform(o.seed ^ 0x5eed);
  const heldOut: HeldOut[] = test.map((campaign) => {
    const examples = campaignExamples(data, campaign);
    const tieBreak = Float64Array.from(examples, () => tie());
    const rank = (score: (e: Example) => number) =>
      new RankedCampaign(Float64Array.from(examples, score), tieBreak);
    return {
      campaign,
      examples,
      labels: Uint8Array.from(examples, (e) => e.redeemed),
      ranked: {
        model: rank((e) => predictAffinity(model, e, campaign.campaignType)),
        recencyFrequency: rank((e) => e.recencyFrequency),
        pastRedemptions: rank((e) => e.pastRedemptions),
        couponAffinity: rank((e) => e.couponAffinity),
      },
    };
  });

  const cuts: Cut[] = [
    ...o.ks.map((k) => ({ key: String(k), k })),
    { key: `${+(o.topShare * 100).toFixed(2)}%`, k: "share" as const },
  ];
  const figures = (copies: Int32Array[]): Map<string, number> => {
    const out = new Map<string, number>();
    for (const cut of cuts) {
      const hits: Record<Ranker, number> = {
        model: 0,
        pastRedemptions: 0,
        recencyFrequency: 0,
        couponAffinity: 0,
        random: 0,
      };
      let slots = 0;
      heldOut.forEach((h, ci) => {
        const n = h.examples.length;
        const s = slotsFor(cut.k, n, o.topShare);
        if (s === undefined) return;
        const c = copies[ci]!;
        let positives = 0;
        for (let i = 0; i < n; i++) positives += c[i]! * h.labels[i]!;
        for (const r of RANKERS) {
          const got = r === "random" ? (s * positives) / n : h.ranked[r].hitsAtK(c, h.labels, s);
          out.set(`${h.campaign.campaignId}|${cut.key}|${r}`, got / s);
          hits[r] += got;
        }
        slots += s;
      });
      if (slots === 0) continue;
      for (const r of RANKERS) out.set(`pool|${cut.key}|${r}`, hits[r] / slots);
      for (const r of RANKERS)
        if (r !== "model") out.set(`pool|${cut.key}|model-${r}`, (hits.model - hits[r]) / slots);
    }
    return out;
  };

  const point = figures(heldOut.map((h) => new Int32Array(h.examples.length).fill(1)));
  const draws = new Map<string, number[]>([...point.keys()].map((k) => [k, []]));
  const u = seededUniform(o.seed);
  for (let b = 0; b < o.bootstrap; b++) {
    const copies = heldOut.map((h) => {
      const n = h.examples.length;
      const c = new Int32Array(n);
      for (let i = 0; i < n; i++) c[Math.floor(u() * n)]!++;
      return c;
    });
    for (const [k, v] of figures(copies)) if (Number.isFinite(v)) draws.get(k)?.push(v);
  }
  const tail = (1 - o.level) / 2;
  const est = (key: string): Estimate => {
    const value = point.get(key)!;
    const d = draws.get(key) ?? [];
    return d.length
      ? { value, lo: quantile(d, tail), hi: quantile(d, 1 - tail) }
      : { value, lo: value, hi: value };
  };
  const rankers = (prefix: string) =>
    Object.fromEntries(RANKERS.map((r) => [r, est(`${prefix}|${r}`)])) as Record<Ranker, Estimate>;

  const pooled: PooledPrecision[] = cuts.flatMap((cut) => {
    if (!point.has(`pool|${cut.key}|model`)) return [];
    const fits = heldOut.filter(
      (h) => slotsFor(cut.k, h.examples.length, o.topShare) !== undefined,
    );
    return [
      {
        k: cut.key,
        campaigns: fits.length,
        slots: fits.reduce((s, h) => s + slotsFor(cut.k, h.examples.length, o.topShare)!, 0),
        precision: rankers(`pool|${cut.key}`),
        modelMinusRandom: est(`pool|${cut.key}|model-random`),
        modelMinusRecencyFrequency: est(`pool|${cut.key}|model-recencyFrequency`),
        modelMinusPastRedemptions: est(`pool|${cut.key}|model-pastRedemptions`),
        modelMinusCouponAffinity: est(`pool|${cut.key}|model-couponAffinity`),
      },
    ];
  });

  const perCampaign: CampaignResult[] = heldOut.map((h) => {
    const n = h.examples.length;
    const redeemers = h.labels.reduce((s, v) => s + v, 0);
    const precision: CampaignResult["precision"] = {};
    for (const cut of cuts)
      if (point.has(`${h.campaign.campaignId}|${cut.key}|model`))
        precision[cut.key] = rankers(`${h.campaign.campaignId}|${cut.key}`);
    return {
      campaignId: h.campaign.campaignId,
      type: h.campaign.campaignType,
      startDate: h.campaign.startDate,
      endDate: h.campaign.endDate,
      targeted: n,
      redeemers,
      baseRate: redeemers / n,
      couponProducts: data.couponProducts.get(h.campaign.campaignId)?.products.size ?? 0,
      couponCommodities: data.couponProducts.get(h.campaign.campaignId)?.commodities.size ?? 0,
      noHistoryShare: h.examples.filter((e) => e.priorLines === 0).length / n,
      thin: redeemers < o.thinRedeemers,
      truncated: h.campaign.endDate > data.dataEnd,
      precision,
    };
  });

  const testExamples = heldOut.flatMap((h) => h.examples);
  const heldRedeemers = testExamples.reduce((s, e) => s + e.redeemed, 0);
  const report: AffinityReport = {
    settings: { ...o },
    data: {
      campaigns: data.campaigns.length,
      targetedPairs: [...data.targets.values()].reduce((s, l) => s + l.length, 0),
      redemptions: data.redemptions.length,
      receiptLines: data.lineCount,
      households: data.lines.size,
      dataStart: data.dataStart,
      dataEnd: data.dataEnd,
    },
    train: {
      campaigns: train.map((c) => c.campaignId),
      pairs: trainExamples.length,
      redeemers: trainExamples.reduce((s, e) => s + e.redeemed, 0),
      medianPriorLines: median(trainExamples.map((e) => e.priorLines)),
    },
    heldOut: {
      campaigns: test.map((c) => c.campaignId),
      pairs: testExamples.length,
      redeemers: heldRedeemers,
      baseRate: heldRedeemers / testExamples.length,
      medianPriorLines: median(testExamples.map((e) => e.priorLines)),
      noHistoryShare: testExamples.filter((e) => e.priorLines === 0).length / testExamples.length,
    },
    excluded,
    model,
    ...(lambdaSelection ? { lambdaSelection } : {}),
    pooled,
    perCampaign,
    warnings: [],
    definitions: { ...AFFINITY_DEFINITIONS },
    seconds: 0,
  };
  report.warnings = thinSampleWarnings(report);
  report.seconds = (performance.now() - started) / 1000;
  return affinityReportSchema.parse(report);
}
