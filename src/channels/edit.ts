import { ZodError } from "zod";
import { campaignFromProposal } from "../domain/campaign.js";
import { proposalEndDate } from "../domain/proposal.js";
import type { PromotionProposal } from "../domain/proposal.js";
import { commitSpend } from "../policies/ledger/ledger.js";
import { recordVerdict } from "../policies/approvals/records.js";
import { lawfulReferencePrice } from "../policies/reference.js";
import { approvalStatus, createApprovalRequest } from "../policies/approvals/service.js";
import { checkProposal } from "../policies/check.js";
import type { Clock } from "../domain/clock.js";
import type { LoadedPolicy } from "../policies/load.js";
import type { ScenarioPredictor } from "../policies/predictor.js";
import type { PolicyVerdict } from "../policies/types.js";
import type { Db } from "../store/db.js";
import { writeTx } from "../store/write-tx.js";
import { getCampaign, updateCampaignSpec } from "./campaign-store.js";
import type { CampaignRecord } from "./campaign-store.js";
import { applyChanges, describeChanges } from "./edit-changes.js";
import type { CampaignChanges } from "./edit-changes.js";
import { ChannelError } from "./errors.js";
import { recordVersionChange } from "./events.js";
import { escalateWhileKillSwitchOn } from "../policies/kill-switch.js";
import { enqueueLaunch, enqueueMessages, launchBatch } from "./launch.js";
import { launchMessage } from "./message.js";
import { enqueueRetractions } from "./retractions.js";

/** What became of an edit: applied (queued to the channels), waiting for approvers, or refused by policy. */
export type EditStatus = "applied" | "awaiting_approval" | "refused" | "rejected" | "superseded";

export interface EditResult {
  editId: number;
  campaignId: string;
  status: EditStatus;
  verdict: PolicyVerdict["verdict"];
  fromVersion: number;
  toVersion: number;
  /** What changed, in words. */
  summary: string;
  /** The rules that escalated or blocked, with their reasons. */
  reasons: string[];
  approvalRequestId: string | null;
}

export interface EditOptions {
  policy: LoadedPolicy;
  clock: Clock;
  /** The lift model the edited scenario's units are recomputed with; without one the edit escalates. */
  predictor?: ScenarioPredictor;
}

const openEdit = (db: Db, campaignId: string) =>
  db
    .prepare(
      "SELECT id, approval_request_id FROM campaign_edits WHERE campaign_id = ? AND status = 'awaiting_approval'",
    )
    .get(campaignId) as { id: number; approval_request_id: string } | undefined;

/** Puts a new version on the channels: a scheduled campaign replaces its queued launch; a live one is updated in place. */
function launchVersion(
  db: Db,
  c: CampaignRecord,
  p: PromotionProposal,
  version: number,
  who: { by: string; reason: string },
  approvedBy: string[],
  opts: EditOptions,
): void {
  const at = opts.clock.now().toISOString();
  const referencePrice = lawfulReferencePrice(db, p, at.slice(0, 10)) ?? undefined;
  const campaign = campaignFromProposal(p, {
    decisionId: c.decisionId,
    version,
    approvedBy,
    ...(referencePrice ? { referencePrice } : {}),
  });
  if (c.status === "scheduled") {
    enqueueLaunch(db, campaign, { policy: opts.policy.policy, clock: opts.clock, ...who });
    return;
  }
  // Live: the new version replaces the old on each channel it keeps (the shelf never goes empty);
  // channels it drops are retracted. If one channel refuses it for good, delivery pauses the campaign.
  const dropped = c.proposal.channels.filter((ch) => !p.channels.includes(ch));
  enqueueMessages(
    db,
    campaign.channels.map((ch) => launchMessage(campaign, ch)),
    launchBatch(c.id, version),
    { ...who, at, autonomous: false },
    opts.policy.policy,
  );
  enqueueRetractions(db, c.id, `${c.id}:v${version}:edit`, dropped, { ...who, at });
}

/** An error in one line: zod issues as `path: message`. */
const errorText = (e: unknown): string =>
  e instanceof ZodError
    ? e.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")
    : String((e as Error).message ?? e).split("\n")[0]!;

/** Why the channels could never launch `p` as the campaign's next version (say digital_ads with no audience); null when they could. */
function launchProblem(c: CampaignRecord, p: PromotionProposal): string | null {
  try {
    campaignFromProposal(p, {
      decisionId: c.decisionId,
      version: c.version + 1,
      approvedBy: ["check"],
    });
    return null;
  } catch (e) {
    return `launch: cannot launch: ${errorText(e)}`;
  }
}

