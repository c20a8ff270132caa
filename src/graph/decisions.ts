import { decisionRecordSchema, type DecisionRecord } from "../domain/decision.js";
import { prepared, type Db } from "../store/index.js";
import { GraphError } from "./errors.js";
import type { PromotionStateValue } from "./state.js";

/** Builds the decision record from the graph state (approvals and checkpoint are added by the caller). */
export function recordFromState(
  s: PromotionStateValue,
  extra: {
    approvals?: DecisionRecord["approvals"];
    checkpointId?: string | null;
    now: string;
    reasonerName: string;
  },
): DecisionRecord {
  const plan = s.plan;
  const inputs: DecisionRecord["inputs"] = {
    asOf: s.demand?.asOf ?? "",
    category: s.scope.category,
    market: s.scope.market,
  };
  if (s.demand) {
    inputs.skus = Object.keys(s.demand.skus);
    inputs.baselineUnitsNextWeek = Math.round(
      Object.values(s.demand.skus).reduce((a, d) => a + (d.baselineWeekly[0] ?? 0), 0),
    );
  }
  if (s.inventory) {
    const sup = Object.values(s.inventory.skus);
    inputs.excessUnits = sup.reduce((a, x) => a + x.excessUnits, 0);
    inputs.notPromotable = sup
      .filter((x) => !x.promotable)
      .map((x) => `${x.sku}: ${x.reason ?? ""}`);
    inputs.events = s.inventory.events.map((e) => e.reason);
  }
  const currency = plan?.currency;
  if (currency) inputs.currency = currency;
  const status = s.outcome?.status ?? s.status;
  // Typed, not parsed: every field comes from the typed state, and readers parse what they load
  // (getDecision, listDecisions); a parse here cost 2 % of a cycle's CPU.
  const record: DecisionRecord = {
    id: s.decisionId,
    threadId: s.decisionId,
    trigger: s.trigger,
    scope: s.scope,
    status,
    inputs,
    findings: s.findings,
    scenarios: plan?.top ?? [],
    considered: plan?.considered ?? 0,
    chosen: plan?.choice?.chosen ?? null,
    alternatives: plan?.choice?.alternatives ?? [],
    explanation: plan?.choice?.explanation ?? "",
    proposal: (plan?.proposal as Record<string, unknown> | null) ?? null,
    audience: s.audience,
    policy: s.policy,
    revisions: s.revisions,
    approvals: extra.approvals ?? [],
    approvalRequestId: s.approvalRequestId,
    outcome: s.outcome ?? { status, reason: "in progress" },
    checkpointId: extra.checkpointId ?? null,
    policyVersion: s.policy?.policyVersion ?? null,
    modelVersion: plan?.modelVersion ?? "none",
    reasoner: plan?.usage ?? { name: extra.reasonerName, promptTokens: 0, completionTokens: 0 },
    createdAt: s.startedAt || extra.now,
    updatedAt: extra.now,
  };
  return record;
}

/** Inserts or updates a decision record (one row per run, keyed by its id). */
export function saveDecision(db: Db, r: DecisionRecord): void {
  prepared(
    db,
    `INSERT INTO decisions (id, thread_id, trigger, category, market, status, verdict, proposal_id, approval_request_id, checkpoint_id,
       policy_version, model_version, reasoner, record, created_at, updated_at)
     VALUES (@id, @threadId, @trigger, @category, @market, @status, @verdict, @proposalId, @approvalRequestId, @checkpointId,
       @policyVersion, @modelVersion, @reasoner, @record, @createdAt, @updatedAt)
     ON CONFLICT(id) DO UPDATE SET status = excluded.status, verdict = excluded.verdict, proposal_id = excluded.proposal_id,
       approval_request_id = excluded.approval_request_id, checkpoint_id = coalesce(excluded.checkpoint_id, checkpoint_id),
       policy_version = excluded.policy_version, model_version = excluded.model_version, reasoner = excluded.reasoner,
       record = excluded.record, updated_at = excluded.updated_at`,
  ).run({
    id: r.id,
    threadId: r.threadId,
    trigger: r.trigger.kind,
    category: r.scope.category ?? null,
    market: r.scope.market ?? null,
    status: r.status,
    verdict: r.policy?.verdict ?? null,
    proposalId: (r.proposal?.id as string | undefined) ?? null,
    approvalRequestId: r.approvalRequestId,
    checkpointId: r.checkpointId,
    policyVersion: r.policyVersion,
    modelVersion: r.modelVersion,
    reasoner: r.reasoner.name,
    record: JSON.stringify(r),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  });
}

/** Stores the checkpoint id a record can be replayed from. */
export function setDecisionCheckpoint(db: Db, id: string, checkpointId: string): void {
  // In SQL: parsing and rewriting a ~30 KB record in JavaScript after every run cost more than the run's last step.
  prepared(
    db,
    "UPDATE decisions SET checkpoint_id = @checkpointId, record = json_set(record, '$.checkpointId', @checkpointId) WHERE id = @id",
  ).run({ checkpointId, id });
}

/** The decision paused on request `requestId`, if one is. */
export function waitingDecisionOf(db: Db, requestId: string): string | null {
  const row = prepared(
    db,
    "SELECT id FROM decisions WHERE approval_request_id = ? AND status = 'awaiting_approval' ORDER BY created_at LIMIT 1",
  ).get(requestId) as { id: string } | undefined;
  return row?.id ?? null;
}

/**
 * Closes the decision paused on a superseded request as rejected, with the reason; its thread
 * stays paused, and a resume of it reads the request's state and records the same.
 */
export function closeSupersededDecision(
  db: Db,
  requestId: string,
  reason: string,
  at: string,
): void {
  prepared(
    db,
    `UPDATE decisions SET status = 'rejected', updated_at = @at,
       record = json_set(record, '$.status', 'rejected', '$.updatedAt', @at,
         '$.outcome', json_object('status', 'rejected', 'reason', @reason))
     WHERE approval_request_id = @requestId AND status = 'awaiting_approval'`,
  ).run({ at, reason, requestId });
}

/** The handle a summary shows for a decision: the last 6 characters of its id (its random part). */
export function shortId(id: string): string {
  return id.slice(-6);
}

/**
 * One decision record, or NOT_FOUND. A unique prefix of the id is accepted, and so is a unique
 * suffix of 6 or more characters (the handle {@link shortId} prints).
 */
export function getDecision(db: Db, id: string): DecisionRecord {
  let rows = prepared(
    db,
    "SELECT record FROM decisions WHERE id = ? OR id LIKE ? ORDER BY id = ? DESC LIMIT 2",
  ).all(id, `${id}%`, id) as { record: string }[];
  if (rows.length === 0 && id.length >= 6) {
    rows = prepared(db, "SELECT record FROM decisions WHERE id LIKE ? LIMIT 2").all(`%${id}`) as {
      record: string;
    }[];
    if (rows.length > 1)
      throw new GraphError("NOT_FOUND", `${id} ends more than one decision id; give more of it`);
  }
  if (rows.length === 0) throw new GraphError("NOT_FOUND", `no decision ${id}`);
  return decisionRecordSchema.parse(JSON.parse(rows[0]!.record));
}

/** Every decision record, newest first. */
export function listDecisions(db: Db, limit = 100): DecisionRecord[] {
  const rows = prepared(
    db,
    "SELECT record FROM decisions ORDER BY created_at DESC, id DESC LIMIT ?",
  ).all(limit) as { record: string }[];
  return rows.map((r) => decisionRecordSchema.parse(JSON.parse(r.record)));
}
