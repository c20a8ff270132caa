import { validate } from "@langchain/langgraph-checkpoint-validation";
import { installJestGlobals } from "../../test/support/jest-globals.js";
import { openDb, type Db } from "../store/index.js";
import { SqliteCheckpointer } from "./saver.js";

// LangGraph's own conformance suite for checkpoint savers (put, putWrites, getTuple, list),
// run against the shipped saver on a fresh in-memory database per instance.
installJestGlobals();

/** A saver's database, and the end of the unit of work it is held in (the grouped run). */
const open = new WeakMap<SqliteCheckpointer, { db: Db; end?: () => Promise<void> }>();

validate<SqliteCheckpointer>({
  checkpointerName: "SqliteCheckpointer",
  createCheckpointer() {
    const db = openDb(":memory:");
    const saver = new SqliteCheckpointer(db);
    open.set(saver, { db });
    return saver;
  },
  destroyCheckpointer(saver) {
    open.get(saver)?.db.close();
  },
});

// The same scenarios with every call inside one unit of work of the durable-run port: puts and
// writes are held and grouped (stored at the next turn, a read, or the end), as in a run.
validate<SqliteCheckpointer>({
  checkpointerName: "SqliteCheckpointer (grouped)",
  createCheckpointer() {
    const db = openDb(":memory:");
    const saver = new SqliteCheckpointer(db);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const run = saver.durableRuns().run(
      "validation",
      () => held,
      () => undefined,
    );
    open.set(saver, { db, end: async () => (release(), await run) });
    return saver;
  },
  async destroyCheckpointer(saver) {
    const o = open.get(saver);
    await o?.end?.();
    o?.db.close();
  },
});
