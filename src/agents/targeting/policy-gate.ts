import { GATE_ACTIONS, type AudiencePolicy } from "../../domain/audience.js";
import {
  applyPolicyTree,
  armShares,
  drScores,
  leafConditions,
  learnPolicy,
  seededUniform,
  type LearnedPolicy,
} from "../../models/targeting/index.js";
import type { ExperimentObservation } from "../../store/shoppers/index.js";
import { fitUpliftModel, vectorOf, type UpliftModel } from "./uplift.js";

/** The economics the policy is learned on: this proposal's margin, coupon and media cost. */
export interface GateEconomics {
  category: string;
  unitMargin: number;
  couponValue: number;
  contactCosts: Record<string, number>;
}

/** A fitted gate: which actions a shopper may get, and its record for the audience. */
export interface PolicyGate {
  allowed(features: Record<string, number>): ("contact" | "contact_with_discount")[];
  record: AudiencePolicy;
}

const ARM_ACTION = { control: 0, contact: 1, contact_discount: 2 } as const;

/**
 * Learns who gets no contact, the message, or the message with a coupon by the same procedure as
 * `uplift evaluate`: DR scores of incremental margin after coupon and media cost on the past
 * randomised experiments (outcome models cross-fitted on two halves), a depth-2 policy tree,
 * and the best single action for everyone unless repeated CV shows a gain above zero.
 */
export function fitPolicyGate(
  obs: readonly ExperimentObservation[],
  model: UpliftModel,
  e: GateEconomics,
): PolicyGate | null {
  const rows = obs.filter((o) => model.channels.includes(o.channel));
  if (rows.length < 100) return null;
  const halves = [0, 1].map((h) => rows.filter((_, i) => i % 2 === h));
  const fits = halves.map((half) => fitUpliftModel(half, model.channels));
  const mu = GATE_ACTIONS.map(() => new Float64Array(rows.length));
  const y = new Float64Array(rows.length);
  // Every buyer with a coupon uses it, including those who would have bought anyway.
  const margin = (a: number): number => e.unitMargin - (a === 2 ? e.couponValue : 0);
  rows.forEach((o, i) => {
    const m = fits[1 - (i % 2)]!;
    const r = m.predict(o.features, e.category);
    const p = r.byChannel[o.channel];
    const probs = [r.propensity, p?.contact ?? r.propensity, p?.discount ?? r.propensity];
    const cost = e.contactCosts[o.channel] ?? 0;
    probs.forEach((q, a) => (mu[a]![i] = q * m.unitsPerOrder * margin(a) - (a === 0 ? 0 : cost)));
    const a = ARM_ACTION[o.arm];
    y[i] = o.units * margin(a) - (a === 0 ? 0 : cost);
  });
  const arms = Int8Array.from(rows, (o) => ARM_ACTION[o.arm]);
  const scores = drScores(
    arms,
    y,
    mu,
    armShares(arms, Int32Array.from(rows.keys()), GATE_ACTIONS.length),
  );
  const names = model.features;
  const p = names.length;
  const x = new Float64Array(rows.length * p);
  rows.forEach((o, i) => x.set(vectorOf(names, o.features, e.category), i * p));
  const learned = learnPolicy({ x, names, scores }, { folds: 5, repeats: 2 }, seededUniform(1));
  return gateOf(learned, names, e.category);
}

function gateOf(l: LearnedPolicy, names: readonly string[], category: string): PolicyGate {
  const action = (f: Record<string, number>): number => {
    if (!l.useTree) return l.fallback;
    const v = vectorOf(names, f, category);
    return applyPolicyTree(l.tree, (n) => v[names.indexOf(n)]!);
  };
  const record: AudiencePolicy = {
    uses: l.useTree ? "tree" : "fallback",
    fallback: GATE_ACTIONS[l.fallback]!,
    why: l.why,
    gain: { mean: l.gain.mean, lo: l.gain.lo, hi: l.gain.hi },
    segments: l.useTree
      ? leafConditions(l.tree).map((s) => ({
          conditions: s.conditions,
          action: GATE_ACTIONS[s.action]!,
        }))
      : [{ conditions: [], action: GATE_ACTIONS[l.fallback]! }],
  };
  return {
    allowed: (f) => {
      const a = action(f);
      return a === 0 ? [] : [a === 1 ? "contact" : "contact_with_discount"];
    },
    record,
  };
}
