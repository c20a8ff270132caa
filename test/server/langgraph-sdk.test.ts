import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Client } from "@langchain/langgraph-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_NOW, demoDb } from "../../src/graph/testing/demo-db.js";
import { loadPolicy } from "../../src/policies/index.js";
import { fixedClock } from "../../src/domain/index.js";
import {
  runOutputSchema,
  runSchema,
  threadSchema,
  threadStateSchema,
} from "../../src/server/graph/protocol-responses.js";
import {
  API_VERSION,
  createApp,
  createEventBus,
  createToken,
  langGraphPort,
  openApiDocument,
  ROUTE_DOCS,
  type TokenRole,
} from "../../src/server/index.js";
import type { Db } from "../../src/store/index.js";

/**
 * The official `@langchain/langgraph-sdk` client against the in-process server (its fetch is the
 * app's request handler: no port, no network), as an ops user would drive it.
 */

let db: Db;
const secrets: Partial<Record<TokenRole, string>> = {};
const scope = { category: "frozen", market: "UK" };
type App = ReturnType<typeof createApp>;
let escalating: App;
let financeAndLegal: App;

/** Every (operation, status) the client met, to hold against the OpenAPI document. */
const answered = new Set<string>();
const routes = ROUTE_DOCS.map((d) => ({
  key: `${d.method} ${d.path}`,
  re: new RegExp(`^${d.path.replace(/\{\w+\}/g, "[^/]+")}$`),
}));
const opOf = (method: string, url: string) => {
  const path = new URL(url).pathname;
  return (
    routes.find((r) => r.key.startsWith(`${method.toLowerCase()} `) && r.re.test(path))?.key ??
    `${method} ${path}`
  );
};
const clientOf = (app: App, role: TokenRole) =>
  new Client({
    apiUrl: "http://autopromo.test",
    apiKey: secrets[role]!,
    callerOptions: {
      maxRetries: 0,
      fetch: async (url: string | URL | Request, init?: RequestInit) => {
        const res = await app.request(url as string, init);
        answered.add(`${opOf(init?.method ?? "GET", String(url))} ${res.status}`);
        return res;
      },
    },
  });
const campaignsOf = (threadId: string) =>
  (
    db.prepare("SELECT count(*) AS n FROM campaigns WHERE decision_id = ?").get(threadId) as {
      n: number;
    }
  ).n;
const statusOf = (e: unknown) => (e as { status?: number }).status;
type Asked = { approvalRequestId: string; missing: { allOf: string[] } };

beforeAll(async () => {
  const demo = await demoDb();
  db = demo.db;
  const clock = fixedClock(DEMO_NOW);
  for (const r of ["marketing", "category_manager", "viewer", "finance", "legal"] as const)
    secrets[r] = createToken(db, { role: r, name: `${r}-user` }, clock).secret;
  const appOn = (policyFile: string) => {
    const policy = loadPolicy(policyFile);
    return createApp({
      db,
      clock,
      events: createEventBus(clock),
      policy,
      graph: langGraphPort({ db, clock, policy }),
    });
  };
  escalating = appOn(demo.policyFile);
  const file = join(demo.dir, "finance-legal.yaml");
  writeFileSync(
    file,
    "autonomy:\n  maxSpendPerCampaign: 100\napprovals:\n  routing:\n    autonomy: { allOf: [finance, legal] }\n",
  );
  financeAndLegal = appOn(file);
});
afterAll(() => db.close());

