import { rmSync } from "node:fs";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDecision } from "../graph/index.js";
import { DEMO_NOW, demoDb } from "../graph/testing/demo-db.js";
import { openDb } from "../store/index.js";
import { buildProgram } from "./program.js";

// Issue #27 item 8: no third-party notice in normal output, on the LLM path too (LangChain's
// "New LangChain packages are available" appeared 4 times). The OpenAI API is an msw mock.
const BASE = "http://llm-notices.test/v1";
const server = setupServer();
let calls = 0;
let dir: string;
let path: string;
let policyFile: string;

/** A choose_scenario tool call naming the first candidate of the prompt. */
function answer(body: { messages: { role: string; content: string }[] }) {
  calls++;
  const prompt = body.messages
    .filter((m) => m.role === "user")
    .map((m) => m.content)
    .join("\n");
  const chosenId = /"id":"([^"]+)"/.exec(prompt)?.[1] ?? "none";
  const args = JSON.stringify({
    chosenId,
    explanation: "The first candidate fits the findings.",
    whyNot: [],
  });
  return HttpResponse.json({
    id: "cmpl-1",
    object: "chat.completion",
    created: 0,
    model: "m",
    choices: [
      {
        index: 0,
        finish_reason: "tool_calls",
        message: {
          role: "assistant",
          content: null,
          tool_calls: [
            { id: "c1", type: "function", function: { name: "choose_scenario", arguments: args } },
          ],
        },
      },
    ],
    usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
  });
}

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" });
  server.use(
    http.post(`${BASE}/chat/completions`, async ({ request }) =>
      answer((await request.json()) as never),
    ),
  );
  const demo = await demoDb();
  ({ dir, path, policyFile } = demo);
  demo.db.close();
}, 300_000);
afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("normal output on the LLM path", () => {
  it("a run through the mocked OpenAI API prints no third-party notice or warning", async () => {
    vi.stubEnv("OPENAI_API_KEY", "sk-test-notices");
    vi.stubEnv("OPENAI_BASE_URL", BASE);
    const printed: string[] = [];
    const warn = vi.spyOn(console, "warn");
    const error = vi.spyOn(console, "error");
    const stderr = vi.spyOn(process.stderr, "write");
    const warnings: string[] = [];
    const onWarning = (w: Error) => void warnings.push(w.message);
    process.on("warning", onWarning);
    try {
      const p = buildProgram({
        out: (t) => void printed.push(t),
        err: (t) => void printed.push(t),
      }).exitOverride();
      await p.parseAsync([
        "node",
        "autopromo",
        "run",
        "--category",
        "frozen",
        "--market",
        "UK",
        "--db",
        path,
        "--policy",
        policyFile,
        "--now",
        DEMO_NOW,
        "--json",
      ]);
      const [result] = JSON.parse(printed.join("\n")) as { decisionId: string }[];
      const db = openDb(path);
      try {
        expect(getDecision(db, result!.decisionId).reasoner.name).not.toBe("offline");
      } finally {
        db.close();
      }
      expect(calls).toBeGreaterThan(0);
      const seen = [...warn.mock.calls, ...error.mock.calls, ...stderr.mock.calls].map((c) =>
        String(c[0]),
      );
      expect(
        [...seen, ...warnings, ...printed].filter((t) =>
          /LangChain packages|upgrade your packages/i.test(t),
        ),
      ).toEqual([]);
      expect(warn).not.toHaveBeenCalled();
      expect(warnings).toEqual([]);
    } finally {
      process.off("warning", onWarning);
      vi.restoreAllMocks();
      vi.unstubAllEnvs();
    }
  }, 180_000);
});
