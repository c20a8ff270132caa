import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import { getContextVariable, setContextVariable } from "@langchain/core/context";
import { AsyncLocalStorageProviderSingleton } from "@langchain/core/singletons";
import {
  Annotation,
  Command,
  END,
  getConfig,
  interrupt,
  MemorySaver,
  START,
  StateGraph,
} from "@langchain/langgraph";
import { traceable } from "langsmith/traceable";
import { afterEach, describe, expect, it } from "vitest";
import { useLightRunContext } from "./run-context.js";

/** What a node saw of LangChain's async context. */
interface Seen {
  threadId?: unknown;
  runTree: boolean;
  variable?: unknown;
  traced?: unknown;
}

function graph(seen: Seen[]) {
  const S = Annotation.Root({ n: Annotation<number>(), answer: Annotation<string>() });
  return new StateGraph(S)
    .addNode("look", async () => {
      setContextVariable("colour", "teal");
      // A fully built RunTree has an id (a uuid7); the light carrier has none.
      const store = AsyncLocalStorageProviderSingleton.getInstance().getStore() as
        { id?: string } | undefined;
      const traced = await traceable(async (x: number) => x * 2, { name: "double" })(21);
      seen.push({
        threadId: getConfig().configurable?.thread_id,
        runTree: typeof store?.id === "string",
        variable: getContextVariable("colour"),
        traced,
      });
      return { n: 1 };
    })
    .addNode("ask", () => ({ answer: interrupt<string, string>("approve?") }))
    .addEdge(START, "look")
    .addEdge("look", "ask")
    .addEdge("ask", END)
    .compile({ checkpointer: new MemorySaver() });
}

class Counting extends BaseCallbackHandler {
  name = "counting";
  starts = 0;
  override handleChainStart() {
    this.starts++;
  }
}

describe("useLightRunContext", () => {
  useLightRunContext();
  afterEach(() => {
    delete process.env.LANGSMITH_TRACING;
  });

  it("keeps the config, context variables and interrupt/resume working without building a run tree", async () => {
    const seen: Seen[] = [];
    const g = graph(seen);
    const config = { configurable: { thread_id: "t-light" } };
    const paused = (await g.invoke({ n: 0 }, config)) as { __interrupt__?: { value: unknown }[] };
    expect(paused.__interrupt__?.[0]?.value).toBe("approve?");
    const done = await g.invoke(new Command({ resume: "yes" }), config);
    expect(done.answer).toBe("yes");
    expect(seen[0]).toEqual({ threadId: "t-light", runTree: false, variable: "teal", traced: 42 });
  });

  it("leaves callback handlers on LangChain's own path: they are called and a run tree carries the config", async () => {
    const seen: Seen[] = [];
    const handler = new Counting();
    await graph(seen).invoke(
      { n: 0 },
      { configurable: { thread_id: "t-cb" }, callbacks: [handler] },
    );
    expect(handler.starts).toBeGreaterThan(0);
    expect(seen[0]).toMatchObject({
      threadId: "t-cb",
      runTree: true,
      variable: "teal",
      traced: 42,
    });
  });

  it("leaves tracing on LangChain's own path when the environment turns it on", async () => {
    process.env.LANGSMITH_TRACING = "true";
    const seen: Seen[] = [];
    // No network in tests: the tracer's client is never flushed here; only the context is checked.
    await graph(seen).invoke({ n: 0 }, { configurable: { thread_id: "t-env" } });
    expect(seen[0]?.runTree).toBe(true);
  });
});