function apply(
  db: Db,
  c: CampaignRecord,
  p: PromotionProposal,
  editId: number,
  who: { by: string; reason: string },
  approvedBy: string[],
  opts: EditOptions,
): number {
  const version = c.version + 1;
  const at = opts.clock.now().toISOString();
  updateCampaignSpec(db, c.id, p, version, at);
  recordVersionChange(
    db,
    c.id,
    version,
    { by: who.by, reason: `edit #${editId}: ${describeChanges(c.proposal, p)}; ${who.reason}` },
    opts.clock,
  );
  launchVersion(db, { ...c }, p, version, who, approvedBy, opts);
  commitSpend(db, p, opts.clock, {
    status: c.status === "live" ? "launched" : "approved",
    policyVersion: opts.policy.version,
    policyCurrency: opts.policy.policy.currency,
  });
  db.prepare(
    "UPDATE campaign_edits SET status = 'applied', to_version = ?, resolved_at = ? WHERE id = ?",
  ).run(version, at, editId);
  return version;
}

/**
 * Edits a scheduled or live campaign (depth, end date, channels, budget, title). The edited
 * proposal is re-checked by the policy engine (and escalates while the kill switch is on): allowed
 * → applied as a new version through the outbox; escalated → an approval request, applied by
 * `applyApprovedEdits` once approved; blocked → refused with the reasons. Every edit is recorded
 * with who and why, whatever became of it.
 * @example editCampaign(db, "c-1", { discountPct: 25 }, { by: "mia (marketing)", reason: "match rival" }, { policy, clock })
 */
