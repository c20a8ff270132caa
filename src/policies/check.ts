import { promotionProposalSchema } from "../domain/proposal.js";
import type { PromotionProposal } from "../domain/proposal.js";
import type { Db } from "../store/db.js";
import type { Clock } from "./clock.js";
import { isoDateOf } from "../domain/dates.js";
import { buildPolicyContext } from "./context/build.js";
import { verifyProposal } from "./context/verify.js";
import { evaluateProposal } from "./engine.js";
import { PolicyError } from "./errors.js";
import type { LoadedPolicy } from "./load.js";
import type { PolicyVerdict } from "./types.js";

/** Validates a proposal document, or throws INVALID_INPUT listing every problem. */
export function parseProposal(doc: unknown, source = "(proposal)"): PromotionProposal {
  const parsed = promotionProposalSchema.safeParse(doc);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.length ? i.path.join(".") : "(root)"}: ${i.message}`);
    throw new PolicyError("INVALID_INPUT", `${source}: invalid proposal\n${lines.join("\n")}`, { file: source, cause: parsed.error });
  }
  return parsed.data;
}

/** How a check is asked: `replaces` names the committed campaign an edit re-checks (its own spend and days then do not count twice). */
export interface CheckOptions {
  replaces?: string;
}

/**
 * Parses a proposal, verifies its identifiers, money and claims against the store, reads its
 * context and returns the verdict. Rules see the verified proposal (store ids, converted money).
 */
export function checkProposal(db: Db, proposal: unknown, loaded: LoadedPolicy, clock: Clock, opts: CheckOptions = {}): PolicyVerdict {
  const declared = parseProposal(proposal);
  const today = isoDateOf(clock.now());
  const { proposal: p, verification } = verifyProposal(db, declared, loaded.policy, today, opts.replaces);
  const ctx = { ...buildPolicyContext(db, p, loaded, clock, opts.replaces), verification };
  return evaluateProposal(p, ctx, clock);
}
