import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_NOW, demoDb } from "../../src/graph/testing/demo-db.js";
import { fixedClock, loadPolicy } from "../../src/policies/index.js";
import { createApp, createEventBus, createToken, langGraphPort, type ServerEvent } from "../../src/server/index.js";
import type { Db } from "../../src/store/index.js";
import { call } from "./helpers.js";

let db: Db;
let app: ReturnType<typeof createApp>;
const seen: ServerEvent[] = [];
const tok: Record<string, string> = {};

beforeAll(async () => {
  const demo = await demoDb();
  db = demo.db;
  const clock = fixedClock(DEMO_NOW);
  const policy = loadPolicy(demo.policyFile);
  const events = createEventBus(clock);
  events.subscribe((e) => seen.push(e));
  for (const r of ["marketing", "category_manager", "viewer", "finance"] as const) tok[r] = createToken(db, { role: r, name: `${r}-user` }, clock).secret;
  app = createApp({ db, clock, events, policy, graph: langGraphPort({ db, clock, policy }) });
});
afterAll(() => db.close());

describe("threads and runs over the promotion graph", () => {
  it("runs to the approval interrupt, rejects a second run while busy, resumes with command.resume and explains the decision", async () => {
    const created = (await (await call(app, "POST", "/threads", tok.marketing!, { scope: { category: "frozen", market: "UK" } })).json()) as { thread_id: string };
    const id = created.thread_id;
    expect(id).toMatch(/^dec-frozen-UK-/);

    const bg = await call(app, "POST", `/threads/${id}/runs`, tok.marketing!, {});
    expect(bg.status).toBe(202);
    const busy = await call(app, "POST", `/threads/${id}/runs/wait`, tok.marketing!, {});
    expect(busy.status).toBe(409);
    expect(await busy.json()).toMatchObject({ error: { code: "THREAD_BUSY" } });
    for (let i = 0; i < 600 && !seen.some((e) => e.type === "run" && e.data.threadId === id); i++) await new Promise((r) => setTimeout(r, 50));
    expect(seen.find((e) => e.type === "run" && e.data.threadId === id)?.data.status).toBe("interrupted");

    const state = (await (await call(app, "GET", `/threads/${id}/state`, tok.viewer!)).json()) as { interrupts: { approvalRequestId: string }[]; next: string[] };
    expect(state.next).toEqual(["await_approval"]);
    const requestId = state.interrupts[0]!.approvalRequestId;
    expect(requestId).toMatch(/^apr-/);
    expect((await call(app, "POST", `/threads/${id}/runs/wait`, tok.marketing!, { command: { resume: { decision: "approve", comment: "x" } } })).status).toBe(403); // not asked

    const resumed = await call(app, "POST", `/threads/${id}/runs/stream`, tok.category_manager!, { command: { resume: { decision: "approve", comment: "clear the freezer" } } });
    const text = await resumed.text();
    expect(text).toContain("event: metadata");
    expect(text).toMatch(/event: updates\ndata: \{"execute"/);
    expect(text).toMatch(/event: end\ndata: .*"status":"success"/);

    const decision = (await (await call(app, "GET", `/decisions/${id}`, tok.viewer!)).json()) as { status: string; explanation: string; approvals: { approver: string }[] };
    expect(decision.status).toBe("executed");
    expect(decision.approvals[0]!.approver).toBe("category_manager-user (category_manager)");
    expect(decision.explanation).toMatch(/Outcome: executed/);
    const history = (await (await call(app, "GET", `/threads/${id}/history?limit=50`, tok.viewer!)).json()) as { history: unknown[] };
    expect(history.history.length).toBeGreaterThan(5);
    expect(((await (await call(app, "GET", "/decisions", tok.viewer!)).json()) as { decisions: { id: string }[] }).decisions.map((d) => d.id)).toContain(id);
    expect((await call(app, "POST", `/threads/${id}/runs/wait`, tok.category_manager!, { command: { resume: { decision: "approve", comment: "again" } } })).status).toBe(409);
  });

  it("an approval voted through POST /approvals/:id resumes the waiting decision", async () => {
    const { thread_id: id } = (await (await call(app, "POST", "/threads", tok.marketing!, {})).json()) as { thread_id: string };
    const wait = (await (await call(app, "POST", `/threads/${id}/runs/wait`, tok.marketing!, { input: { category: "frozen", market: "UK" } })).json()) as { run: { status: string }; state: { interrupts: { approvalRequestId: string }[] } };
    expect(wait.run.status).toBe("interrupted");
    const requestId = wait.state.interrupts[0]!.approvalRequestId;
    const vote = await call(app, "POST", `/approvals/${requestId}`, tok.category_manager!, { decision: "reject", comment: "not this week" });
    expect(await vote.json()).toMatchObject({ decisionId: id, request: { status: "rejected" } });
    expect(((await (await call(app, "GET", `/decisions/${id}`, tok.viewer!)).json()) as { status: string }).status).toBe("rejected");
    expect((await call(app, "GET", "/threads/nope/state", tok.viewer!)).status).toBe(404);
  });
});
