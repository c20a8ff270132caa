import { promotionProposalSchema } from "../domain/proposal.js";
import type { PromotionProposal } from "../domain/proposal.js";
import type { Db } from "../store/db.js";
import type { Clock } from "./clock.js";
import { buildPolicyContext } from "./context/build.js";
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

/** Parses a proposal, reads its context from the store and returns the verdict. */
export function checkProposal(db: Db, proposal: unknown, loaded: LoadedPolicy, clock: Clock): PolicyVerdict {
  const p = parseProposal(proposal);
  return evaluateProposal(p, buildPolicyContext(db, p, loaded, clock), clock);
}
