import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { z } from "zod";
import { approvalStatus, recordVote } from "../../policies/index.js";
import { type Clock } from "../../domain/index.js";
import type { Db } from "../../store/index.js";
import { GraphError } from "../errors.js";

/** Who votes: the server fills it from the caller's token; a library user sets it in the run's config. */
export const approverSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  role: z.string().trim().min(1).max(100),
});
export type Approver = z.infer<typeof approverSchema>;

/**
 * The value a run resumes `await_approval` with: a vote. The comment may be left out (the record
 * then says none was given); the voter comes from `config.configurable.approver`.
 * @example await graph.invoke(new Command({ resume: { decision: "approve" } }),
 *   { configurable: { thread_id, approver: { name: "Ada", role: "finance" } } });
 */
export const approvalResumeSchema = z.object({
  decision: z.enum(["approve", "reject"]),
  comment: z.string().trim().max(2000).optional(),
});
export type ApprovalResume = z.infer<typeof approvalResumeSchema>;

/** A vote ready for the approvals service. */
export interface NodeVote extends Approver {
  decision: "approve" | "reject";
  comment: string;
}

// The CLI's side door resumes with its vote's own role and approver (already recorded).
const legacySchema = z.object({ role: z.string().min(1), approver: z.string().min(1) });

/** The vote a resume value carries, or null when it is not one (a recovery or a side-door resume). */
export function voteFrom(
  answer: unknown,
  config: LangGraphRunnableConfig | undefined,
): NodeVote | null {
  const vote = approvalResumeSchema.safeParse(answer);
  if (!vote.success) return null;
  const given = config?.configurable?.approver as unknown;
  const legacy = legacySchema.safeParse(answer);
  const who =
    given !== undefined
      ? approverSchema.safeParse(given)
      : legacy.success
        ? { success: true as const, data: { name: legacy.data.approver, role: legacy.data.role } }
        : null;
  if (!who?.success) {
    throw new GraphError(
      "INVALID_INPUT",
      "a vote resumed with Command({ resume }) needs its voter in config.configurable.approver: { name, role }",
    );
  }
  const comment = vote.data.comment || `${vote.data.decision} given without a comment`;
  return { ...who.data, decision: vote.data.decision, comment };
}

/**
 * Records a vote through the approvals service unless this voter already gave this answer: a
 * node replayed after a crash between the vote and its checkpoint must not vote twice.
 */
export function recordVoteOnce(d: { db: Db; clock: Clock }, requestId: string, v: NodeVote): void {
  const same = approvalStatus(d.db, requestId).votes.some(
    (x) => x.role === v.role && x.approver === v.name && x.decision === v.decision,
  );
  if (same) return;
  recordVote(
    d.db,
    { requestId, role: v.role, approver: v.name, decision: v.decision, comment: v.comment },
    d.clock,
  );
}
