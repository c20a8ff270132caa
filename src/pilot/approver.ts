import { approvalStatus } from "../policies/index.js";
import { answerApproval, getDecision, type RunContext, type RunResult } from "../graph/index.js";

/** What the approver did with one escalated decision. */
export interface ApprovalOutcome {
  decisionId: string;
  spend: number;
  decision: "approve" | "reject";
  roles: string[];
  final: RunResult;
}

/**
 * The pilot's stand-in for people: every role the request still needs approves when the proposal's
 * spend (media + funded discount) is at most `approveUpTo`, and rejects otherwise.
 */
export async function answerEscalation(
  ctx: RunContext,
  decisionId: string,
  approveUpTo: number,
): Promise<ApprovalOutcome> {
  const rec = getDecision(ctx.db, decisionId);
  const budget = (rec.proposal?.budget ?? {}) as { media?: number; discount?: number };
  const spend = (budget.media ?? 0) + (budget.discount ?? 0);
  const decision = spend <= approveUpTo ? "approve" : "reject";
  const roles: string[] = [];
  let final: RunResult = {
    decisionId,
    status: rec.status,
    interrupted: true,
    checkpointId: rec.checkpointId,
  };
  // One vote per missing role; a reject closes the request at once.
  for (let guard = 0; guard < 10 && final.status === "awaiting_approval"; guard++) {
    const st = approvalStatus(ctx.db, rec.approvalRequestId!);
    const role = st.missing.allOf[0] ?? st.missing.anyOf[0]?.[0];
    if (!role) break;
    roles.push(role);
    final = await answerApproval(ctx, decisionId, {
      role,
      approver: `pilot-${role}`,
      decision,
      comment: `pilot approver: spend ${Math.round(spend)} ${decision === "approve" ? "≤" : ">"} ${approveUpTo}`,
    });
  }
  return { decisionId, spend, decision, roles, final };
}
