import { AIMessageChunk, ToolMessage } from "@langchain/core/messages";
import { FakeStreamingChatModel } from "@langchain/core/utils/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../src/index.js";
import { demoDb, DEMO_NOW, fixedClock } from "../src/testing.js";
import { createToolsAgent } from "./tools-agent.js";

let db: Db;
beforeAll(async () => ({ db } = await demoDb()));
afterAll(() => db.close());

describe("example: data tools bound to a chat model, run by ToolNode", () => {
  it("runs the tool calls the model asks for against the store", async () => {
    // A fake model from @langchain/core that asks for two tools, as a tool-calling LLM would.
    const model = new FakeStreamingChatModel({
      chunks: [
        new AIMessageChunk({
          content: "",
          tool_calls: [
            {
              id: "c1",
              name: "salesTrend",
              args: { category: "frozen", market: "UK", weeks: 4 },
              type: "tool_call",
            },
            {
              id: "c2",
              name: "inventoryPosition",
              args: { category: "frozen", market: "UK" },
              type: "tool_call",
            },
          ],
        }),
      ],
    });
    const graph = createToolsAgent(model, db, fixedClock(DEMO_NOW));
    const out = await graph.invoke({
      messages: [{ role: "user", content: "How is frozen doing in the UK?" }],
    });
    const answers = out.messages.filter((m) => m instanceof ToolMessage);
    expect(answers.map((m) => m.name)).toEqual(["salesTrend", "inventoryPosition"]);
    for (const a of answers) expect(a.status ?? "success").toBe("success");
    expect(JSON.parse(answers[0]!.content as string)).toHaveProperty("weeks");
    expect(out.messages.at(-1)!.content).toBe("2 tool answer(s): salesTrend, inventoryPosition");
  });
});
