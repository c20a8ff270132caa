import { z } from "zod";
import { TargetingError } from "./errors.js";
import { FEATURE_NAMES, designMatrix, scalingSchema, type Scaling } from "./features.js";
import { ensembleSchema, fitGbdt, predictEnsemble } from "./gbdt.js";
import { fitLogistic, fitRidge, fitRidgeOnColumns, linear, sigmoid, type Design } from "./glm.js";
import { fitDrLearner, fitXLearner } from "./pseudo-outcome.js";
import {
  fitBoostedDr,
  fitBoostedX,
  predictUpliftEnsemble,
  upliftEnsembleSchema,
} from "./boosted-pseudo.js";
import { fitPooledLogistic } from "./s-learner.js";
import { ARMS, CONTROL, armSchema, type HillstromRow, type ShopperFeatures } from "./hillstrom.js";

export const OUTCOMES = ["visit", "conversion", "spend"] as const;
export const outcomeSchema = z.enum(OUTCOMES);
export type Outcome = z.infer<typeof outcomeSchema>;

/**
 * t-logistic: one regularised logistic model per arm (binary outcomes); t-ridge: one ridge model
 * per arm; s-logistic: one pooled logistic model with arm × feature interactions shrunk by λ
 * (see s-learner.ts); t-two-part (spend): per-arm logistic P(conversion) × pooled ridge basket value given a
 * conversion; transformed-outcome: ridge on Y·(T−p)/(p(1−p)), whose mean given x is the uplift
 * (Athey & Imbens 2015; the class transformation generalised to unequal arms and spend); t-gbdt:
 * one boosted-tree model per arm (gbdt.ts; logistic loss for binary outcomes, squared for spend);
 * x-learner, dr-learner: ridge on imputed or doubly robust pseudo-outcomes (pseudo-outcome.ts);
 * x-gbdt, dr-gbdt: the same two learners with boosted trees in both stages (boosted-pseudo.ts);
 * t-segment: per arm, the mean outcome of each merchandise segment (Mens only, Womens only, both),
 * the fewest-parameter candidate, so CV can say whether the other features add ranking skill;
 * blend: the mean of the per-arm levels of BLEND_MEMBERS (segment means, strongly and lightly
 * pooled S-learners), model averaging that lowers the variance of the ranking.
 */
export const learnerKindSchema = z.enum([
  "t-logistic",
  "s-logistic",
  "t-ridge",
  "t-two-part",
  "transformed-outcome",
  "t-gbdt",
  "x-gbdt",
  "dr-gbdt",
  "x-learner",
  "dr-learner",
  "t-segment",
  "blend",
]);
export type LearnerKind = z.infer<typeof learnerKindSchema>;
/** λ is the ridge penalty of the linear learners and the leaf L2 of t-gbdt; trees/depth/rate only apply to t-gbdt. */
export const learnerSpecSchema = z.object({
  kind: learnerKindSchema,
  lambda: z.number().nonnegative(),
  trees: z.number().int().positive().optional(),
  depth: z.number().int().positive().optional(),
  rate: z.number().positive().optional(),
  minChild: z.number().nonnegative().optional(),
  /** Boosted learners: share of each fit's rows held out to stop adding trees (0 or absent: none). */
  validationShare: z.number().min(0).max(0.5).optional(),
});
export type LearnerSpec = z.infer<typeof learnerSpecSchema>;

/** A short human label of a learner's settings, e.g. "λ 0.001" or "λ 1, 50 trees, depth 2, rate 0.1, min child 200". */
export function describeSpec(s: LearnerSpec): string {
  if (!BOOSTED.has(s.kind)) return `λ ${s.lambda}`;
  const stop = s.validationShare ? `, early stop on ${Math.round(s.validationShare * 100)} %` : "";
  return `λ ${s.lambda}, ${s.trees ?? 100} trees, depth ${s.depth ?? 3}, rate ${s.rate ?? 0.05}${s.minChild === undefined ? "" : `, min child ${s.minChild}`}${stop}`;
}

const BOOSTED = new Set<LearnerKind>(["t-gbdt", "x-gbdt", "dr-gbdt"]);

/** True when two specs name the same learner and settings. */
export function sameSpec(a: LearnerSpec, b: LearnerSpec): boolean {
  return describeSpec(a) === describeSpec(b) && a.kind === b.kind;
}

