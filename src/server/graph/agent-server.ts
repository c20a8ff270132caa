import type { Clock } from "../../domain/index.js";
import type { Db } from "../../store/index.js";
import { ApiError } from "../errors.js";
import type { EventBus } from "../events.js";
import { PROMOTION_GRAPH_ID } from "./langgraph.js";
import type { AssistantGraph, GraphPort, InterruptView, ThreadStateView } from "./port.js";
import { episodic, type EpisodicGraph } from "./episodes.js";
import { createRunManager, type RunManager } from "./runs.js";
import { emptyState } from "./state-view.js";
import { threadsStore, type ThreadRow, type ThreadsStore } from "./threads-store.js";

export type ThreadStatus = "idle" | "busy" | "interrupted" | "error";

/** A thread in the Agent Server's shape. */
export interface ThreadView {
  thread_id: string;
  created_at: string;
  updated_at: string;
  state_updated_at: string;
  metadata: Record<string, unknown>;
  status: ThreadStatus;
  values: Record<string, unknown>;
  interrupts: Record<string, InterruptView[]>;
  config: Record<string, unknown>;
  error: string | null;
  /** autopromo's own: the scope the thread was created with. */
  scope: { category: string; market: string } | null;
}

/** An assistant in the Agent Server's shape: one per served graph, its id being the graph id. */
export interface AssistantView {
  assistant_id: string;
  graph_id: string;
  name: string;
  description: string;
  config: Record<string, unknown>;
  context: Record<string, unknown>;
  metadata: Record<string, unknown>;
  version: number;
  created_at: string;
  updated_at: string;
}

/** Everything the assistants, threads and runs routes share: the graphs, the runs, the threads table. */
export interface AgentServer {
  /** The promotion graph; its threads take one decision after another. */
  promotion: EpisodicGraph;
  runs: RunManager;
  threads: ThreadsStore;
  assistant(id: string): AssistantGraph;
  assistants(): AssistantView[];
  /** The graph a thread runs on (its metadata's graph_id, default the promotion graph). */
  graphOf(threadId: string): { id: string; graph: AssistantGraph };
  /** 404 unless the thread was created through the API or holds a decision. */
  known(threadId: string): ThreadRow | undefined;
  state(threadId: string): Promise<ThreadStateView>;
  view(threadId: string): Promise<ThreadView>;
}

/** Builds the Agent Server layer over the promotion graph and any graphs registered beside it. */
export function createAgentServer(o: {
  db: Db;
  clock: Clock;
  events: EventBus;
  graph: GraphPort;
  assistants?: Record<string, AssistantGraph>;
  startedAt?: string;
}): AgentServer {
  const promotion = episodic(o.graph, o.db, o.clock);
  const graphs = new Map<string, AssistantGraph>([
    [PROMOTION_GRAPH_ID, promotion],
    ...Object.entries(o.assistants ?? {}),
  ]);
  const threads = threadsStore(o.db);
  const runs = createRunManager(promotion, o.events, o.clock);
  const since = o.startedAt ?? o.clock.now().toISOString();

  const assistant = (id: string): AssistantGraph => {
    const g = graphs.get(id);
    if (!g)
      throw new ApiError(
        404,
        "NOT_FOUND",
        `no assistant ${id} (serving: ${[...graphs.keys()].join(", ")})`,
      );
    return g;
  };
  const graphOf = (threadId: string) => {
    const id = threads.get(threadId)?.metadata.graph_id;
    const gid = typeof id === "string" && graphs.has(id) ? id : PROMOTION_GRAPH_ID;
    return { id: gid, graph: graphs.get(gid)! };
  };
  const known = (threadId: string) => {
    const row = threads.get(threadId);
    if (!row && !o.graph.get(threadId) && !graphOf(threadId).graph.started(threadId))
      throw new ApiError(404, "NOT_FOUND", `no thread ${threadId}`);
    return row;
  };
  const state = async (threadId: string) =>
    (await graphOf(threadId).graph.state(threadId)) ?? emptyState(threadId);

  async function view(threadId: string): Promise<ThreadView> {
    const row = known(threadId);
    const s = await state(threadId);
    const interrupts: Record<string, InterruptView[]> = {};
    for (const t of s.tasks) if (t.interrupts.length) interrupts[t.id] = t.interrupts;
    const last = runs.lastStatus(threadId);
    const status: ThreadStatus = runs.isBusy(threadId)
      ? "busy"
      : s.interrupts.length
        ? "interrupted"
        : last === "error"
          ? "error"
          : "idle";
    const created = row?.createdAt ?? s.created_at ?? since;
    const updated = s.created_at && s.created_at > created ? s.created_at : created;
    return {
      thread_id: threadId,
      created_at: created,
      updated_at: updated,
      state_updated_at: updated,
      metadata: row?.metadata ?? {},
      status,
      values: s.values,
      interrupts,
      config: {},
      error: null,
      scope: row?.scope ?? null,
    };
  }

  const assistants = (): AssistantView[] =>
    [...graphs.keys()].map((id) => ({
      assistant_id: id,
      graph_id: id,
      name: id,
      description:
        id === PROMOTION_GRAPH_ID
          ? "Plans, checks, launches and records one category × market promotion decision under the policy"
          : `graph ${id}`,
      config: {},
      context: {},
      metadata: { created_by: "system" },
      version: 1,
      created_at: since,
      updated_at: since,
    }));

  return { promotion, runs, threads, assistant, assistants, graphOf, known, state, view };
}
