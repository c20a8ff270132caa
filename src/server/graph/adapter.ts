import type { RunnableConfig } from "@langchain/core/runnables";
import type { StateSnapshot } from "@langchain/langgraph";
import type { AssistantGraph, GraphSchemas, RunInput, StreamOptions, StreamPart } from "./port.js";
import { emptyState, stateView } from "./state-view.js";

/** The part of a compiled LangGraph graph the server drives (any `StateGraph(...).compile()` fits). */
export interface CompiledGraphLike {
  stream(input: unknown, options: Record<string, unknown>): Promise<AsyncIterable<unknown>>;
  streamEvents(input: unknown, options: Record<string, unknown>): AsyncIterable<unknown>;
  getState(config: RunnableConfig): Promise<StateSnapshot>;
  getStateHistory(
    config: RunnableConfig,
    options?: { limit?: number; before?: RunnableConfig },
  ): AsyncIterable<StateSnapshot>;
  getGraphAsync(config?: { xray?: boolean | number }): Promise<{ toJSON(): unknown }>;
  readonly channels?: Record<string, unknown>;
}

/** How one graph turns a run into its input and config (the promotion graph adds governance). */
export interface AdapterOptions {
  graphId: string;
  /** The graph's input for a run (a Command for a resume, null to continue). */
  argOf(threadId: string, input: RunInput): unknown;
  /** Extra `configurable` keys for a run (the voter of a resume). */
  configurableOf?(input: RunInput): Record<string, unknown>;
  /** True once the thread has a checkpoint; synchronous so runs are claimed atomically. */
  started(threadId: string): boolean;
  inputSchema?: unknown;
}

// The Agent Server's names for LangGraph's modes; "events" is served by streamEvents.
const NATIVE: Record<string, string> = {
  values: "values",
  updates: "updates",
  custom: "custom",
  debug: "debug",
  tasks: "tasks",
  checkpoints: "checkpoints",
  messages: "messages",
  "messages-tuple": "messages",
};

const nativeModes = (modes: readonly string[]) => [
  ...new Set(modes.filter((m) => NATIVE[m]).map((m) => NATIVE[m]!)),
];

/** A root-level stream chunk of streamEvents: the graph's own output in the requested modes. */
const rootChunk = (e: {
  event?: string;
  name?: string;
  parent_ids?: string[];
  data?: { chunk?: unknown };
}) =>
  e.event === "on_chain_stream" && (e.parent_ids?.length ?? 0) === 0 ? e.data?.chunk : undefined;

/** Serves any compiled graph with a checkpointer as an assistant. */
export function graphAdapter(graph: CompiledGraphLike, o: AdapterOptions): AssistantGraph {
  const cfg = (threadId: string) => ({ configurable: { thread_id: threadId } });

  async function* stream(
    threadId: string,
    input: RunInput,
    so: StreamOptions,
  ): AsyncIterable<StreamPart> {
    const modes = nativeModes(so.modes);
    const options = {
      configurable: { thread_id: threadId, ...(o.configurableOf?.(input) ?? {}) },
      streamMode: modes,
      ...(so.signal ? { signal: so.signal } : {}),
      ...(so.recursionLimit ? { recursionLimit: so.recursionLimit } : {}),
      ...(so.interruptBefore ? { interruptBefore: so.interruptBefore } : {}),
      ...(so.interruptAfter ? { interruptAfter: so.interruptAfter } : {}),
    };
    const arg = o.argOf(threadId, input);
    if (!so.modes.includes("events")) {
      for await (const part of await graph.stream(arg, options)) {
        const [mode, data] = part as [string, unknown];
        yield { event: mode, data };
      }
      return;
    }
    for await (const e of graph.streamEvents(arg, { ...options, version: "v2" })) {
      yield { event: "events", data: e };
      const chunk = rootChunk(e as Parameters<typeof rootChunk>[0]);
      if (Array.isArray(chunk) && chunk.length === 2 && typeof chunk[0] === "string")
        yield { event: chunk[0], data: chunk[1] };
    }
  }

  const schemas = (): GraphSchemas => {
    const keys = Object.keys(graph.channels ?? {}).filter(
      (k) => !k.startsWith("__") && !k.includes(":"),
    );
    const state = { type: "object", properties: Object.fromEntries(keys.map((k) => [k, {}])) };
    return {
      graph_id: o.graphId,
      input_schema: o.inputSchema ?? state,
      output_schema: state,
      state_schema: state,
      config_schema: { type: "object", properties: {} },
      context_schema: null,
    };
  };

  return {
    stream,
    async state(threadId, checkpointId) {
      const c = checkpointId
        ? { configurable: { thread_id: threadId, checkpoint_id: checkpointId, checkpoint_ns: "" } }
        : cfg(threadId);
      const s = await graph.getState(c);
      return s.config?.configurable?.checkpoint_id
        ? stateView(threadId, s)
        : checkpointId
          ? null
          : s.createdAt
            ? stateView(threadId, s)
            : null;
    },
    async history(threadId, h) {
      const out = [];
      const before = h.before
        ? { configurable: { thread_id: threadId, checkpoint_id: h.before, checkpoint_ns: "" } }
        : undefined;
      for await (const s of graph.getStateHistory(cfg(threadId), {
        limit: h.limit,
        ...(before ? { before } : {}),
      }))
        out.push(stateView(threadId, s));
      return out;
    },
    started: o.started,
    async drawable(xray) {
      return (await graph.getGraphAsync({ xray })).toJSON() as {
        nodes: unknown[];
        edges: unknown[];
      };
    },
    schemas,
  };
}

export { emptyState };
