import type { DecisionRecord } from "../domain/decision.js";
import type { Db } from "../store/index.js";
import { getDecision } from "./decisions.js";
import type { PromotionGraph } from "./graph.js";

/** One step of a run as the checkpointer saw it. */
export interface ReplayStep {
  checkpointId: string;
  step: number;
  next: string[];
  status: string;
  attempt: number;
  verdict: string | null;
  chosen: string | null;
}

/** A decision's run rebuilt from its checkpoint history, checked against its record. */
export interface ReplayReport {
  decisionId: string;
  steps: ReplayStep[];
  recordMatches: boolean;
  record: DecisionRecord;
}

/** Walks the thread's state history (oldest first) and checks the last state agrees with the record. */
export async function replayDecision(
  graph: PromotionGraph,
  db: Db,
  id: string,
): Promise<ReplayReport> {
  const record = getDecision(db, id);
  const steps: ReplayStep[] = [];
  for await (const snap of graph.getStateHistory({
    configurable: { thread_id: record.threadId },
  })) {
    const v = snap.values as Record<string, unknown> & {
      plan?: { choice?: { chosen?: { scenario?: { id?: string } } } } | null;
      policy?: { verdict?: string } | null;
    };
    steps.push({
      checkpointId: String(snap.config.configurable?.checkpoint_id ?? ""),
      step: Number((snap.metadata as { step?: number } | undefined)?.step ?? -1),
      next: [...snap.next],
      status: String(v.status ?? ""),
      attempt: Number(v.attempt ?? 0),
      verdict: v.policy?.verdict ?? null,
      chosen: v.plan?.choice?.chosen?.scenario?.id ?? null,
    });
  }
  steps.reverse();
  const final = steps.at(-1);
  const recordMatches =
    !!final &&
    final.chosen === (record.chosen?.scenario.id ?? null) &&
    final.verdict === (record.policy?.verdict ?? null);
  return { decisionId: record.id, steps, recordMatches, record };
}