/** One fitted linear component, with coefficients by feature name on the standardised scale. */
export const componentSchema = z.object({
  role: z.enum(["level", "uplift", "basket"]),
  arm: armSchema.nullable(),
  link: z.enum(["logit", "identity"]),
  coefficients: z.record(z.string(), z.number()),
  /** Index into BLEND_MEMBERS when the component belongs to one member of a blend. */
  member: z.number().int().nonnegative().optional(),
});
export type Component = z.infer<typeof componentSchema>;

/** Everything needed to score a shopper for one outcome: inspectable and serialisable. */
export const outcomeModelSchema = z.object({
  outcome: outcomeSchema,
  spec: learnerSpecSchema,
  scaling: scalingSchema,
  components: z.array(componentSchema),
  /** Per-arm tree ensembles (t-gbdt only), on the same standardised design columns. */
  ensembles: z.array(z.object({ arm: armSchema, ensemble: ensembleSchema })).optional(),
  /** Per-e-mail boosted uplift (x-gbdt, dr-gbdt only). */
  upliftEnsembles: z.array(upliftEnsembleSchema.extend({ arm: armSchema })).optional(),
});
export type OutcomeModel = z.infer<typeof outcomeModelSchema>;

const NAMES = ["intercept", ...FEATURE_NAMES];
const named = (beta: ArrayLike<number>): Record<string, number> =>
  Object.fromEntries(NAMES.map((n, j) => [n, beta[j]!]));
const vector = (c: Component): number[] => NAMES.map((n) => c.coefficients[n] ?? 0);

function armRows(rows: readonly HillstromRow[], idx: ArrayLike<number>, arm: number): Int32Array {
  const out: number[] = [];
  for (let k = 0; k < idx.length; k++) if (rows[idx[k]!]!.arm === arm) out.push(idx[k]!);
  if (out.length === 0)
    throw new TargetingError("EMPTY_ARM", `no training rows in arm ${ARMS[arm]}`);
  return Int32Array.from(out);
}

/** The learners a blend averages: three pooling strengths whose errors differ. */
export const BLEND_MEMBERS: readonly LearnerSpec[] = [
  { kind: "t-segment", lambda: 1e-4 },
  { kind: "s-logistic", lambda: 10 },
  { kind: "s-logistic", lambda: 1e-2 },
];

