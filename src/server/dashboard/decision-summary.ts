import { z } from "zod";
import { decisionRecordSchema, type DecisionRecord } from "../../domain/decision.js";
import type { PromotionProposal } from "../../domain/proposal.js";
import type { Scenario } from "../../domain/scenario.js";
import { approvalStatus, type ApprovalStatus } from "../../policies/index.js";
import type { Db } from "../../store/index.js";
import type { ChosenAction, DecisionSummary } from "./schemas.js";

const MECHANIC_WORDS: Record<string, string> = {
  tpr: "price cut",
  feature: "feature",
  display: "display",
  feature_display: "feature + display",
  bogo: "buy one get one",
  multibuy: "multibuy",
  coupon: "coupon",
  price_match: "price match",
  bundle: "bundle",
};

/** A mechanic as people say it ("feature + display"). */
export function mechanicWords(m: string): string {
  return MECHANIC_WORDS[m] ?? m.replace(/_/g, " ");
}

/** "SNK-01: feature + display, no price cut, 2 weeks from 2026-12-13 (store)". */
export function actionWords(a: Omit<ChosenAction, "words">): string {
  if (a.mechanic === "none") return "no promotion";
  const depth = a.depthPct > 0 ? `${a.depthPct} % off` : "no price cut";
  const weeks = `${a.weeks} week${a.weeks === 1 ? "" : "s"}`;
  const skus = a.skus.join(", ");
  return `${skus}: ${mechanicWords(a.mechanic)}, ${depth}, ${weeks} from ${a.startDate} (${a.channels.join(", ")})`;
}

/** The words of a proposal's action, as a campaign or an approval request holds it. */
export function proposalWords(
  p: Pick<PromotionProposal, "mechanic" | "discountPct" | "weeks" | "startDate" | "channels"> & {
    scope: { skus: string[] };
  },
): string {
  const { mechanic, discountPct: depthPct, weeks, startDate, channels } = p;
  return actionWords({ skus: p.scope.skus, mechanic, depthPct, weeks, startDate, channels });
}

/**
 * The fields a summary reads. A full record holds every scenario and rule (tens of KB); parsing
 * only these made the overview of a day's decisions about ten times faster.
 */
const summaryRecordSchema = decisionRecordSchema
  .pick({
    id: true,
    createdAt: true,
    scope: true,
    trigger: true,
    status: true,
    inputs: true,
    chosen: true,
    approvalRequestId: true,
    outcome: true,
    proposal: true,
  })
  .extend({ policy: z.object({ verdict: z.enum(["allow", "escalate", "block"]) }).nullable() });
type SummaryRecord = z.infer<typeof summaryRecordSchema>;

function skusOf(r: Pick<DecisionRecord, "proposal">, s: Scenario): string[] {
  const scope = (r.proposal as { scope?: { skus?: unknown } } | null)?.scope;
  const skus = Array.isArray(scope?.skus)
    ? scope.skus.filter((x): x is string => typeof x === "string")
    : [];
  return skus.length ? skus : [s.sku];
}

/** The chosen action of a record, or null when it chose nothing. */
export function chosenAction(r: Pick<DecisionRecord, "chosen" | "proposal">): ChosenAction | null {
  const s = r.chosen?.scenario;
  if (!s) return null;
  const a = {
    skus: skusOf(r, s),
    mechanic: s.mechanic,
    depthPct: s.depthPct,
    weeks: s.weeks,
    startDate: s.startDate,
    channels: s.channels,
  };
  return { ...a, words: actionWords(a) };
}

const currencyOf = (r: Pick<DecisionRecord, "inputs">) =>
  typeof r.inputs.currency === "string" ? r.inputs.currency : null;

function missingRoles(s: ApprovalStatus): string[] {
  return [...s.missing.allOf, ...s.missing.anyOf.map((g) => g.join(" or "))];
}

/** The approval request's status, or null when the id is unknown (a record may outlive it). */
export function safeApprovalStatus(db: Db, id: string | null): ApprovalStatus | null {
  if (!id) return null;
  try {
    return approvalStatus(db, id);
  } catch {
    return null;
  }
}

/** A record as the overview shows it: the action in words, the expected margin, who must approve. */
export function summariseDecision(db: Db, r: SummaryRecord): DecisionSummary {
  const p = r.chosen?.prediction;
  const apr = r.status === "awaiting_approval" ? safeApprovalStatus(db, r.approvalRequestId) : null;
  const action = chosenAction(r);
  return {
    id: r.id,
    createdAt: r.createdAt,
    category: r.scope.category ?? null,
    market: r.scope.market ?? null,
    trigger: r.trigger.kind,
    status: r.status,
    verdict: r.policy?.verdict ?? null,
    action,
    expected:
      p && action && action.mechanic !== "none"
        ? {
            incrementalMargin: p.incrementalMargin,
            low: p.interval80.incrementalMargin[0],
            high: p.interval80.incrementalMargin[1],
            currency: currencyOf(r),
          }
        : null,
    mustApprove: apr ? missingRoles(apr) : [],
    approvalRequestId: r.approvalRequestId,
    deadlineAt: apr?.request.deadlineAt ?? null,
    campaignId: r.outcome.campaignId ?? null,
    why: r.outcome.reason,
  };
}

/** Parses a stored record; null for a record this version cannot read (it is skipped, not fatal). */
export function parseRecord(raw: unknown): DecisionRecord | null {
  const r = decisionRecordSchema.safeParse(raw);
  return r.success ? r.data : null;
}

/** Parses the part of a stored record a summary needs; null when unreadable. */
export function parseSummaryRecord(raw: unknown): SummaryRecord | null {
  const r = summaryRecordSchema.safeParse(raw);
  return r.success ? r.data : null;
}
