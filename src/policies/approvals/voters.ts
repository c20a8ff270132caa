import type { Db } from "../../store/db.js";
import { prepared } from "../../store/sql.js";
import { PolicyError } from "../errors.js";
import { foldText } from "../normalise.js";
import type { ApprovalRequest, ApprovalVote } from "./types.js";

/**
 * One person, one vote: a vote belongs to a person (the token holder over HTTP, the CLI
 * identity), who counts once per request whatever roles they hold and may not approve a
 * request they made themselves (their own edit included). On unless the policy that opened the
 * request says `approvals.onePersonOneVote: false`.
 */

/** The person behind an approver label: `alice (finance)` → alice; folded so `Alice` and `ａｌｉｃｅ` are one. */
export function personOf(label: string): string {
  const name = label.replace(/\s*\([a-z_]+\)\s*$/u, "");
  return foldText(name).replace(/\s+/gu, " ").trim();
}

/** Whether the policy version that opened a request asks for one person, one vote (default: yes). */
function onePersonOneVote(db: Db, policyVersion: string): boolean {
  const row = prepared(db, "SELECT body FROM policy_versions WHERE version = ?").get(policyVersion) as { body: string } | undefined;
  if (!row) return true;
  try {
    const body = JSON.parse(row.body) as { approvals?: { onePersonOneVote?: boolean } };
    return body.approvals?.onePersonOneVote !== false;
  } catch {
    return true;
  }
}

/** Who asked for the request: the person who asked for the campaign edit it approves, if any. */
export function requesterOf(db: Db, requestId: string): string | null {
  const row = prepared(db, "SELECT by FROM campaign_edits WHERE approval_request_id = ? ORDER BY id LIMIT 1").get(requestId) as { by: string } | undefined;
  return row ? personOf(row.by) : null;
}

/** Throws APPROVER_ALREADY_VOTED or OWN_REQUEST when `person` may not vote on `request`. */
export function assertPersonMayVote(db: Db, request: ApprovalRequest, votes: ApprovalVote[], vote: { person: string; role: string; decision: string }): void {
  if (!onePersonOneVote(db, request.policyVersion)) return;
  const earlier = votes.find((v) => personOf(v.approver) === vote.person);
  if (earlier) {
    throw new PolicyError("APPROVER_ALREADY_VOTED", `${vote.person} has already answered ${request.id} as ${earlier.role}: one person counts once, whatever roles they hold`);
  }
  const requester = requesterOf(db, request.id);
  if (vote.decision === "approve" && requester !== null && requester === vote.person) {
    throw new PolicyError("OWN_REQUEST", `${vote.person} asked for ${request.id} and cannot approve it: a requester never approves their own request`);
  }
}
