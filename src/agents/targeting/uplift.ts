import { fitLogistic, sigmoid } from "../../models/targeting/glm.js";
import { assertPermittedFeatures } from "../../models/targeting/index.js";
import { protectedCategoriesOf } from "../../policies/builtin/protected-terms.js";
import type { ExperimentArm, ExperimentObservation } from "../../store/shoppers/index.js";

/** The shopper's share of spend in the promoted category: one feature, whatever the category. */
export const CATEGORY_AFFINITY = "category_affinity";
const AFFINITY_PREFIX = "affinity_";

/** Below this many rows in an arm, a channel's uplift is not estimated (and it is not targeted per shopper). */
export const MIN_ARM_ROWS = 60;
/** Ridge penalty of the per-arm logistic models (scaled by n inside fitLogistic). */
const LAMBDA = 0.01;

/** Purchase probability without contact, and with each channel's contact and contact + discount. */
export interface ShopperResponse {
  propensity: number;
  byChannel: Record<string, { contact: number; discount: number }>;
}

/** A fitted T-learner: one logistic model per arm, the control pooled over channels. */
export interface UpliftModel {
  features: string[];
  refused: string[];
  channels: string[];
  /** Channels asked for but without enough experiment rows, with why. */
  skipped: Record<string, string>;
  unitsPerOrder: number;
  rows: number;
  /** Experiment rows by the campaigns their shopper got in the 84 days before (dose → rows). */
  recentCampaignRows: Record<string, number>;
  predict(features: Record<string, number>, category: string): ShopperResponse;
}

/** Feature vector of one shopper for one category: behavioural features, then the category affinity. */
export const vectorOf = (
  names: readonly string[],
  f: Record<string, number>,
  category: string,
): number[] =>
  names.map((n) =>
    n === CATEGORY_AFFINITY ? (f[`${AFFINITY_PREFIX}${category}`] ?? 0) : (f[n] ?? 0),
  );

/**
 * Which features the models may use: every numeric behavioural feature in the data except
 * protected or vulnerability attributes (refused by name, EU AI Act Art. 5(1)(b), GDPR Art. 9),
 * with per-category affinities folded into one `category_affinity`.
 */
export function permittedFeatures(rows: readonly { features: Record<string, number> }[]): {
  used: string[];
  refused: string[];
} {
  const names = new Set<string>();
  for (const r of rows)
    for (const k of Object.keys(r.features))
      names.add(k.startsWith(AFFINITY_PREFIX) ? CATEGORY_AFFINITY : k);
  const all = [...names].sort();
  const refused = all.filter((n) => protectedCategoriesOf(n).length > 0);
  const used = all.filter((n) => !refused.includes(n));
  assertPermittedFeatures(used);
  return { used, refused };
}

/**
 * T-learner (Künzel et al. 2019) with the project's regularised logistic regression (models/targeting/glm):
 * P(buy | x) fitted separately on the control rows and on each channel's contact and contact + discount
 * rows of past randomised experiments; the uplift of an option is the difference of two fits.
 */
export function fitUpliftModel(
  obs: readonly ExperimentObservation[],
  channels: readonly string[],
): UpliftModel {
  const { used, refused } = permittedFeatures(obs);
  const p = used.length + 1;
  const raw = obs.map((o) => vectorOf(used, o.features, o.category));
  const mean = used.map((_, j) => raw.reduce((a, v) => a + v[j]!, 0) / Math.max(raw.length, 1));
  const sd = used.map(
    (_, j) =>
      Math.sqrt(raw.reduce((a, v) => a + (v[j]! - mean[j]!) ** 2, 0) / Math.max(raw.length, 1)) ||
      1,
  );
  const x = new Float64Array(obs.length * p);
  raw.forEach((v, i) => {
    x[i * p] = 1;
    v.forEach((val, j) => (x[i * p + j + 1] = (val - mean[j]!) / sd[j]!));
  });
  const y = Float64Array.from(obs, (o) => (o.converted ? 1 : 0));
  const idxOf = (pred: (o: ExperimentObservation) => boolean) =>
    Int32Array.from(obs.flatMap((o, i) => (pred(o) ? [i] : [])));
  const fit = (idx: Int32Array) => fitLogistic({ x, p }, idx, y, LAMBDA);

  const control = idxOf((o) => o.arm === "control");
  const arms: Record<string, Partial<Record<ExperimentArm, Float64Array>>> = {};
  const skipped: Record<string, string> = {};
  for (const ch of channels) {
    const contact = idxOf((o) => o.channel === ch && o.arm === "contact");
    const discount = idxOf((o) => o.channel === ch && o.arm === "contact_discount");
    const least = Math.min(control.length, contact.length, discount.length);
    if (least < MIN_ARM_ROWS) {
      skipped[ch] = `only ${least} experiment rows in its smallest arm (need ${MIN_ARM_ROWS})`;
      continue;
    }
    arms[ch] = { contact: fit(contact), contact_discount: fit(discount) };
  }
  const controlBeta = control.length >= MIN_ARM_ROWS ? fit(control) : null;
  const buyers = obs.filter((o) => o.converted);
  const unitsPerOrder = buyers.length ? buyers.reduce((a, o) => a + o.units, 0) / buyers.length : 1;

  const score = (beta: Float64Array, z: readonly number[]) =>
    sigmoid(z.reduce((a, v, j) => a + v * beta[j + 1]!, beta[0]!));
  return {
    features: used,
    refused,
    channels: controlBeta ? Object.keys(arms) : [],
    skipped: controlBeta
      ? skipped
      : Object.fromEntries(
          channels.map((c) => [c, `only ${control.length} control rows (need ${MIN_ARM_ROWS})`]),
        ),
    unitsPerOrder,
    rows: obs.length,
    recentCampaignRows: countBy(obs.map((o) => String(o.recentCampaigns))),
    predict(features, category) {
      const z = vectorOf(used, features, category).map((v, j) => (v - mean[j]!) / sd[j]!);
      const propensity = controlBeta ? score(controlBeta, z) : 0;
      const byChannel: ShopperResponse["byChannel"] = {};
      if (controlBeta)
        for (const [ch, b] of Object.entries(arms))
          byChannel[ch] = {
            contact: score(b.contact!, z),
            discount: score(b.contact_discount!, z),
          };
      return { propensity, byChannel };
    },
  };
}

function countBy(keys: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of keys) out[k] = (out[k] ?? 0) + 1;
  return out;
}
