import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDb } from "../../store/db.js";
import type { Db } from "../../store/db.js";
import type { Clock } from "../../domain/clock.js";
import { evaluateProposal } from "../engine.js";
import { makeContext, makePolicy, makeProposal } from "../testing.js";
import type { PolicyRule } from "../types.js";
import { escalate } from "../types.js";
import { recordPolicyVersion, recordVerdict } from "./records.js";
import { approvalStatus, createApprovalRequest, expireOverdue, recordVote } from "./service.js";

function steppingClock(iso: string): Clock & { advanceHours(h: number): void } {
  let t = new Date(iso).getTime();
  return { now: () => new Date(t), advanceHours: (h) => void (t += h * 3_600_000) };
}

describe("approvals", () => {
  let db: Db;
  const policy = makePolicy({
    approvals: {
      deadlineHours: 48,
      routing: {
        autonomy: { allOf: ["finance", "category_manager"] },
        brand: { anyOf: ["marketing", "legal"] },
      },
    },
  });
  const proposal = makeProposal({ id: "p-1" });
  const rules: PolicyRule[] = [
    { id: "autonomy.max_skus", builtin: false, summary: "", check: () => escalate("too many") },
    { id: "brand.min_gap", builtin: false, summary: "", check: () => escalate("too soon") },
  ];
  let clock: ReturnType<typeof steppingClock>;
  const open = () =>
    createApprovalRequest(
      db,
      { proposal, verdict: evaluateProposal(proposal, makeContext(policy), clock, rules), policy },
      clock,
    );
  const vote = (requestId: string, role: string, decision: "approve" | "reject") =>
    recordVote(
      db,
      { requestId, role, approver: `${role}@shop`, decision, comment: "checked" },
      clock,
    );

  beforeEach(() => {
    db = openDb(":memory:");
    clock = steppingClock("2025-02-20T10:00:00Z");
  });
  afterEach(() => db.close());

  it("is executable only when every allOf role and one anyOf role approved; then spend is committed", () => {
    const req = open();
    expect(req).toMatchObject({
      id: "apr-p-1-1",
      status: "pending",
      deadlineAt: "2025-02-22T10:00:00.000Z",
      required: { allOf: ["category_manager", "finance"], anyOf: [["legal", "marketing"]] },
    });
    expect(open().id).toBe(req.id); // idempotent while pending
    expect(vote(req.id, "finance", "approve").executable).toBe(false);
    expect(vote(req.id, "marketing", "approve").missing).toEqual({
      allOf: ["category_manager"],
      anyOf: [],
    });
    const done = vote(req.id, "category_manager", "approve");
    expect(done.executable).toBe(true);
    expect(done.request).toMatchObject({ status: "approved", resolution: "approved" });
    expect(
      db.prepare("SELECT amount, status, approval_request_id AS r FROM spend_commitments").get(),
    ).toEqual({ amount: 1500, status: "approved", r: req.id });
  });

  it("one rejection rejects; roles not asked and repeat votes are refused; a comment is required", () => {
    const req = open();
    expect(() => vote(req.id, "supply_chain", "approve")).toThrow(/not asked/);
    vote(req.id, "finance", "approve");
    expect(() => vote(req.id, "finance", "approve")).toThrow(/already answered/);
    expect(() =>
      recordVote(
        db,
        { requestId: req.id, role: "legal", approver: "l", decision: "reject", comment: " " },
        clock,
      ),
    ).toThrow(/comment/);
    expect(vote(req.id, "legal", "reject").request).toMatchObject({
      status: "rejected",
      resolution: "rejected",
    });
    expect(() => vote(req.id, "category_manager", "approve")).toThrow(/closed/);
  });

  it("after the deadline the request is rejected and the expiry recorded", () => {
    const req = open();
    clock.advanceHours(47.9);
    expect(expireOverdue(db, clock)).toEqual([]);
    clock.advanceHours(0.1);
    expect(expireOverdue(db, clock)).toEqual([req.id]);
    const s = approvalStatus(db, req.id);
    expect(s.request).toMatchObject({
      status: "rejected",
      resolution: "expired",
      expiredAt: "2025-02-22T10:00:00.000Z",
    });
    expect(s.executable).toBe(false);
    expect(() => vote(req.id, "finance", "approve")).toThrow(/expired/);
  });

  it("a vote arriving after the deadline expires the request first", () => {
    const req = open();
    clock.advanceHours(49);
    expect(() => vote(req.id, "finance", "approve")).toThrow(/expired/);
  });

  it("refuses non-escalated verdicts and records verdicts with their policy version", () => {
    const allow = evaluateProposal(proposal, makeContext(policy), clock, []);
    expect(() => createApprovalRequest(db, { proposal, verdict: allow, policy }, clock)).toThrow(
      /only an escalated verdict/,
    );
    expect(recordVerdict(db, allow, policy, clock)).toBe(1);
    expect(db.prepare("SELECT count(*) AS n FROM policy_versions").get()).toEqual({ n: 1 });
  });

  it("one person, one vote: the same person under a second role is refused, whatever the spelling", () => {
    const req = open();
    recordVote(
      db,
      {
        requestId: req.id,
        role: "finance",
        approver: "alice (finance)",
        decision: "approve",
        comment: "ok",
      },
      clock,
    );
    const again = (approver: string, person?: string) => () =>
      recordVote(
        db,
        {
          requestId: req.id,
          role: "category_manager",
          approver,
          ...(person ? { person } : {}),
          decision: "approve",
          comment: "ok",
        },
        clock,
      );
    expect(again("alice (category_manager)")).toThrow(
      expect.objectContaining({ code: "APPROVER_ALREADY_VOTED" }),
    );
    expect(again("ＡＬＩＣＥ")).toThrow(/one person counts once/);
    expect(again("cm", "Al\u200bice")).toThrow(/one person counts once/);
    expect(vote(req.id, "category_manager", "approve").missing.allOf).toEqual([]);
  });

  it("a requester cannot approve their own edit; the policy may switch the rule off", () => {
    const askedByMia = (id: string) =>
      db
        .prepare(
          `INSERT INTO campaign_edits (campaign_id, from_version, to_version, changes, proposal, status, verdict, reasons, approval_request_id, by, reason, requested_at)
         VALUES ('p-1', 1, 2, '{}', '{}', 'awaiting_approval', 'escalate', '[]', ?, 'mia (marketing)', 'x', '2025-02-20T10:00:00Z')`,
        )
        .run(id);
    const req = open();
    askedByMia(req.id);
    const mia = {
      requestId: req.id,
      role: "finance",
      approver: "Mia (finance)",
      decision: "approve" as const,
      comment: "mine",
    };
    expect(() => recordVote(db, mia, clock)).toThrow(
      expect.objectContaining({ code: "OWN_REQUEST" }),
    );
    const off = makePolicy({
      approvals: { onePersonOneVote: false, routing: { autonomy: { allOf: ["finance"] } } },
    });
    const p2 = makeProposal({ id: "p-2" });
    const r2 = createApprovalRequest(
      db,
      {
        proposal: p2,
        verdict: evaluateProposal(p2, makeContext(off), clock, rules.slice(0, 1)),
        policy: off,
      },
      clock,
    );
    recordPolicyVersion(db, off, clock);
    askedByMia(r2.id);
    expect(recordVote(db, { ...mia, requestId: r2.id }, clock).executable).toBe(true);
  });
});
