import type { RunnableConfig } from "@langchain/core/runnables";
import type { StateSnapshot } from "@langchain/langgraph";
import type { CheckpointRef, InterruptView, TaskView, ThreadStateView } from "./port.js";

const refOf = (threadId: string, c: RunnableConfig | undefined): CheckpointRef | null => {
  const id = c?.configurable?.checkpoint_id as string | undefined;
  if (!id) return null;
  return {
    thread_id: threadId,
    checkpoint_ns: (c?.configurable?.checkpoint_ns as string | undefined) ?? "",
    checkpoint_id: id,
    checkpoint_map: null,
  };
};

const interruptsOf = (t: StateSnapshot["tasks"][number]): InterruptView[] =>
  t.interrupts.map((i, n) => ({ id: i.id ?? `${t.id}:${n}`, value: i.value }));

/** A LangGraph state snapshot in the Agent Server's ThreadState shape. */
export function stateView(threadId: string, s: StateSnapshot): ThreadStateView {
  const tasks: TaskView[] = s.tasks.map((t) => ({
    id: t.id,
    name: t.name,
    error: t.error ? String((t.error as { message?: string }).message ?? t.error) : null,
    interrupts: interruptsOf(t),
    checkpoint: null,
    state: null,
    ...(t.result !== undefined ? { result: t.result } : {}),
  }));
  return {
    values: (s.values ?? {}) as Record<string, unknown>,
    next: [...s.next],
    checkpoint: refOf(threadId, s.config) ?? {
      thread_id: threadId,
      checkpoint_ns: "",
      checkpoint_id: null,
      checkpoint_map: null,
    },
    metadata: (s.metadata ?? null) as Record<string, unknown> | null,
    created_at: s.createdAt ?? null,
    parent_checkpoint: refOf(threadId, s.parentConfig),
    tasks,
    interrupts: tasks.flatMap((t) => t.interrupts),
  };
}

/** The state of a thread that has not run yet. */
export function emptyState(threadId: string): ThreadStateView {
  return {
    values: {},
    next: [],
    checkpoint: {
      thread_id: threadId,
      checkpoint_ns: "",
      checkpoint_id: null,
      checkpoint_map: null,
    },
    metadata: null,
    created_at: null,
    parent_checkpoint: null,
    tasks: [],
    interrupts: [],
  };
}