/** Fit one outcome's uplift model on rows idx of a prepared design (used by cross-validation too). */
export function fitOutcomeOnDesign(
  rows: readonly HillstromRow[],
  d: Design,
  idx: ArrayLike<number>,
  outcome: Outcome,
  spec: LearnerSpec,
  scaling: Scaling,
): OutcomeModel {
  const y = Float64Array.from(rows, (r) => r[outcome]);
  const perArm = ARMS.map((_, a) => armRows(rows, idx, a));
  const components: Component[] = [];
  const prm = {
    trees: spec.trees ?? 100,
    depth: spec.depth ?? 3,
    rate: spec.rate ?? 0.05,
    l2: spec.lambda,
    ...(spec.minChild === undefined ? {} : { minChildWeight: spec.minChild }),
    ...(spec.validationShare === undefined ? {} : { validationShare: spec.validationShare }),
  };
  if (spec.kind === "blend") {
    if (outcome === "spend")
      throw new TargetingError("INVALID_INPUT", "blend needs a binary outcome");
    BLEND_MEMBERS.forEach((m, k) => {
      const fit = fitOutcomeOnDesign(rows, d, idx, outcome, m, scaling);
      components.push(...fit.components.map((c) => ({ ...c, member: k })));
    });
    return { outcome, spec, scaling, components };
  }
  if (spec.kind === "t-gbdt") {
    const loss = outcome === "spend" ? "squared" : "logistic";
    return {
      outcome,
      spec,
      scaling,
      components,
      ensembles: perArm.map((ix, a) => ({ arm: ARMS[a]!, ensemble: fitGbdt(d, ix, y, loss, prm) })),
    };
  }
  if (spec.kind === "x-gbdt" || spec.kind === "dr-gbdt") {
    // The effect stage regresses noisy pseudo-outcomes (squared loss, unit hessian): its smallest
    // leaf is counted in rows, ten times the nuisance's hessian-weighted minimum.
    const settings = {
      nuisance: prm,
      effect: { ...prm, minChildWeight: 10 * (prm.minChildWeight ?? 20) },
      binary: outcome !== "spend",
    };
    const fit = spec.kind === "x-gbdt" ? fitBoostedX : fitBoostedDr;
    return {
      outcome,
      spec,
      scaling,
      components,
      upliftEnsembles: fit(d, perArm, y, settings).map((u, a) => ({ ...u, arm: ARMS[a]! })),
    };
  }
  if (spec.kind === "t-logistic" || spec.kind === "t-ridge") {
    if (spec.kind === "t-logistic" && outcome === "spend")
      throw new TargetingError("INVALID_INPUT", "t-logistic needs a binary outcome");
    perArm.forEach((ix, a) => {
      const beta =
        spec.kind === "t-logistic"
          ? fitLogistic(d, ix, y, spec.lambda)
          : fitRidge(d, ix, y, spec.lambda);
      components.push({
        role: "level",
        arm: ARMS[a]!,
        link: spec.kind === "t-logistic" ? "logit" : "identity",
        coefficients: named(beta),
      });
    });
  } else if (spec.kind === "t-segment") {
    // Ridge on the intercept and the mens and womens dummies: saturated for the three segments a
    // Hillstrom file holds (every shopper bought Mens, Womens or both), so it returns segment means.
    const cols = [0, 1 + FEATURE_NAMES.indexOf("mens"), 1 + FEATURE_NAMES.indexOf("womens")];
    perArm.forEach((ix, a) =>
      components.push({
        role: "level",
        arm: ARMS[a]!,
        link: "identity",
        coefficients: named(fitRidgeOnColumns(d, ix, y, spec.lambda, cols)),
      }),
    );
  } else if (spec.kind === "x-learner" || spec.kind === "dr-learner") {
    const fit = spec.kind === "x-learner" ? fitXLearner : fitDrLearner;
    fit(d, perArm, y, outcome !== "spend", spec.lambda).forEach((beta, a) =>
      components.push({
        role: "uplift",
        arm: ARMS[a]!,
        link: "identity",
        coefficients: named(beta),
      }),
    );
  } else if (spec.kind === "s-logistic") {
    if (outcome === "spend")
      throw new TargetingError("INVALID_INPUT", "s-logistic needs a binary outcome");
    fitPooledLogistic(rows, d, idx, y, spec.lambda).forEach((beta, a) =>
      components.push({ role: "level", arm: ARMS[a]!, link: "logit", coefficients: named(beta) }),
    );
  } else if (spec.kind === "t-two-part") {
    const conv = Float64Array.from(rows, (r) => r.conversion);
    perArm.forEach((ix, a) =>
      components.push({
        role: "level",
        arm: ARMS[a]!,
        link: "logit",
        coefficients: named(fitLogistic(d, ix, conv, spec.lambda)),
      }),
    );
    // Few buyers per arm, so the basket value is pooled across arms and heavily shrunk.
    const buyers = Int32Array.from(Array.from(idx).filter((i) => rows[i]!.conversion === 1));
    const basket =
      buyers.length > 0 ? fitRidge(d, buyers, y, Math.max(spec.lambda, 1)) : new Float64Array(d.p);
    components.push({ role: "basket", arm: null, link: "identity", coefficients: named(basket) });
  } else {
    for (const a of [0, 1]) {
      const ix = Int32Array.from([...perArm[a]!, ...perArm[CONTROL]!]);
      const p = perArm[a]!.length / ix.length;
      const ystar = new Float64Array(rows.length);
      for (const i of ix) ystar[i] = (y[i]! * ((rows[i]!.arm === a ? 1 : 0) - p)) / (p * (1 - p));
      components.push({
        role: "uplift",
        arm: ARMS[a]!,
        link: "identity",
        coefficients: named(fitRidge(d, ix, ystar, spec.lambda)),
      });
    }
  }
  return { outcome, spec, scaling, components };
}

