import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_NOW, demoDb } from "../graph/testing/demo-db.js";
import type { Db } from "../store/index.js";

let db: Db;
beforeAll(async () => {
  const demo = await demoDb();
  db = demo.db;
  // What a developer puts in the shell (or .env) before `langgraph dev`.
  process.env.AUTOPROMO_DB = demo.path;
  process.env.AUTOPROMO_POLICY = demo.policyFile;
  process.env.AUTOPROMO_NOW = DEMO_NOW;
  delete process.env.OPENAI_API_KEY;
});
afterAll(() => db.close());

describe("langgraph.json and the Studio module", () => {
  it("names a module the LangGraph CLI can load, which exports the compiled graph and draws it", async () => {
    const config = JSON.parse(readFileSync(join(process.cwd(), "langgraph.json"), "utf8")) as {
      graphs: Record<string, string>;
      dependencies: string[];
    };
    expect(config.dependencies).toEqual(["."]);
    const [file, name] = config.graphs.promotion!.split(":");
    const mod = (await import(join(process.cwd(), file!))) as Record<
      string,
      { getGraphAsync(): Promise<{ drawMermaid(): string }>; invoke: unknown }
    >;
    const graph = mod[name!]!;
    expect(typeof graph.invoke).toBe("function");
    const mermaid = (await graph.getGraphAsync()).drawMermaid();
    for (const node of [
      "perceive",
      "plan_promotion",
      "check_policy",
      "await_approval",
      "execute",
      "record",
    ])
      expect(mermaid).toContain(node);
  });

  it("runs on the database and policy the environment names", async () => {
    const { studioGraph } = await import("./build.js");
    const graph = studioGraph(process.env);
    const out = await graph.invoke(
      { decisionId: "studio-1", scope: { category: "frozen", market: "UK" } },
      { configurable: { thread_id: "studio-1" } },
    );
    // The escalating policy of the environment pauses the run for approval.
    expect(out.status).toBe("awaiting_approval");
  });
});
