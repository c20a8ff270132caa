import type { PromotionProposal } from "../../domain/proposal.js";
import type { PolicyContext } from "../context/types.js";
import { keyIn } from "../normalise.js";
import type { PolicyRule, RuleOutcome } from "../types.js";
import { block, pass } from "../types.js";
import { excludeMechanic } from "../revise.js";

/** Pilot scope: while piloting, anything outside the listed categories, markets, mechanics and channels is blocked. */

type ScopeKey = "categories" | "markets" | "mechanics" | "channels";

function inScope(key: ScopeKey, label: string, values: (p: PromotionProposal) => string[]) {
  return (p: PromotionProposal, { policy }: PolicyContext): RuleOutcome => {
    const allowed = policy.pilot[key] as string[] | undefined;
    if (allowed === undefined) return pass(`no pilot limit on ${key}`);
    const outside = values(p).filter((v) => !keyIn(allowed, v));
    return outside.length
      ? block(`${label} ${outside.join(", ")} outside pilot scope [${allowed.join(", ")}]`)
      : pass(`${label} within pilot scope [${allowed.join(", ")}]`);
  };
}

export const pilotRules: PolicyRule[] = [
  {
    id: "pilot.category",
    builtin: false,
    summary: "category inside the pilot scope",
    check: inScope("categories", "category", (p) => [p.scope.category]),
  },
  {
    id: "pilot.market",
    builtin: false,
    summary: "markets inside the pilot scope",
    check: inScope("markets", "market", (p) => p.scope.markets),
  },
  {
    id: "pilot.mechanic",
    builtin: false,
    summary: "mechanic inside the pilot scope",
    check: inScope("mechanics", "mechanic", (p) => [p.mechanic]),
    revise: excludeMechanic,
  },
  {
    id: "pilot.channel",
    builtin: false,
    summary: "channels inside the pilot scope",
    check: inScope("channels", "channel", (p) => p.channels),
  },
];
