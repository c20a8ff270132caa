import { createHash } from "node:crypto";
import { z } from "zod";
import { decisionStatusSchema } from "../domain/decision.js";
import { QueueError } from "./errors.js";

/** One category × market of a cycle. */
export interface CycleScope {
  category: string;
  market: string;
}

/** What makes two enqueues the same cycle: its instant, its policy file, shadow or not. */
export interface CycleIdentity {
  /** The cycle's instant (ISO): every worker plans as of this moment. */
  now: string;
  /** The policy file every worker loads (default: the shipped policy). */
  policyPath?: string;
  /** Plan in shadow mode (see PromotionGraphOptions.shadow). */
  shadow?: boolean;
}

/** A scope job as it is stored in the queue and read back by a worker. */
export const scopeJobSchema = z.object({
  v: z.literal(1),
  cycle: z.string().regex(/^[0-9a-f]{16}$/),
  now: z.iso.datetime({ offset: true }),
  scope: z.object({ category: z.string().min(1), market: z.string().min(1) }),
  decisionId: z.string().regex(/^dec-[A-Za-z0-9_.-]+$/),
  policyPath: z.string().min(1).optional(),
  shadow: z.boolean(),
});
export type ScopeJob = z.infer<typeof scopeJobSchema>;

/** What a worker stores as a finished job's output: the run's result, or why it failed. */
export const scopeOutcomeSchema = z.union([
  z.object({
    decisionId: z.string(),
    status: decisionStatusSchema,
    interrupted: z.boolean(),
    checkpointId: z.string().nullable(),
    joinedBy: z.string().optional(),
  }),
  z.object({ decisionId: z.string(), failed: z.string() }),
]);
export type ScopeOutcome = z.infer<typeof scopeOutcomeSchema>;

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** The cycle's key: 16 hex digits of its identity (instant, policy, shadow). */
export function cycleKey(c: CycleIdentity): string {
  const at = new Date(c.now);
  if (Number.isNaN(at.getTime()))
    throw new QueueError("INVALID_JOB", `the cycle's instant is not a date/time: ${c.now}`);
  const id = [at.toISOString(), c.policyPath ?? "", c.shadow === true ? "shadow" : "live"];
  return sha256(JSON.stringify(id)).slice(0, 16);
}

/**
 * The decision (and thread) id of a scope in a cycle: newDecisionId's shape, with the random
 * suffix replaced by a digest of cycle × scope, so a retried job resumes the same thread.
 */
export function cycleDecisionId(cycle: string, now: string, scope: CycleScope): string {
  const t = new Date(now).toISOString().replace(/[-:T]/g, "").slice(0, 14);
  const suffix = sha256(`${cycle}|${scope.category}|${scope.market}`).slice(0, 6);
  return `dec-${scope.category}-${scope.market}-${t}-${suffix}`.replace(/[^A-Za-z0-9_.-]/g, "_");
}

/** The job's id (a UUID from cycle × scope): enqueueing the same scope twice inserts nothing. */
export function scopeJobId(cycle: string, scope: CycleScope): string {
  const h = sha256(`job|${cycle}|${scope.category}|${scope.market}`);
  // RFC 9562 version 8 (custom) with the RFC variant bits.
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The job of one scope of cycle `c`. */
export function scopeJob(c: CycleIdentity, scope: CycleScope): ScopeJob {
  const cycle = cycleKey(c);
  return {
    v: 1,
    cycle,
    now: new Date(c.now).toISOString(),
    scope: { category: scope.category, market: scope.market },
    decisionId: cycleDecisionId(cycle, c.now, scope),
    ...(c.policyPath ? { policyPath: c.policyPath } : {}),
    shadow: c.shadow === true,
  };
}

/** A job's data read back from the queue, checked field by field. */
export function parseScopeJob(data: unknown, jobId: string): ScopeJob {
  const r = scopeJobSchema.safeParse(data);
  if (r.success) return r.data;
  const why = r.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
  throw new QueueError("INVALID_JOB", `scope job ${jobId}: ${why.join("; ")}`);
}
