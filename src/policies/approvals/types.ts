import { z } from "zod";
import type { PromotionProposal } from "../../domain/proposal.js";
import { roleSchema } from "../schema.js";
import type { PolicyVerdict, RequiredApprovals } from "../types.js";

/** An approver's answer; the comment is mandatory so every decision says why. */
export const approvalVoteInputSchema = z.strictObject({
  requestId: z.string().min(1),
  role: roleSchema,
  approver: z.string().trim().min(1, "approver is required"),
  /** Who the approver is as a person (token holder, CLI identity); default: the approver without a trailing "(role)". */
  person: z.string().trim().min(1).max(200).optional(),
  decision: z.enum(["approve", "reject"]),
  comment: z.string().trim().min(1, "a comment is required"),
});
export type ApprovalVoteInput = z.infer<typeof approvalVoteInputSchema>;

/** `superseded`: a re-plan of its scope reached a different plan, asked in `supersededBy`. */
export type ApprovalState = "pending" | "approved" | "rejected" | "superseded";
/** How a closed request ended; `expired` is a rejection by deadline. */
export type ApprovalResolution = "approved" | "rejected" | "expired" | "superseded";

/** The category × market a plan's request is for (null on a campaign edit's request). */
export interface ApprovalScope {
  category: string;
  market: string;
}

/** An escalated decision waiting for (or closed by) people. */
export interface ApprovalRequest {
  id: string;
  proposalId: string;
  proposal: PromotionProposal;
  policyVersion: string;
  verdict: PolicyVerdict;
  required: RequiredApprovals;
  status: ApprovalState;
  resolution: ApprovalResolution | null;
  createdAt: string;
  deadlineAt: string;
  decidedAt: string | null;
  expiredAt: string | null;
  /** The scope whose one pending plan request this is; null for a campaign edit's request. */
  scope: ApprovalScope | null;
  /** The request that replaced this one, when it was superseded. */
  supersededBy: string | null;
}

export interface ApprovalVote {
  role: string;
  approver: string;
  decision: "approve" | "reject";
  comment: string;
  votedAt: string;
}

/** A request with its votes, what is still missing, and whether the decision may be executed. */
export interface ApprovalStatus {
  request: ApprovalRequest;
  votes: ApprovalVote[];
  missing: RequiredApprovals;
  executable: boolean;
}