export function editCampaign(
  db: Db,
  campaignId: string,
  changes: CampaignChanges,
  who: { by: string; reason: string },
  opts: EditOptions,
): EditResult {
  return writeTx(db, (): EditResult => {
    const c = getCampaign(db, campaignId);
    if (c.status !== "scheduled" && c.status !== "live")
      throw new ChannelError(
        "INVALID_STATE",
        `campaign ${campaignId} is ${c.status ?? "not scheduled"}: only a scheduled or live campaign can be edited`,
      );
    const waiting = openEdit(db, campaignId);
    if (waiting)
      throw new ChannelError(
        "INVALID_STATE",
        `campaign ${campaignId}: edit #${waiting.id} still waits for approval (${waiting.approval_request_id}); answer it first`,
      );
    const edited = applyChanges(c.proposal, changes);
    const today = opts.clock.now().toISOString().slice(0, 10);
    if (proposalEndDate(edited) < today)
      throw new ChannelError(
        "INVALID_INPUT",
        `edit of campaign ${campaignId}: the new end ${proposalEndDate(edited)} is already past (today ${today})`,
      );
    const verdict = escalateWhileKillSwitchOn(
      db,
      checkProposal(db, edited, opts.policy, opts.clock, {
        replaces: campaignId,
        ...(opts.predictor ? { predictor: opts.predictor } : {}),
      }),
      opts.policy.policy,
    );
    recordVerdict(db, verdict, opts.policy, opts.clock);
    const reasons = verdict.rules
      .filter((r) => r.outcome !== "pass")
      .map((r) => `${r.id}: ${r.reason}`);
    const at = opts.clock.now().toISOString();
    // Checked for launchability before anyone is asked to approve it: an edit that cannot launch is refused now.
    const unlaunchable = verdict.verdict === "block" ? null : launchProblem(c, edited);
    if (unlaunchable) reasons.push(unlaunchable);
    const status: EditStatus =
      verdict.verdict === "block" || unlaunchable
        ? "refused"
        : verdict.verdict === "escalate"
          ? "awaiting_approval"
          : "applied";
    const request =
      status === "awaiting_approval"
        ? createApprovalRequest(db, { proposal: edited, verdict, policy: opts.policy }, opts.clock)
        : null;
    const editId = Number(
      db
        .prepare(
          `INSERT INTO campaign_edits (campaign_id, from_version, to_version, changes, proposal, status, verdict, reasons, approval_request_id, by, reason, requested_at, resolved_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          campaignId,
          c.version,
          c.version + 1,
          JSON.stringify(changes),
          JSON.stringify(edited),
          status === "applied" ? "awaiting_approval" : status,
          verdict.verdict,
          JSON.stringify(reasons),
          request?.id ?? null,
          who.by,
          who.reason,
          at,
          status === "refused" ? at : null,
        ).lastInsertRowid,
    );
    if (status === "applied") apply(db, c, edited, editId, who, [who.by], opts);
    return {
      editId,
      campaignId,
      status,
      verdict: verdict.verdict,
      fromVersion: c.version,
      toVersion: c.version + 1,
      summary: describeChanges(c.proposal, edited),
      reasons,
      approvalRequestId: request?.id ?? null,
    };
  });
}

/** One recorded edit. */
export interface CampaignEdit {
  id: number;
  campaignId: string;
  fromVersion: number;
  toVersion: number;
  changes: CampaignChanges;
  status: EditStatus;
  verdict: PolicyVerdict["verdict"];
  reasons: string[];
  approvalRequestId: string | null;
  by: string;
  reason: string;
  requestedAt: string;
  resolvedAt: string | null;
}

interface EditRaw {
  id: number;
  campaign_id: string;
  from_version: number;
  to_version: number;
  changes: string;
  proposal: string;
  status: EditStatus;
  verdict: PolicyVerdict["verdict"];
  reasons: string;
  approval_request_id: string | null;
  by: string;
  reason: string;
  requested_at: string;
  resolved_at: string | null;
}

const fromRaw = (r: EditRaw): CampaignEdit => ({
  id: r.id,
  campaignId: r.campaign_id,
  fromVersion: r.from_version,
  toVersion: r.to_version,
  changes: JSON.parse(r.changes) as CampaignChanges,
  status: r.status,
  verdict: r.verdict,
  reasons: JSON.parse(r.reasons) as string[],
  approvalRequestId: r.approval_request_id,
  by: r.by,
  reason: r.reason,
  requestedAt: r.requested_at,
  resolvedAt: r.resolved_at,
});

/** A campaign's edits, oldest first. */
export function campaignEdits(db: Db, campaignId: string): CampaignEdit[] {
  return (
    db
      .prepare("SELECT * FROM campaign_edits WHERE campaign_id = ? ORDER BY id")
      .all(campaignId) as EditRaw[]
  ).map(fromRaw);
}

/**
 * Applies edits whose approval request has been approved, and closes those rejected or expired.
 * An edit whose campaign moved on meanwhile (another version, paused, closed) is superseded, not
 * applied over it. Call after votes (the approvals route does); safe to call any time.
 */
export function applyApprovedEdits(db: Db, opts: EditOptions): CampaignEdit[] {
  const waiting = db
    .prepare(
      "SELECT * FROM campaign_edits WHERE status = 'awaiting_approval' AND approval_request_id IS NOT NULL ORDER BY id",
    )
    .all() as EditRaw[];
  const done: CampaignEdit[] = [];
  for (const e of waiting) {
    try {
      applyOne(db, e, opts, done);
    } catch (err) {
      // One edit that cannot launch never blocks the others or delivery: it is closed as refused, with why.
      const at = opts.clock.now().toISOString();
      const reasons = [...(JSON.parse(e.reasons) as string[]), `launch: ${errorText(err)}`];
      db.prepare(
        "UPDATE campaign_edits SET status = 'refused', reasons = ?, resolved_at = ? WHERE id = ?",
      ).run(JSON.stringify(reasons), at, e.id);
      done.push(
        fromRaw(db.prepare("SELECT * FROM campaign_edits WHERE id = ?").get(e.id) as EditRaw),
      );
    }
  }
  return done;
}

/** Applies or closes one waiting edit, in one transaction. */
function applyOne(db: Db, e: EditRaw, opts: EditOptions, done: CampaignEdit[]): void {
  {
    writeTx(db, () => {
      const st = approvalStatus(db, e.approval_request_id!);
      if (st.request.status === "pending") return;
      const at = opts.clock.now().toISOString();
      const c = getCampaign(db, e.campaign_id);
      const close = (status: EditStatus) =>
        db
          .prepare("UPDATE campaign_edits SET status = ?, resolved_at = ? WHERE id = ?")
          .run(status, at, e.id);
      if (st.request.status === "rejected") close("rejected");
      else if (c.version !== e.from_version || (c.status !== "scheduled" && c.status !== "live"))
        close("superseded");
      else {
        const approvers = st.votes.filter((v) => v.decision === "approve").map((v) => v.approver);
        apply(
          db,
          c,
          st.request.proposal,
          e.id,
          { by: e.by, reason: `${e.reason} (approved by ${approvers.join(", ")})` },
          [e.by, ...approvers],
          opts,
        );
      }
      done.push(
        fromRaw(db.prepare("SELECT * FROM campaign_edits WHERE id = ?").get(e.id) as EditRaw),
      );
    });
  }
}
