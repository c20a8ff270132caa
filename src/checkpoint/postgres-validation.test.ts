import type { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import { validate } from "@langchain/langgraph-checkpoint-validation";
import * as vitest from "vitest";
import { describePostgres } from "../../test/support/postgres.js";
import { postgresCheckpointer } from "./postgres.js";

// LangGraph's conformance suite for checkpoint savers, run against the official Postgres saver as
// the factory sets it up: each instance on a fresh schema of this file's own database.
// The suite calls Jest-style globals; this project runs vitest without them.
const { describe, it, test, expect, beforeAll, afterAll, beforeEach, afterEach } = vitest;
Object.assign(globalThis, {
  describe,
  it,
  test,
  expect,
  beforeAll,
  afterAll,
  beforeEach,
  afterEach,
});

describePostgres("the Postgres checkpointer", (db) => {
  let made = 0;
  validate<PostgresSaver>({
    checkpointerName: "PostgresSaver",
    createCheckpointer: () => postgresCheckpointer(db.url, { schema: `validation_${++made}` }),
    destroyCheckpointer: (saver) => saver.end(),
  });
});
