import type { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import { validate } from "@langchain/langgraph-checkpoint-validation";
import { installJestGlobals } from "../../test/support/jest-globals.js";
import { describePostgres } from "../../test/support/postgres.js";
import { postgresCheckpointer } from "./postgres.js";

// LangGraph's conformance suite for checkpoint savers, run against the official Postgres saver as
// the factory sets it up: each instance on a fresh schema of this file's own database.
installJestGlobals();

describePostgres("the Postgres checkpointer", (db) => {
  let made = 0;
  validate<PostgresSaver>({
    checkpointerName: "PostgresSaver",
    createCheckpointer: () => postgresCheckpointer(db.url, { schema: `validation_${++made}` }),
    destroyCheckpointer: (saver) => saver.end(),
  });
});
