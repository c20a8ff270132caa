import { checkProposal } from "../../src/policies/check.js";
import { fixedClock } from "../../src/policies/clock.js";
import { validatePolicy } from "../../src/policies/load.js";
import type { PolicyVerdict } from "../../src/policies/types.js";
import { openDb } from "../../src/store/db.js";
import { generatePolicyCases } from "./generate.js";
import { scorePolicyEval } from "./score.js";
import type { PolicyEvalReport } from "./score.js";
import type { PolicyEvalCase } from "./types.js";
import { NOW, seedWorld } from "./world.js";

/** Runs one case end to end: a fresh in-memory store, the policy, the context builder and the engine. */
export function runPolicyCase(c: PolicyEvalCase): PolicyVerdict {
  const db = openDb(":memory:");
  try {
    seedWorld(db, c.world);
    return checkProposal(db, c.proposal, validatePolicy(c.policy, `eval:${c.id}`), fixedClock(NOW));
  } finally {
    db.close();
  }
}

/** Generates the policy eval cases, runs them and returns the per-rule report. */
export function runPolicyEval(opts: { seed?: number; perSide?: number } = {}): PolicyEvalReport {
  const cases = generatePolicyCases(opts);
  return scorePolicyEval(cases, cases.map(runPolicyCase));
}
