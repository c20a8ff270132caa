import type { RevisionLimits } from "../domain/planning.js";
import type { PromotionProposalInput } from "../domain/proposal.js";
import { formatWhole } from "../domain/format.js";
import type { ScenarioScreen } from "./planner.js";
import { spendOf } from "./planner.js";

/**
 * Revise limits: what a blocked rule asks of the next attempt. Each rule declares its own; the
 * revise loop asks the rules that blocked, in verdict order, and the planner screens by the sum.
 */

/** What a rule's revise step sees: the blocked proposal and the fixes the verdict stated. */
export interface ReviseInput {
  proposal: PromotionProposalInput;
  corrections?: { referencePrice?: number };
}

/** A rule's revise step: the limits after it, from the limits before. */
export type ReviseLimits = (limits: RevisionLimits, input: ReviseInput) => RevisionLimits;

/** The default for a rule that declares none: leave the blocked proposal's SKUs out. */
export const excludeSkus: ReviseLimits = (limits, { proposal }) => ({
  ...limits,
  excludeSkus: [...(limits.excludeSkus ?? []), ...proposal.scope.skus],
});

/** Steer away from the blocked proposal's mechanic. */
export const excludeMechanic: ReviseLimits = (limits, { proposal }) => ({
  ...limits,
  excludeMechanics: [...(limits.excludeMechanics ?? []), proposal.mechanic],
});

/** Spend at most 80 % of what the blocked proposal would have spent. */
export const capSpend: ReviseLimits = (limits, { proposal }) => {
  const spend = (proposal.budget?.media ?? 0) + (proposal.budget?.discount ?? 0);
  return { ...limits, maxSpend: Math.max(0, 0.8 * spend) };
};

/** Price from the lawful reference price the verdict stated; without one, leave the SKUs out. */
export const useReferencePrice: ReviseLimits = (limits, input) => {
  const price = input.corrections?.referencePrice;
  return price === undefined ? excludeSkus(limits, input) : { ...limits, referencePrice: price };
};

/**
 * The limits for the next attempt after `blocked` rule ids: each rule's own revise step, the
 * default for ids no rule in `rules` declares (a custom rule, a rule the caller does not pass).
 */
export function limitsAfterBlock(
  rules: readonly { id: string; revise?: ReviseLimits }[],
  blocked: readonly string[],
  start: RevisionLimits,
  input: ReviseInput,
): RevisionLimits {
  let limits = { ...start };
  for (const id of blocked) {
    const step = rules.find((r) => r.id === id)?.revise ?? excludeSkus;
    limits = step(limits, input);
  }
  return limits;
}

/** The planner's screens for revise limits: what the last verdicts ruled out stays out. */
export function limitScreens(k: RevisionLimits): ScenarioScreen[] {
  return [
    {
      fails: (s) => k.maxDepthPct !== undefined && s.depthPct > k.maxDepthPct,
      reason: (s) => `depth ${s.depthPct} % > revision limit ${k.maxDepthPct} %`,
    },
    {
      fails: (s) => k.excludeMechanics?.includes(s.mechanic) === true,
      reason: (s) => `mechanic ${s.mechanic} excluded by the last verdict`,
    },
    {
      fails: (s) => k.excludeSkus?.includes(s.sku) === true,
      reason: (s) => `${s.sku} excluded by the last verdict`,
    },
    {
      fails: (_s, p) => k.maxSpend !== undefined && spendOf(p) > k.maxSpend,
      reason: (_s, p) =>
        `spend ${formatWhole(spendOf(p))} > revision limit ${formatWhole(k.maxSpend!)}`,
    },
  ];
}
