import { proposalEndDate, proposalSpend } from "../../domain/proposal.js";
import type { PromotionProposal } from "../../domain/proposal.js";
import type { Db } from "../../store/db.js";
import type { Clock } from "../../domain/clock.js";
import { PolicyError } from "../errors.js";
import { prepared } from "../../store/sql.js";
import { isoDateOf } from "../../domain/dates.js";
import { fxRate } from "../context/facts.js";

/** The policy currency of a recorded policy version (its canonical body), else the schema's default. */
function policyCurrencyOf(db: Db, version: string | undefined): string {
  const row = version
    ? (prepared(db, "SELECT body FROM policy_versions WHERE version = ?").get(version) as
        { body: string } | undefined)
    : undefined;
  try {
    return String(
      (row ? (JSON.parse(row.body) as { currency?: string }).currency : undefined) ??
        DEFAULT_CURRENCY,
    ).toUpperCase();
  } catch {
    return DEFAULT_CURRENCY;
  }
}

const DEFAULT_CURRENCY = "EUR";

/** The currency a proposal's amounts are in: its own, else its first market's in the store. */
function proposalCurrency(db: Db, p: PromotionProposal): string | null {
  if (p.currency) return p.currency.toUpperCase();
  const row = prepared(db, "SELECT currency FROM markets WHERE id = ?").get(p.scope.markets[0]) as
    { currency: string } | undefined;
  return row ? row.currency.toUpperCase() : null;
}

/**
 * A proposal's spend in the policy currency at the rate of `day`, with the amount as written.
 * Without a rate (the check refuses such proposals, so only a legacy caller gets here) the amount
 * is kept as written and labelled with its own currency.
 */
export function spendInPolicyCurrency(
  db: Db,
  p: PromotionProposal,
  policyCurrency: string,
  day: string,
): { amount: number; currency: string; original: number; originalCurrency: string | null } {
  const original = proposalSpend(p);
  const from = proposalCurrency(db, p);
  const q = from ? fxRate(db, from, policyCurrency, day) : null;
  return q
    ? { amount: original * q.rate, currency: policyCurrency, original, originalCurrency: from }
    : { amount: original, currency: from ?? policyCurrency, original, originalCurrency: from };
}

export type CommitmentStatus = "approved" | "launched" | "cancelled";

/**
 * Records (or updates) the spend a campaign commits. Approved and launched campaigns count
 * against spend caps, budgets and promotion history; cancelled ones no longer do.
 */
export function commitSpend(
  db: Db,
  proposal: PromotionProposal,
  clock: Clock,
  opts: {
    status?: CommitmentStatus;
    approvalRequestId?: string;
    policyVersion?: string;
    policyCurrency?: string;
  } = {},
): void {
  const at = clock.now().toISOString();
  const money = spendInPolicyCurrency(
    db,
    proposal,
    opts.policyCurrency ?? policyCurrencyOf(db, opts.policyVersion),
    isoDateOf(clock.now()),
  );
  prepared(
    db,
    `INSERT INTO spend_commitments (campaign_id, category, markets, skus, mechanic, start_date, end_date, amount, status,
       approval_request_id, policy_version, committed_at, updated_at, currency, original_amount, original_currency)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(campaign_id) DO UPDATE SET status = excluded.status, amount = excluded.amount,
       currency = excluded.currency, original_amount = excluded.original_amount, original_currency = excluded.original_currency,
       start_date = excluded.start_date, end_date = excluded.end_date, updated_at = excluded.updated_at,
       approval_request_id = coalesce(excluded.approval_request_id, approval_request_id),
       policy_version = coalesce(excluded.policy_version, policy_version)`,
  ).run(
    proposal.id,
    proposal.scope.category,
    JSON.stringify(proposal.scope.markets),
    JSON.stringify(proposal.scope.skus),
    proposal.mechanic,
    proposal.startDate,
    proposalEndDate(proposal),
    money.amount,
    opts.status ?? "approved",
    opts.approvalRequestId ?? null,
    opts.policyVersion ?? null,
    at,
    at,
    money.currency,
    money.original,
    money.originalCurrency,
  );
}

/** Moves a committed campaign to launched or cancelled. */
export function setCommitmentStatus(
  db: Db,
  campaignId: string,
  status: CommitmentStatus,
  clock: Clock,
): void {
  const res = prepared(
    db,
    "UPDATE spend_commitments SET status = ?, updated_at = ? WHERE campaign_id = ?",
  ).run(status, clock.now().toISOString(), campaignId);
  if (res.changes === 0) throw new PolicyError("NOT_FOUND", `no committed campaign ${campaignId}`);
}
