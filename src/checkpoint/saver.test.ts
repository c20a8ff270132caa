import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  Annotation,
  Command,
  END,
  INTERRUPT,
  START,
  StateGraph,
  interrupt,
} from "@langchain/langgraph";
import { JsonPlusSerializer, emptyCheckpoint } from "@langchain/langgraph-checkpoint";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { MIGRATIONS } from "../store/migrations/index.js";
import { openDb, type Db } from "../store/index.js";
import { createCodec } from "./codec.js";
import { SqliteCheckpointer } from "./saver.js";

const State = Annotation.Root({
  plan: Annotation<{ rows: number[] } | null>({ reducer: (_a, b) => b, default: () => null }),
  step: Annotation<string>({ reducer: (_a, b) => b, default: () => "" }),
  log: Annotation<string[]>({ reducer: (a, b) => [...a, ...b], default: () => [] }),
  answer: Annotation<string>({ reducer: (_a, b) => b, default: () => "" }),
});

/** plan (a large value) → check → ask (interrupt) → done: the promotion graph's shape in small. */
function graphOn(checkpointer: SqliteSaver | SqliteCheckpointer) {
  return new StateGraph(State)
    .addNode("make_plan", () => ({
      plan: { rows: Array.from({ length: 500 }, (_, i) => i) },
      step: "plan",
      log: ["plan"],
    }))
    .addNode("check", () => ({ step: "check", log: ["check"] }))
    .addNode("ask", () => ({
      answer: interrupt({ question: "approve?" }) as string,
      step: "ask",
      log: ["ask"],
    }))
    .addNode("done", () => ({ step: "done", log: ["done"] }))
    .addEdge(START, "make_plan")
    .addEdge("make_plan", "check")
    .addEdge("check", "ask")
    .addEdge("ask", "done")
    .addEdge("done", END)
    .compile({ checkpointer });
}