describe("the official LangGraph SDK client", () => {
  it("assistants, threads, wait, stream to the approval interrupt, state, resume by Command, runs list/get/join/cancel, history, one 409", async () => {
    const ops = clientOf(escalating, "marketing");
    const assistants = await ops.assistants.search();
    expect(assistants.map((a) => a.graph_id)).toContain("promotion");
    expect((await ops.assistants.get("promotion")).graph_id).toBe("promotion");
    const drawing = await ops.assistants.getGraph("promotion");
    expect(drawing.nodes.map((n) => n.id)).toEqual(
      expect.arrayContaining(["check_policy", "await_approval", "execute"]),
    );
    expect((await ops.assistants.getSchemas("promotion")).input_schema).toMatchObject({
      properties: { scope: {} },
    });

    // runs.wait answers the thread's values, with the interrupt it paused at.
    const waited = await ops.threads.create();
    threadSchema.parse(waited);
    const out = runOutputSchema.parse(
      await ops.runs.wait(waited.thread_id, "promotion", { input: { scope } }),
    );
    expect((out.__interrupt__?.[0]?.value as Asked).missing.allOf).toEqual(["category_manager"]);
    // A scope has one pending request per plan: another thread on it would join this one, so
    // it is answered first (a rejection through the thread, as Command({ resume })).
    const rejected = await clientOf(escalating, "category_manager").runs.wait(
      waited.thread_id,
      "promotion",
      { command: { resume: { decision: "reject", comment: "not now" } } },
    );
    expect(rejected).toMatchObject({ status: "rejected" });

    // runs.stream: run_id in the metadata event and through onRunCreated; the interrupt in updates.
    const thread = await ops.threads.create({ metadata: { team: "frozen" } });
    let created: { run_id: string; thread_id?: string } | undefined;
    const parts: { event: string; data: unknown }[] = [];
    for await (const p of ops.runs.stream(thread.thread_id, "promotion", {
      input: { scope },
      streamMode: ["values", "updates"],
      onRunCreated: (m) => (created = m),
    }))
      parts.push(p);
    expect(parts[0]).toMatchObject({ event: "metadata", data: { run_id: created!.run_id } });
    expect(created!.thread_id).toBe(thread.thread_id);
    expect(parts.some((p) => p.event === "values")).toBe(true);
    const paused = parts.find(
      (p) => p.event === "updates" && "__interrupt__" in (p.data as object),
    );
    expect(paused).toBeDefined();

    const state = threadStateSchema.parse(await ops.threads.getState(thread.thread_id));
    expect(state.next).toEqual(["await_approval"]);
    expect(state.checkpoint.checkpoint_id).toBeTruthy();
    expect(state.parent_checkpoint?.checkpoint_id).toBeTruthy();
    expect(state.metadata).toMatchObject({ source: "loop" });
    const interrupt = state.tasks.flatMap((t) => t.interrupts)[0]!;
    expect(interrupt.id).toBeTruthy();
    const asked = interrupt.value as Asked;
    expect(asked.approvalRequestId).toMatch(/^apr-/);
    expect((await ops.threads.get(thread.thread_id)).status).toBe("interrupted");

    // Only a role the request asks may answer; its vote goes in as Command({ resume }).
    await expect(
      ops.runs.wait(thread.thread_id, "promotion", {
        command: { resume: { decision: "approve" } },
      }),
    ).rejects.toMatchObject({ status: 403 });
    const approver = clientOf(escalating, "category_manager");
    const done = await approver.runs.wait(thread.thread_id, "promotion", {
      command: { resume: { decision: "approve" } },
    });
    expect(done).toMatchObject({ status: "executed" });
    expect(done).not.toHaveProperty("__interrupt__");
    expect(campaignsOf(thread.thread_id)).toBe(1);
    await expect(
      approver.runs.wait(thread.thread_id, "promotion", {
        command: { resume: { decision: "approve" } },
      }),
    ).rejects.toMatchObject({ status: 409 });
    expect(campaignsOf(thread.thread_id)).toBe(1);

    const runs = await ops.runs.list(thread.thread_id);
    expect(runs.map((r) => r.status)).toEqual(["success", "interrupted"]);
    for (const r of runs) runSchema.parse(r);
    expect((await ops.runs.get(thread.thread_id, created!.run_id)).status).toBe("interrupted");
    expect(await ops.runs.join(thread.thread_id, created!.run_id)).toHaveProperty("__interrupt__");
    const history = await ops.threads.getHistory(thread.thread_id, { limit: 50 });
    expect(history.length).toBeGreaterThan(5);
    expect(history[0]!.values).toMatchObject({ status: "executed" });

    // Cancel: a run cancelled at once stops; nothing launches.
    const other = await ops.threads.create();
    const bg = await ops.runs.create(other.thread_id, "promotion", { input: { scope } });
    await ops.runs.cancel(other.thread_id, bg.run_id, true);
    expect((await ops.runs.get(other.thread_id, bg.run_id)).status).toBe("interrupted");
    expect(campaignsOf(other.thread_id)).toBe(0);
    // The thread takes a new run after the cancelled one, as the client documents: a new decision.
    const again = runOutputSchema.parse(
      await ops.runs.wait(other.thread_id, "promotion", { input: { scope } }),
    );
    expect(again.__interrupt__?.length).toBe(1);
    expect((await ops.threads.getState(other.thread_id)).tasks[0]?.interrupts.length).toBe(1);

    // Two runs back to back with multitask_strategy reject: exactly one 409, however fast the first ends.
    for (const together of [false, true]) {
      const t = await ops.threads.create();
      const post = () =>
        ops.runs.create(t.thread_id, "promotion", {
          input: { scope },
          multitaskStrategy: "reject",
        });
      const settled = together
        ? await Promise.allSettled([post(), post()])
        : [
            await post().then(
              (v) => ({ status: "fulfilled" as const, value: v }),
              (e: unknown) => ({ status: "rejected" as const, reason: e }),
            ),
            await post().then(
              (v) => ({ status: "fulfilled" as const, value: v }),
              (e: unknown) => ({ status: "rejected" as const, reason: e }),
            ),
          ];
      expect(
        settled
          .filter((s) => s.status === "rejected")
          .map((s) => statusOf(s.status === "rejected" ? s.reason : null)),
      ).toEqual([409]);
      const ok = settled.find((s) => s.status === "fulfilled")!;
      await ops.runs.join(
        t.thread_id,
        (ok as PromiseFulfilledResult<{ run_id: string }>).value.run_id,
      );
    }
  }, 120_000);

  it("the same flow with finance and legal approvers, each resuming through the threads API", async () => {
    const ops = clientOf(financeAndLegal, "marketing");
    const thread = await ops.threads.create();
    const out = runOutputSchema.parse(
      await ops.runs.wait(thread.thread_id, "promotion", { input: { scope } }),
    );
    expect((out.__interrupt__?.[0]?.value as Asked).missing.allOf).toEqual(["finance", "legal"]);
    await expect(
      ops.runs.wait(thread.thread_id, "promotion", {
        command: { resume: { decision: "approve" } },
      }),
    ).rejects.toMatchObject({ status: 403 });

    const finance = await clientOf(financeAndLegal, "finance").runs.wait(
      thread.thread_id,
      "promotion",
      { command: { resume: { decision: "approve", comment: "within budget" } } },
    );
    expect(
      (runOutputSchema.parse(finance).__interrupt__?.[0]?.value as Asked).missing.allOf,
    ).toEqual(["legal"]);
    expect(campaignsOf(thread.thread_id)).toBe(0);
    const legal = await clientOf(financeAndLegal, "legal").runs.wait(
      thread.thread_id,
      "promotion",
      { command: { resume: { decision: "approve" } } },
    );
    expect(legal).toMatchObject({ status: "executed" });
    expect(campaignsOf(thread.thread_id)).toBe(1);
    const votes = db
      .prepare(
        "SELECT role, approver, comment FROM approval_votes v JOIN approval_requests r ON r.id = v.request_id WHERE r.id = ?",
      )
      .all((out.__interrupt__![0]!.value as Asked).approvalRequestId);
    expect(votes).toEqual([
      { role: "finance", approver: "finance-user (finance)", comment: "within budget" },
      { role: "legal", approver: "legal-user (legal)", comment: "approve given without a comment" },
    ]);
  }, 120_000);

  it("answered only statuses the OpenAPI document lists for each operation", () => {
    const doc = openApiDocument(ROUTE_DOCS, { version: API_VERSION }) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const undocumented = [...answered].filter((a) => {
      const [method, path, status] = a.split(" ");
      return !doc.paths[path!]?.[method!]?.responses[status!];
    });
    expect(answered.size).toBeGreaterThan(10);
    expect(undocumented).toEqual([]);
  });
});
