import { z } from "zod";
import { audienceSchema } from "./audience.js";
import { idSchema } from "./common.js";
import { findingSchema } from "./findings.js";
import { alternativeSchema, evaluatedScenarioSchema } from "./scenario.js";
import { triggerFactSchema } from "./trigger.js";

/**
 * The record one run of the promotion graph leaves behind: what it saw, what it considered with
 * the predicted numbers, what it chose and why, every policy rule's result, approvals and the
 * outcome. Append-only in spirit: a resumed run updates the same record, never a new one.
 */

export const decisionStatusSchema = z.enum([
  "running",
  "awaiting_approval",
  "executed",
  "blocked",
  "rejected",
  "no_action",
  "failed",
]);
export type DecisionStatus = z.infer<typeof decisionStatusSchema>;

export const runTriggerSchema = z.object({
  kind: z.enum(["cycle", "scope", "event"]),
  /** Why an event run started, e.g. the excess-stock finding that raised it. */
  reason: z.string().optional(),
  /** The signal's facts an event run started on (absent for cycles and typed scopes). */
  facts: z.array(triggerFactSchema).optional(),
});
export type RunTrigger = z.infer<typeof runTriggerSchema>;

export const runScopeSchema = z.object({
  category: idSchema.optional(),
  market: idSchema.optional(),
});
export type RunScope = z.infer<typeof runScopeSchema>;

const requiredApprovalsRecordSchema = z.object({
  allOf: z.array(z.string()),
  anyOf: z.array(z.array(z.string())),
});

export const ruleResultRecordSchema = z.object({
  id: z.string(),
  outcome: z.enum(["pass", "escalate", "block"]),
  reason: z.string(),
  roles: z.array(z.string()).optional(),
  /** Who must approve what this rule escalated (kept so an approval request can be opened from the record). */
  approvals: requiredApprovalsRecordSchema.optional(),
});

export const policyRecordSchema = z.object({
  verdict: z.enum(["allow", "escalate", "block"]),
  policyVersion: z.string(),
  rules: z.array(ruleResultRecordSchema),
  requiredApprovals: requiredApprovalsRecordSchema.optional(),
  corrections: z.object({ referencePrice: z.number().optional() }).optional(),
  checkedAt: z.string(),
});
export type PolicyRecord = z.infer<typeof policyRecordSchema>;

export const approvalRecordSchema = z.object({
  requestId: z.string(),
  role: z.string(),
  approver: z.string(),
  decision: z.enum(["approve", "reject"]),
  comment: z.string(),
  votedAt: z.string(),
});

export const revisionSchema = z.object({
  attempt: z.number().int().positive(),
  blockedBy: z.array(z.string()),
  limits: z.record(z.string(), z.number()),
  verdict: z.enum(["allow", "escalate", "block"]).optional(),
});

export const reasonerUsageSchema = z.object({
  name: z.string(),
  model: z.string().optional(),
  fallback: z.string().optional(),
  /** The LLM circuit breaker's state for this decision (closed, half-open, open …). */
  circuit: z.string().optional(),
  /** Model text that failed its check, quoted as the model's unverified words: never the explanation. */
  untrustedOutput: z.string().optional(),
  /** Why the model's text was not used as explanation. */
  outputCheck: z.string().optional(),
  promptTokens: z.number().int().nonnegative().default(0),
  completionTokens: z.number().int().nonnegative().default(0),
});
export type ReasonerUsage = z.infer<typeof reasonerUsageSchema>;

export const decisionRecordSchema = z.object({
  id: z.string(),
  threadId: z.string(),
  trigger: runTriggerSchema,
  scope: runScopeSchema,
  status: decisionStatusSchema,
  inputs: z.record(z.string(), z.union([z.number(), z.string(), z.array(z.string())])),
  findings: z.array(findingSchema),
  /** The best scenarios (and "no promotion") with their predicted numbers. */
  scenarios: z.array(evaluatedScenarioSchema),
  considered: z.number().int().nonnegative(),
  chosen: evaluatedScenarioSchema.nullable(),
  alternatives: z.array(alternativeSchema),
  explanation: z.string(),
  proposal: z.record(z.string(), z.unknown()).nullable(),
  /** Who the targeting agent chose to contact, and why (records before it existed read as null). */
  audience: audienceSchema.nullable().default(null),
  policy: policyRecordSchema.nullable(),
  revisions: z.array(revisionSchema),
  approvals: z.array(approvalRecordSchema),
  approvalRequestId: z.string().nullable(),
  outcome: z.object({
    status: decisionStatusSchema,
    campaignId: z.string().optional(),
    reason: z.string(),
  }),
  checkpointId: z.string().nullable(),
  policyVersion: z.string().nullable(),
  modelVersion: z.string(),
  reasoner: reasonerUsageSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DecisionRecord = z.infer<typeof decisionRecordSchema>;
