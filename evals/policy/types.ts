import type { RuleId } from "../../src/policies/rule-ids.js";
import type { WorldExtras } from "./world.js";

/** A tiny deterministic random source (mulberry32), so the suite is the same on every run. */
export interface Rng {
  next(): number;
  between(lo: number, hi: number, decimals?: number): number;
  pick<T>(xs: readonly T[]): T;
}

export function makeRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    between: (lo, hi, decimals = 2) =>
      Math.round((lo + (hi - lo) * next()) * 10 ** decimals) / 10 ** decimals,
    pick: (xs) => xs[Math.floor(next() * xs.length)]!,
  };
}

/** One way of building a case: changes to the base proposal, the policy and the store. */
export interface Variant {
  note: string;
  proposal?: Record<string, unknown>;
  policy?: Record<string, unknown>;
  world?: WorldExtras;
}

/** How to build in-bounds and out-of-bounds cases for one rule; `i = 0` is the boundary case. */
export interface RuleFamily {
  rule: RuleId;
  /** Names the cases when several families test one rule (default: the rule id). */
  key?: string;
  /** What a breach of this rule does to the proposal. */
  breach: "escalate" | "block";
  /** The rule whose outcome shows the breach, when the rule under test only prepares it (a conversion, a computed depth). */
  caughtBy?: RuleId;
  inside(rng: Rng, i: number): Variant;
  outside(rng: Rng, i: number): Variant;
}

/** A generated case with its expected verdict, derived from how it was built. */
export interface PolicyEvalCase {
  id: string;
  rule: RuleId;
  /** The family's key (the rule id unless the family names itself). */
  key: string;
  /** The rule that must not pass on an out-of-bounds case (the rule itself unless the family says otherwise). */
  caughtBy: RuleId;
  bounds: "in" | "out";
  note: string;
  proposal: Record<string, unknown>;
  policy: Record<string, unknown>;
  world: WorldExtras;
  expected: { verdict: "allow" | "escalate" | "block" };
  /** Its units are the model's for its scenario, as an honest planner's would be (see honest.ts). */
  modelUnits: boolean;
}
