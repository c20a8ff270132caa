/**
 * Keeps a case's predictions honest when it changes something else: the policy now checks that
 * lift, units, margin and ROI add up and match the store, so a family that varies the SKU count,
 * the depth or the spend gets predictions that follow from its change (baseline per SKU, lift
 * from units, margin no higher than price and cost allow, ROI = margin / spend). Families that
 * test other rules also loosen the success minimums, so only their own rule can move the verdict.
 */

type Json = Record<string, unknown>;

/** The store's C01 rate in the base world: 120 units over two weeks, at cost 1.00 of 4.00. */
const BASELINE_PER_SKU = 120;
const TOTAL_PER_SKU = 360;
const UNIT_COST = 1;

/** The depth a case's mechanic gives (BOGO 50 %, multibuy from its terms), else the declared one. */
export function depthOf(p: Json): number {
  const t = (p.terms ?? {}) as { buyUnits?: number; payUnits?: number };
  const declared = Number(p.discountPct ?? 0);
  if (p.mechanic === "bogo") return Math.max(declared, 50);
  if (p.mechanic === "multibuy" && t.buyUnits && t.payUnits !== undefined)
    return Math.max(declared, (1 - t.payUnits / t.buyUnits) * 100);
  return declared;
}

/** The case's proposal with consistent predictions, and its policy with success minimums loosened unless `keepSuccess`. */
export function settle(
  proposal: Json,
  policy: Json,
  keepSuccess: boolean,
): { proposal: Json; policy: Json } {
  const scope = proposal.scope as { skus: string[] };
  const d = { ...(proposal.predicted as Record<string, number>) };
  const n = scope.skus.length;
  if (d.baselineUnits === BASELINE_PER_SKU && n > 1) {
    d.baselineUnits = BASELINE_PER_SKU * n;
    if (d.totalUnits === TOTAL_PER_SKU) d.totalUnits = TOTAL_PER_SKU * n;
  }
  const base = d.baselineUnits!;
  const total = d.totalUnits!;
  const gross = total - base;
  d.liftPct = base > 0 ? (gross / base) * 100 : 0;
  d.incrementalUnits = Math.min(d.incrementalUnits!, gross);
  const regular = Number(proposal.regularPrice);
  const channels = proposal.channels as string[];
  const promo = regular * (1 - depthOf(proposal) / 100);
  const unitPrice = channels.includes("store") && channels.includes("ecommerce") ? promo : regular;
  const budget = proposal.budget as { media: number; discount: number };
  const bound = (unitPrice - UNIT_COST) * total - (regular - UNIT_COST) * base - budget.media;
  d.incrementalMargin = Math.min(d.incrementalMargin!, Math.floor(bound));
  const spend = budget.media + budget.discount;
  if (spend > 0) d.roi = d.incrementalMargin / spend;
  const loose = keepSuccess
    ? {}
    : { success: { minLiftPct: -1e9, minIncrementalMargin: -1e9, minRoi: -1e9 } };
  return { proposal: { ...proposal, predicted: d }, policy: { ...policy, ...loose } };
}
