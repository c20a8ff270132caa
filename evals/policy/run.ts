import { checkProposal } from "../../src/policies/check.js";
import { isPolicyError } from "../../src/policies/errors.js";
import type { PolicyError } from "../../src/policies/errors.js";
import { fixedClock } from "../../src/domain/clock.js";
import { validatePolicy } from "../../src/policies/load.js";
import type { PolicyVerdict } from "../../src/policies/types.js";
import { openDb } from "../../src/store/db.js";
import { storeScenarioPredictor } from "../../src/graph/predictor.js";
import { generatePolicyCases } from "./generate.js";
import { withHonestUnits } from "./honest.js";
import { scorePolicyEval } from "./score.js";
import type { PolicyEvalReport } from "./score.js";
import type { PolicyEvalCase } from "./types.js";
import { seedLive } from "./live.js";
import { pathCases } from "./paths/index.js";
import type { PathCase, PathOutcome } from "./paths/types.js";
import { NOW, seedWorld } from "./world.js";

/** What a case ended as: a verdict, a refusal of the input (a block by another name), or a crash. */
export type CaseOutcome = PolicyVerdict | { crash: string };

/** A proposal refused as invalid input never reaches a channel: scored as a block with the reason. */
function refused(c: PolicyEvalCase, e: PolicyError): PolicyVerdict {
  return {
    proposalId: String(c.proposal.id),
    verdict: "block",
    policyVersion: "",
    checkedAt: NOW,
    rules: [{ id: c.rule, outcome: "block", reason: `refused as input: ${e.message}` }],
  };
}

/** Runs one case end to end: a fresh in-memory store, the policy, the context builder and the engine. */
export async function runPolicyCase(c: PolicyEvalCase): Promise<CaseOutcome> {
  const db = openDb(":memory:");
  try {
    seedWorld(db, c.world);
    if (c.world.live?.length) await seedLive(db, c.world.live);
    const policy = validatePolicy(c.policy, `eval:${c.id}`);
    const clock = fixedClock(NOW);
    // Predictions are judged by the promotion agent's own model, as in a run or `policy check`.
    const predictor = storeScenarioPredictor({ db, clock, policy });
    const proposal = c.modelUnits ? withHonestUnits(c.proposal, c.policy, predictor) : c.proposal;
    return checkProposal(db, proposal, policy, clock, { predictor });
  } catch (e) {
    if (isPolicyError(e) && e.code === "INVALID_INPUT" && !e.message.startsWith("(policy"))
      return refused(c, e);
    return { crash: (e as Error).stack ?? String(e) };
  } finally {
    db.close();
  }
}

/** Runs a path case; a throw is a crash, never a pass. */
async function runPathCase(c: PathCase): Promise<PathOutcome> {
  try {
    return await c.run();
  } catch (e) {
    return { through: false, detail: "threw", crash: (e as Error).stack ?? String(e) };
  }
}

/** Runs every approval, edit and `policy check` path case; their outcomes in order. */
export async function runPathCases(): Promise<{ cases: PathCase[]; outcomes: PathOutcome[] }> {
  const paths = pathCases();
  try {
    const outcomes: PathOutcome[] = [];
    for (const c of paths.cases) outcomes.push(await runPathCase(c));
    return { cases: paths.cases, outcomes };
  } finally {
    paths.dispose();
  }
}

/** Generates the policy eval cases (and, unless `paths: false`, the path cases), runs them and returns the report. */
export async function runPolicyEval(
  opts: { seed?: number; perSide?: number; paths?: boolean } = {},
): Promise<PolicyEvalReport> {
  const cases = generatePolicyCases(opts);
  const outcomes: CaseOutcome[] = [];
  for (const c of cases) outcomes.push(await runPolicyCase(c));
  return scorePolicyEval(cases, outcomes, opts.paths === false ? undefined : await runPathCases());
}
