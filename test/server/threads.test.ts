import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_NOW, demoDb } from "../../src/graph/testing/demo-db.js";
import { loadPolicy } from "../../src/policies/index.js";
import { fixedClock } from "../../src/domain/index.js";
import {
  createApp,
  createEventBus,
  createToken,
  langGraphPort,
  type ServerEvent,
} from "../../src/server/index.js";
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
  for (const r of ["marketing", "category_manager", "viewer", "finance"] as const)
    tok[r] = createToken(db, { role: r, name: `${r}-user` }, clock).secret;
  app = createApp({ db, clock, events, policy, graph: langGraphPort({ db, clock, policy }) });
});
afterAll(() => db.close());

describe("threads and runs over the promotion graph (raw HTTP)", () => {
  it("refuses a mistyped scope with the valid categories and markets, closest first, storing nothing", async () => {
    const before = (db.prepare("SELECT count(*) AS n FROM checkpoints").get() as { n: number }).n;
    const res = await call(app, "POST", "/threads", tok.marketing!, {
      scope: { category: "Snacks", market: "US-WEST" },
    });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe("INVALID_INPUT");
    expect(error.message).toMatch(
      /scope\.category: unknown category "Snacks"; valid categories: snacks, .*unknown market "US-WEST"; valid markets: US-EAST, /,
    );
    const run = await call(app, "POST", "/runs/wait", tok.marketing!, {
      assistant_id: "promotion",
      input: { scope: { category: "frozen", market: "Uk" } },
    });
    expect(run.status).toBe(400);
    expect(((await run.json()) as { error: { message: string } }).error.message).toMatch(
      /input\.scope\.market: unknown market "Uk"; valid markets: UK, /,
    );
    expect((db.prepare("SELECT count(*) AS n FROM checkpoints").get() as { n: number }).n).toBe(
      before,
    );
  });

  it("runs to the approval interrupt, rejects a second run while busy, resumes with command.resume and explains the decision", async () => {
    const created = (await (
      await call(app, "POST", "/threads", tok.marketing!, {
        scope: { category: "frozen", market: "UK" },
      })
    ).json()) as { thread_id: string; status: string };
    const id = created.thread_id;
    expect(id).toMatch(/^dec-frozen-UK-/);
    expect(created.status).toBe("idle");

    const bg = await call(app, "POST", `/threads/${id}/runs`, tok.marketing!, {});
    expect(bg.status).toBe(200);
    const run = (await bg.json()) as { run_id: string; status: string };
    expect(bg.headers.get("Content-Location")).toBe(`/threads/${id}/runs/${run.run_id}`);
    const busy = await call(app, "POST", `/threads/${id}/runs/wait`, tok.marketing!, {});
    expect(busy.status).toBe(409);
    expect(await busy.json()).toMatchObject({ error: { code: "THREAD_BUSY" } });
    const joined = (await (
      await call(app, "GET", `/threads/${id}/runs/${run.run_id}/join`, tok.viewer!)
    ).json()) as { __interrupt__: { value: { approvalRequestId: string } }[] };
    expect(seen.find((e) => e.type === "run" && e.data.threadId === id)?.data.status).toBe(
      "interrupted",
    );

    const state = (await (await call(app, "GET", `/threads/${id}/state`, tok.viewer!)).json()) as {
      tasks: { interrupts: { id: string; value: { approvalRequestId: string } }[] }[];
      next: string[];
    };
    expect(state.next).toEqual(["await_approval"]);
    const requestId = state.tasks[0]!.interrupts[0]!.value.approvalRequestId;
    expect(joined.__interrupt__[0]!.value.approvalRequestId).toBe(requestId);
    expect(requestId).toMatch(/^apr-/);
    expect(
      (
        await call(app, "POST", `/threads/${id}/runs/wait`, tok.marketing!, {
          command: { resume: { decision: "approve", comment: "x" } },
        })
      ).status,
    ).toBe(403); // not asked
    // A new start while the decision waits on approval would leave the request open: refused.
    expect(
      await (
        await call(app, "POST", `/threads/${id}/runs`, tok.marketing!, {
          input: { scope: { category: "frozen", market: "UK" } },
        })
      ).json(),
    ).toMatchObject({ error: { code: "THREAD_INTERRUPTED" } });

    const resumed = await call(app, "POST", `/threads/${id}/runs/stream`, tok.category_manager!, {
      command: { resume: { decision: "approve", comment: "clear the freezer" } },
      stream_mode: ["updates"],
    });
    const text = await resumed.text();
    expect(text).toMatch(/event: metadata\ndata: \{"run_id":/);
    expect(text).toMatch(/event: updates\ndata: \{"execute"/);

    const decision = (await (await call(app, "GET", `/decisions/${id}`, tok.viewer!)).json()) as {
      status: string;
      explanation: string;
      approvals: { approver: string; comment: string }[];
    };
    expect(decision.status).toBe("executed");
    expect(decision.approvals[0]).toMatchObject({
      approver: "category_manager-user (category_manager)",
      comment: "clear the freezer",
    });
    expect(decision.explanation).toMatch(/Outcome: executed/);
    const history = (await (
      await call(app, "GET", `/threads/${id}/history?limit=50`, tok.viewer!)
    ).json()) as unknown[];
    expect(history.length).toBeGreaterThan(5);
    expect(
      (
        (await (await call(app, "GET", "/decisions", tok.viewer!)).json()) as {
          decisions: { id: string }[];
        }
      ).decisions.map((d) => d.id),
    ).toContain(id);
    expect(
      (
        await call(app, "POST", `/threads/${id}/runs/wait`, tok.category_manager!, {
          command: { resume: { decision: "approve", comment: "again" } },
        })
      ).status,
    ).toBe(409);
  });

  it("an approval voted through POST /approvals/:id resumes the waiting decision", async () => {
    const { thread_id: id } = (await (
      await call(app, "POST", "/threads", tok.marketing!, {})
    ).json()) as { thread_id: string };
    const wait = (await (
      await call(app, "POST", `/threads/${id}/runs/wait`, tok.marketing!, {
        input: { category: "frozen", market: "UK" },
      })
    ).json()) as { __interrupt__: { value: { approvalRequestId: string } }[] };
    const requestId = wait.__interrupt__[0]!.value.approvalRequestId;
    const vote = await call(app, "POST", `/approvals/${requestId}`, tok.category_manager!, {
      decision: "reject",
      comment: "not this week",
    });
    expect(await vote.json()).toMatchObject({ decisionId: id, request: { status: "rejected" } });
    expect(
      (
        (await (await call(app, "GET", `/decisions/${id}`, tok.viewer!)).json()) as {
          status: string;
        }
      ).status,
    ).toBe("rejected");
    expect((await call(app, "GET", "/threads/nope/state", tok.viewer!)).status).toBe(404);
  });

  it("validates POST /threads: scope against the catalog, metadata size, thread id size", async () => {
    const bad = async (body: unknown) =>
      (await call(app, "POST", "/threads", tok.marketing!, body)).json() as Promise<{
        error: { message: string };
      }>;
    expect((await bad({ scope: { category: "nope", market: "UK" } })).error.message).toMatch(
      /scope.category/,
    );
    expect((await bad({ scope: { category: "frozen", market: "XX" } })).error.message).toMatch(
      /scope.market/,
    );
    expect((await bad({ metadata: { x: "y".repeat(17_000) } })).error.message).toMatch(
      /16384 bytes/,
    );
    expect((await bad({ thread_id: "t".repeat(129) })).error.message).toMatch(/at most 128/);
    const ok = await call(app, "POST", "/threads", tok.marketing!, {
      thread_id: "my-thread-1",
      metadata: { team: "frozen" },
    });
    expect(ok.status).toBe(200);
    expect(
      (await call(app, "POST", "/threads", tok.marketing!, { thread_id: "my-thread-1" })).status,
    ).toBe(409);
    expect(
      (
        await call(app, "POST", "/threads", tok.marketing!, {
          thread_id: "my-thread-1",
          if_exists: "do_nothing",
        })
      ).status,
    ).toBe(200);
  });

  it("a thread that holds a finished decision takes a new one on a new start, as an Agent Server thread takes a new run", async () => {
    const scope = { category: "frozen", market: "UK" };
    const { thread_id: id } = (await (
      await call(app, "POST", "/threads", tok.marketing!, { scope })
    ).json()) as { thread_id: string };
    type Waited = { decisionId: string; __interrupt__: { value: { approvalRequestId: string } }[] };
    const wait = async () =>
      (await (
        await call(app, "POST", `/threads/${id}/runs/wait`, tok.marketing!, { input: { scope } })
      ).json()) as Waited;
    const first = await wait();
    expect(first.decisionId).toBe(id);
    const firstRequest = first.__interrupt__[0]!.value.approvalRequestId;
    await call(app, "POST", `/approvals/${firstRequest}`, tok.category_manager!, {
      decision: "reject",
      comment: "not this week",
    });
    const historyBefore = (await (
      await call(app, "GET", `/threads/${id}/history?limit=1000`, tok.viewer!)
    ).json()) as unknown[];

    const second = await wait();
    expect(second.decisionId).not.toBe(id);
    expect(second.decisionId).toMatch(/^dec-frozen-UK-/);
    const secondRequest = second.__interrupt__[0]!.value.approvalRequestId;
    expect(secondRequest).not.toBe(firstRequest);
    // The thread reads its latest decision; the first keeps its record and checkpoints.
    const state = (await (await call(app, "GET", `/threads/${id}/state`, tok.viewer!)).json()) as {
      values: { decisionId: string };
    };
    expect(state.values.decisionId).toBe(second.decisionId);
    expect(
      (
        (await (await call(app, "GET", `/decisions/${id}`, tok.viewer!)).json()) as {
          status: string;
        }
      ).status,
    ).toBe("rejected");
    const history = (await (
      await call(app, "GET", `/threads/${id}/history?limit=1000`, tok.viewer!)
    ).json()) as { values: { decisionId?: string } }[];
    expect(history.length).toBeGreaterThan(historyBefore.length);
    expect(history[0]!.values.decisionId).toBe(second.decisionId);
    expect(history.some((h) => h.values.decisionId === id)).toBe(true);

    // A resume on the thread answers the latest decision's request.
    const resumed = (await (
      await call(app, "POST", `/threads/${id}/runs/wait`, tok.category_manager!, {
        command: { resume: { decision: "approve" } },
      })
    ).json()) as { decisionId: string };
    expect(resumed.decisionId).toBe(second.decisionId);
    expect(
      (
        (await (await call(app, "GET", `/decisions/${second.decisionId}`, tok.viewer!)).json()) as {
          status: string;
        }
      ).status,
    ).toBe("executed");
    const launched = (id: string) =>
      (
        db.prepare("SELECT count(*) AS n FROM campaigns WHERE decision_id = ?").get(id) as {
          n: number;
        }
      ).n;
    expect([launched(id), launched(second.decisionId)]).toEqual([0, 1]);
  });

  it("multitask_strategy enqueue: a second start waits its turn and only continues the thread (one approval request)", async () => {
    const { thread_id: id } = (await (
      await call(app, "POST", "/threads", tok.marketing!, {
        scope: { category: "frozen", market: "UK" },
      })
    ).json()) as { thread_id: string };
    const body = {
      input: { scope: { category: "frozen", market: "UK" } },
      multitask_strategy: "enqueue",
    };
    const first = (await (
      await call(app, "POST", `/threads/${id}/runs`, tok.marketing!, body)
    ).json()) as { run_id: string };
    const second = (await (
      await call(app, "POST", `/threads/${id}/runs`, tok.marketing!, body)
    ).json()) as { run_id: string; status: string; kwargs: { kind: string } };
    expect(second).toMatchObject({ status: "pending" });
    await call(app, "GET", `/threads/${id}/runs/${second.run_id}/join`, tok.viewer!);
    const runs = (await (await call(app, "GET", `/threads/${id}/runs`, tok.viewer!)).json()) as {
      run_id: string;
      status: string;
    }[];
    expect(runs.map((r) => [r.run_id, r.status])).toEqual([
      [second.run_id, "interrupted"],
      [first.run_id, "interrupted"],
    ]);
    expect(
      (
        db
          .prepare("SELECT count(*) AS n FROM approval_requests WHERE proposal_id LIKE ?")
          .get(`${id}%`) as { n: number }
      ).n,
    ).toBe(1);
  });
});
