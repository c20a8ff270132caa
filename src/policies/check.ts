import { promotionProposalSchema } from "../domain/proposal.js";
import type { PromotionProposal } from "../domain/proposal.js";
import type { Db } from "../store/db.js";
import type { Clock } from "../domain/clock.js";
import { isoDateOf } from "../domain/dates.js";
import { buildPolicyContext } from "./context/build.js";
import { verifyProposal } from "./context/verify.js";
import { evaluateProposal } from "./engine.js";
import { PolicyError } from "./errors.js";
import type { LoadedPolicy } from "./load.js";
import type { PolicyRule, PolicyVerdict } from "./types.js";
import { withModelUnits } from "./builtin/model.js";
import { modelCheck } from "./predictor.js";
import type { ScenarioPredictor } from "./predictor.js";
import { withExtraRules } from "./extra-rules.js";

/** Validates a proposal document, or throws INVALID_INPUT listing every problem. */
export function parseProposal(doc: unknown, source = "(proposal)"): PromotionProposal {
  const parsed = promotionProposalSchema.safeParse(doc);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (i) => `  - ${i.path.length ? i.path.join(".") : "(root)"}: ${i.message}`,
    );
    throw new PolicyError("INVALID_INPUT", `${source}: invalid proposal\n${lines.join("\n")}`, {
      file: source,
      cause: parsed.error,
    });
  }
  return parsed.data;
}

/** How a check is asked: `replaces` names the committed campaign an edit re-checks (its own spend and days then do not count twice). */
export interface CheckOptions {
  replaces?: string;
  /**
   * The lift model behind the port (the graph wires the promotion agent's simulation). Without it
   * the predictions are unverified and `integrity.model_prediction` escalates.
   */
  predictor?: ScenarioPredictor;
  /**
   * Rules checked after the shipped ones (ids `custom.<name>`): they can escalate or block,
   * never loosen or replace a shipped rule (see docs/policy-rules.md).
   */
  rules?: readonly PolicyRule[];
}

/**
 * Parses a proposal, verifies its identifiers, money and claims against the store, reads its
 * context and returns the verdict. Rules see the verified proposal (store ids, converted money).
 */
export function checkProposal(
  db: Db,
  proposal: unknown,
  loaded: LoadedPolicy,
  clock: Clock,
  opts: CheckOptions = {},
): PolicyVerdict {
  const declared = parseProposal(proposal);
  const today = isoDateOf(clock.now());
  const verified = verifyProposal(db, declared, loaded.policy, today, opts.replaces, clock.now());
  const model = modelCheck(opts.predictor, verified.proposal);
  const verification = { ...verified.verification, model };
  // An edit keeps its approved forecast: the stock and lift rules see the model's units for the edited scenario instead.
  const p =
    opts.replaces && model.status === "checked"
      ? withModelUnits(verified.proposal, model.forecast)
      : verified.proposal;
  const ctx = { ...buildPolicyContext(db, p, loaded, clock, opts.replaces), verification };
  return evaluateProposal(p, ctx, clock, withExtraRules(opts.rules));
}