const dirs: string[] = [];
const freshDb = (): Db => {
  const dir = mkdtempSync(join(tmpdir(), "autopromo-checkpoint-"));
  dirs.push(dir);
  return openDb(join(dir, "cp.db"));
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const count = (db: Db, sql: string, ...args: unknown[]) =>
  (db.prepare(sql).get(...args) as { n: number }).n;

describe("SqliteCheckpointer", () => {
  it("pauses at an interrupt, resumes from another connection, and keeps the whole history", async () => {
    const db = freshDb();
    const config = { configurable: { thread_id: "t1" } };
    const paused = await graphOn(new SqliteCheckpointer(db)).invoke({}, config);
    expect((paused as Record<string, unknown>)[INTERRUPT]).toHaveLength(1);
    const other = new Database(db.name);
    const resumed = await graphOn(new SqliteCheckpointer(other)).invoke(
      new Command({ resume: "yes" }),
      config,
    );
    expect(resumed).toMatchObject({
      step: "done",
      answer: "yes",
      log: ["plan", "check", "ask", "done"],
    });
    expect(resumed.plan?.rows).toHaveLength(500);
    const history = [];
    for await (const s of graphOn(new SqliteCheckpointer(db)).getStateHistory(config))
      history.push(s);
    expect(history.map((s) => s.values.step)).toEqual(["done", "ask", "check", "plan", "", ""]);
    expect(history.every((s) => s.values.step === "" || s.values.plan?.rows.length === 500)).toBe(
      true,
    );
    other.close();
  });

  it("stores a channel's value once per version, not in every checkpoint", async () => {
    const db = freshDb();
    await graphOn(new SqliteCheckpointer(db)).invoke({}, { configurable: { thread_id: "t2" } });
    expect(
      count(
        db,
        "SELECT count(*) AS n FROM checkpoint_blobs WHERE thread_id = 't2' AND channel = 'plan'",
      ),
    ).toBe(1);
    expect(
      count(db, "SELECT count(*) AS n FROM checkpoints WHERE thread_id = 't2'"),
    ).toBeGreaterThanOrEqual(4);
    expect(
      count(
        db,
        "SELECT count(*) AS n FROM checkpoints WHERE thread_id = 't2' AND json_type(CAST(checkpoint AS TEXT), '$.channel_values') IS NOT NULL",
      ),
    ).toBe(0);
  });

  it("reads each branch of a fork as it was written", async () => {
    const db = freshDb();
    const saver = new SqliteCheckpointer(db);
    const g = graphOn(saver);
    const config = { configurable: { thread_id: "t3" } };
    await g.invoke({}, config);
    const history = [];
    for await (const s of g.getStateHistory(config)) history.push(s);
    const afterPlan = history.find((s) => s.values.step === "plan")!;
    // A second branch from the same checkpoint writes `step` again, at the same integer version.
    const fork = await g.updateState(afterPlan.config, { step: "edited" });
    expect((await g.getState(fork)).values.step).toBe("edited");
    expect((await g.getState(history[0]!.config)).values.step).toBe("check");
    expect((await g.getState(afterPlan.config)).values.step).toBe("plan");
  });

  it("lists newest first, before a checkpoint, by metadata and up to a limit", async () => {
    const db = freshDb();
    const saver = new SqliteCheckpointer(db);
    await graphOn(saver).invoke({}, { configurable: { thread_id: "t4" } });
    const all = [];
    for await (const t of saver.list({ configurable: { thread_id: "t4" } })) all.push(t);
    const ids = all.map((t) => t.config.configurable?.checkpoint_id as string);
    expect([...ids].sort().reverse()).toEqual(ids);
    const before = [];
    for await (const t of saver.list(
      { configurable: { thread_id: "t4" } },
      { before: all[1]!.config, limit: 2 },
    ))
      before.push(t);
    expect(before.map((t) => t.config.configurable?.checkpoint_id)).toEqual(ids.slice(2, 4));
    const loop = [];
    for await (const t of saver.list(
      { configurable: { thread_id: "t4" } },
      { filter: { source: "input" } },
    ))
      loop.push(t);
    expect(loop).toHaveLength(1);
    expect(saver.latestCheckpointId("t4")).toBe(ids[0]);
    await saver.deleteThread("t4");
    expect(saver.latestCheckpointId("t4")).toBeNull();
    expect(count(db, "SELECT count(*) AS n FROM checkpoint_blobs WHERE thread_id = 't4'")).toBe(0);
  });

  it("resumes a thread that the SQLite saver of earlier versions left at its interrupt", async () => {
    const dir = mkdtempSync(join(tmpdir(), "autopromo-checkpoint-"));
    dirs.push(dir);
    const path = join(dir, "old.db");
    // The database as the previous release left it: migrations up to 12, checkpoints by SqliteSaver.
    const old = new Database(path);
    old.exec(
      "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
    );
    for (const m of MIGRATIONS.filter((x) => x.version < 13)) {
      old.exec(m.sql);
      old
        .prepare("INSERT INTO schema_migrations VALUES (?, ?, ?)")
        .run(m.version, m.name, "2026-11-23T00:00:00Z");
    }
    const config = { configurable: { thread_id: "legacy" } };
    await graphOn(new SqliteSaver(old)).invoke({}, config);
    old.close();

    const db = openDb(path);
    expect(
      count(
        db,
        "SELECT count(*) AS n FROM checkpoint_blobs WHERE thread_id = 'legacy' AND channel = 'plan'",
      ),
    ).toBe(1);
    const g = graphOn(new SqliteCheckpointer(db));
    expect((await g.getState(config)).values).toMatchObject({
      step: "check",
      log: ["plan", "check"],
    });
    const resumed = await g.invoke(new Command({ resume: "later" }), config);
    expect(resumed).toMatchObject({
      step: "done",
      answer: "later",
      log: ["plan", "check", "ask", "done"],
    });
    expect(resumed.plan?.rows).toHaveLength(500);
  });

  it("stores a task's writes with the next checkpoint, an interrupt's at once, and any held ones before a read", async () => {
    const db = freshDb();
    const saver = new SqliteCheckpointer(db);
    const at = { configurable: { thread_id: "t6", checkpoint_ns: "", checkpoint_id: "c1" } };
    const stored = () => count(db, "SELECT count(*) AS n FROM writes WHERE thread_id = 't6'");
    await saver.putWrites(at, [["step", "a"]], "task-a");
    expect(stored()).toBe(0);
    const tuple = await saver.getTuple(at);
    expect(tuple).toBeUndefined(); // no checkpoint c1, but the read stored what was held
    expect(stored()).toBe(1);
    await saver.putWrites(at, [["step", "b"]], "task-b");
    await saver.putWrites(at, [[INTERRUPT, { value: "approve?" }]], "task-c");
    expect(stored()).toBe(3);

    // Through a graph: the run paused at its interrupt has every write another process needs.
    const paused = await graphOn(saver).invoke({}, { configurable: { thread_id: "t7" } });
    expect((paused as Record<string, unknown>)[INTERRUPT]).toHaveLength(1);
    const other = new Database(db.name);
    const state = await graphOn(new SqliteCheckpointer(other)).getState({
      configurable: { thread_id: "t7" },
    });
    expect(state.tasks.map((t) => [t.name, t.interrupts.length])).toEqual([["ask", 1]]);
    other.close();
  });

  it("groups a run's commits: one after a wait at once, the rest (its first too) at the next turn or the end", async () => {
    const db = freshDb();
    const saver = new SqliteCheckpointer(db);
    const other = new Database(db.name, { readonly: true });
    const stored = () =>
      count(other, "SELECT count(*) AS n FROM checkpoints WHERE thread_id = 't8'");
    const put = (id: string, parent?: string) =>
      saver.put(
        {
          configurable: {
            thread_id: "t8",
            checkpoint_ns: "",
            ...(parent ? { checkpoint_id: parent } : {}),
          },
        },
        { ...emptyCheckpoint(), id },
        { source: "loop", step: 0, parents: {} },
        {},
      );
    const seen: number[] = [];
    const out = await saver.grouped(async () => {
      await put("c1");
      seen.push(stored()); // the thread's first: held (a crash before the run's first write leaves no run to resume)
      await put("c2", "c1");
      await put("c3", "c2");
      seen.push(stored()); // no turn since c1: held
      await new Promise((r) => setTimeout(r, 5)); // a wait, as for an LLM call: what is held is stored
      seen.push(stored());
      await put("c4", "c3"); // put after a wait: stored at once
      seen.push(stored());
      await put("c5", "c4");
      seen.push(stored());
      return "done";
    });
    expect(out).toBe("done");
    expect(seen).toEqual([0, 0, 3, 4, 4]);
    expect(stored()).toBe(5); // the end stores the rest
    // Outside a grouped run each checkpoint is stored as it comes.
    await put("c6", "c5");
    expect(stored()).toBe(6);
    other.close();
  });

  it("commits a grouped run's last writes with what it still holds, seeing its newest checkpoint", async () => {
    const db = freshDb();
    const saver = new SqliteCheckpointer(db);
    db.exec("CREATE TABLE settled (thread TEXT, checkpoint TEXT)");
    const put = (id: string, parent?: string) =>
      saver.put(
        {
          configurable: {
            thread_id: "t9",
            checkpoint_ns: "",
            ...(parent ? { checkpoint_id: parent } : {}),
          },
        },
        { ...emptyCheckpoint(), id },
        { source: "loop", step: 0, parents: {} },
        {},
      );
    const commits: string[] = [];
    const run = async () => {
      await put("d1");
      await put("d2", "d1");
      await put("d3", "d2");
      return "done";
    };
    const before = db.prepare("SELECT count(*) AS n FROM checkpoints WHERE thread_id = 't9'");
    // d2 and d3 are held (no turn since d1): `last` sees them stored, in the transaction that stores them.
    await saver.grouped(run, () => {
      commits.push(`in transaction: ${db.inTransaction}`);
      commits.push(`newest: ${saver.storedLatestCheckpointId("t9")}`);
      db.prepare("INSERT INTO settled VALUES ('t9', ?)").run(saver.storedLatestCheckpointId("t9"));
    });
    expect(commits).toEqual(["in transaction: true", "newest: d3"]);
    expect((before.get() as { n: number }).n).toBe(3);
    expect(db.prepare("SELECT checkpoint FROM settled").pluck().get()).toBe("d3");
  });

  it("commits a write nothing waits for with the run's next commit, or at once outside a grouped run", async () => {
    const db = freshDb();
    const saver = new SqliteCheckpointer(db);
    db.exec("CREATE TABLE log (entry TEXT)");
    const other = new Database(db.name, { readonly: true });
    const logged = () => other.prepare("SELECT entry FROM log ORDER BY rowid").pluck().all();
    const put = (id: string, parent?: string) =>
      saver.put(
        {
          configurable: {
            thread_id: "t10",
            checkpoint_ns: "",
            ...(parent ? { checkpoint_id: parent } : {}),
          },
        },
        { ...emptyCheckpoint(), id },
        { source: "loop", step: 0, parents: {} },
        {},
      );
    const seen: unknown[][] = [];
    await saver.grouped(async () => {
      await put("e1");
      saver.commitLater(() => void db.prepare("INSERT INTO log VALUES ('checked')").run());
      seen.push(logged()); // held with e1
      // The next node's own writes commit it, with the checkpoints held before them.
      saver.commitWith(() => db.prepare("INSERT INTO log VALUES ('opened')").run());
      seen.push(logged());
      await put("e2", "e1");
      saver.commitLater(() => void db.prepare("INSERT INTO log VALUES ('last')").run());
      seen.push(logged());
    });
    expect(seen).toEqual([[], ["checked", "opened"], ["checked", "opened"]]);
    expect(logged()).toEqual(["checked", "opened", "last"]); // the run's end commits what is left
    saver.commitLater(() => void db.prepare("INSERT INTO log VALUES ('alone')").run());
    expect(logged()).toEqual(["checked", "opened", "last", "alone"]);
    other.close();
  });

  it("refuses a database without its tables, saying how to open it", () => {
    const raw = new Database(":memory:");
    expect(() => new SqliteCheckpointer(raw)).toThrow(
      /no checkpoint tables; open the database with openDb\(\)/,
    );
    raw.close();
  });
});

describe("the checkpoint codec", () => {
  const serde = new JsonPlusSerializer();
  const codec = createCodec(serde);

  it("writes plain JSON exactly as the serde does", async () => {
    const value = { a: [1, 2.5, "x", null, true], nested: { b: { c: "d" } }, n: -0 };
    const [type, text] = await codec.encode(value);
    const [, bytes] = await serde.dumpsTyped(value);
    expect(type).toBe("json");
    expect(text).toBe(new TextDecoder().decode(bytes));
  });

  it("hands anything else to the serde and reads it back", async () => {
    const value = { missing: undefined, tags: new Set(["a"]), byKey: new Map([["k", 1]]) };
    const [type, data] = await codec.encode(value);
    const back = (await codec.decode(type, data)) as typeof value;
    expect("missing" in back && back.missing === undefined).toBe(true);
    expect(back.tags).toEqual(new Set(["a"]));
    expect(back.byKey).toEqual(new Map([["k", 1]]));
  });
});
