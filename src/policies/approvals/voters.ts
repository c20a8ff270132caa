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

/**
 * The person behind an approver label: `alice (finance)` and `alice [cm]` → alice; an e-mail
 * (`Alice <alice.smith+ops@corp.com>`) → its mailbox, alice smith; folded so `Alice`, `ａｌｉｃｅ`
 * and `аlice` are one, and `.`, `_`, `-` read as spaces (`alice.smith` is Alice Smith).
 */
export function personOf(label: string): string {
  const folded = foldText(label);
  const mail = /[^\s<>()[\]]+@[^\s<>()[\]]+/u.exec(folded)?.[0];
  const name = mail
    ? mail.slice(0, mail.indexOf("@")).replace(/\+.*$/u, "")
    : folded.replace(/\s*[([][^)\]]*[)\]]\s*$/u, "");
  return name.replace(/[._\-\s]+/gu, " ").trim();
}

/** Whether the policy version that opened a request asks for one person, one vote (default: yes). */
function onePersonOneVote(db: Db, policyVersion: string): boolean {
  const row = prepared(db, "SELECT body FROM policy_versions WHERE version = ?").get(
    policyVersion,
  ) as { body: string } | undefined;
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
  const row = prepared(
    db,
    "SELECT by FROM campaign_edits WHERE approval_request_id = ? ORDER BY id LIMIT 1",
  ).get(requestId) as { by: string } | undefined;
  return row ? personOf(row.by) : null;
}

/** Throws APPROVER_ALREADY_VOTED or OWN_REQUEST when `person` may not vote on `request`. */
export function assertPersonMayVote(
  db: Db,
  request: ApprovalRequest,
  votes: ApprovalVote[],
  vote: { person: string; role: string; decision: string },
): void {
  if (!onePersonOneVote(db, request.policyVersion)) return;
  const earlier = votes.find((v) => personOf(v.approver) === vote.person);
  if (earlier) {
    throw new PolicyError(
      "APPROVER_ALREADY_VOTED",
      `${vote.person} has already answered ${request.id} as ${earlier.role}: one person counts once, whatever roles they hold`,
    );
  }
  const requester = requesterOf(db, request.id);
  if (vote.decision === "approve" && requester !== null && requester === vote.person) {
    throw new PolicyError(
      "OWN_REQUEST",
      `${vote.person} asked for ${request.id} and cannot approve it: a requester never approves their own request`,
    );
  }
}
