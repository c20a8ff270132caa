import { validate } from "@langchain/langgraph-checkpoint-validation";
import * as vitest from "vitest";
import { openDb, type Db } from "../store/index.js";
import { SqliteCheckpointer } from "./saver.js";

// LangGraph's own conformance suite for checkpoint savers (put, putWrites, getTuple, list),
// run against the shipped saver on a fresh in-memory database per instance.
// The suite calls Jest-style globals; this project runs vitest without them.
const { describe, it, test, expect, beforeAll, afterAll, beforeEach, afterEach } = vitest;
Object.assign(globalThis, { describe, it, test, expect, beforeAll, afterAll, beforeEach, afterEach });

const dbs = new WeakMap<SqliteCheckpointer, Db>();

validate<SqliteCheckpointer>({
  checkpointerName: "SqliteCheckpointer",
  createCheckpointer() {
    const db = openDb(":memory:");
    const saver = new SqliteCheckpointer(db);
    dbs.set(saver, db);
    return saver;
  },
  destroyCheckpointer(saver) {
    dbs.get(saver)?.close();
  },
});