/** Fit one outcome's uplift model on randomised rows. */
export function fitOutcomeModel(
  rows: readonly HillstromRow[],
  outcome: Outcome,
  spec: LearnerSpec,
  scaling: Scaling,
): OutcomeModel {
  const d = designMatrix(rows, scaling);
  return fitOutcomeOnDesign(rows, d, Int32Array.from(rows.keys()), outcome, spec, scaling);
}

/** Per-shopper predictions: uplift of Mens and Womens e-mail vs none, and the three arm levels when the learner has them. */
export interface OutcomePredictions {
  uplift: [Float64Array, Float64Array];
  level: [Float64Array, Float64Array, Float64Array] | null;
}

/** Score a prepared design with a fitted outcome model. */
export function predictOnDesign(m: OutcomeModel, d: Design, n: number): OutcomePredictions {
  if (m.spec.kind === "blend") return blendPredictions(m, d, n);
  const comp = (role: Component["role"], arm: string | null): Component | undefined =>
    m.components.find((c) => c.role === role && c.arm === arm);
  const evalC = (c: Component): Float64Array => {
    const beta = vector(c);
    return Float64Array.from({ length: n }, (_, i) =>
      c.link === "logit" ? sigmoid(linear(d, beta, i)) : linear(d, beta, i),
    );
  };
  if (m.ensembles) {
    const lv = ARMS.map((a) => {
      const e = m.ensembles!.find((x) => x.arm === a)!.ensemble;
      return Float64Array.from({ length: n }, (_, i) => predictEnsemble(e, d, i));
    }) as [Float64Array, Float64Array, Float64Array];
    return {
      uplift: [lv[0].map((v, i) => v - lv[2][i]!), lv[1].map((v, i) => v - lv[2][i]!)],
      level: lv,
    };
  }
  if (m.upliftEnsembles) {
    const up = [0, 1].map((a) => {
      const u = m.upliftEnsembles!.find((x) => x.arm === ARMS[a])!;
      return Float64Array.from({ length: n }, (_, i) => predictUpliftEnsemble(u, d, i));
    }) as [Float64Array, Float64Array];
    return { uplift: up, level: null };
  }
  // Learners that model the uplift directly (transformed outcome, X, DR) have no arm levels.
  const direct = [comp("uplift", ARMS[0]), comp("uplift", ARMS[1])];
  if (direct[0] && direct[1]) return { uplift: [evalC(direct[0]), evalC(direct[1])], level: null };
  const basketC = comp("basket", null);
  const basket = basketC ? evalC(basketC).map((v) => Math.max(v, 0)) : null;
  const lv = ARMS.map((a) => {
    const l = evalC(comp("level", a)!);
    return basket ? l.map((v, i) => v * basket[i]!) : l;
  }) as [Float64Array, Float64Array, Float64Array];
  return {
    uplift: [lv[0].map((v, i) => v - lv[2][i]!), lv[1].map((v, i) => v - lv[2][i]!)],
    level: lv,
  };
}

/** A blend's prediction: each member scored alone, their per-arm levels averaged. */
function blendPredictions(m: OutcomeModel, d: Design, n: number): OutcomePredictions {
  const parts = BLEND_MEMBERS.map((spec, k) => {
    const components = m.components.filter((c) => c.member === k).map(({ member: _, ...c }) => c);
    return predictOnDesign({ ...m, spec, components }, d, n).level!;
  });
  const lv = ARMS.map((_, a) =>
    Float64Array.from(
      { length: n },
      (_, i) => parts.reduce((s, p) => s + p[a]![i]!, 0) / parts.length,
    ),
  );
  const [mens, womens, none] = lv as [Float64Array, Float64Array, Float64Array];
  return {
    uplift: [mens.map((v, i) => v - none[i]!), womens.map((v, i) => v - none[i]!)],
    level: [mens, womens, none],
  };
}

/** Score shoppers with a fitted outcome model. */
export function predictOutcome(
  m: OutcomeModel,
  shoppers: readonly ShopperFeatures[],
): OutcomePredictions {
  return predictOnDesign(m, designMatrix(shoppers, m.scaling), shoppers.length);
}

/** Uplift of "any e-mail vs none": the mean of the two arms' uplift, since the e-mailed group is half each. */
export function anyEmailUplift(p: OutcomePredictions): Float64Array {
  return p.uplift[0].map((v, i) => (v + p.uplift[1][i]!) / 2);
}
