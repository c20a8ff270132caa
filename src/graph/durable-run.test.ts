import { copyFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { MemorySaver, type BaseCheckpointSaver } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import { loadPolicy } from "../policies/index.js";
import { fixedClock } from "../domain/index.js";
import { openDb, type Db } from "../store/index.js";
import { createPromotionGraph, listDecisions, runCycle, runScope } from "./index.js";
import { DEMO_NOW, demoDb } from "./testing/demo-db.js";
import { keysAside } from "./testing/records.js";

/** A copy of the seeded demo market's file, so both runs start from the same bytes. */
function copyOf(path: string, name: string): Db {
  const to = join(dirname(path), name);
  copyFileSync(path, to);
  return openDb(to);
}

/**
 * The demo market's decision records under `saver` (default: SQLite): the UK cycle under the
 * shipped policy (runs that execute and do nothing), and frozen UK under one that escalates.
 */
async function demoRecords(
  path: string,
  policyFile: string,
  saver?: BaseCheckpointSaver,
): Promise<unknown[]> {
  const db = copyOf(path, saver ? "memory.db" : "sqlite.db");
  try {
    const clock = fixedClock(DEMO_NOW);
    const checkpointer = saver ? { checkpointer: saver } : {};
    const graph = createPromotionGraph({ db, clock, policy: loadPolicy(), ...checkpointer });
    await runCycle({ graph, db, clock }, { market: "UK" });
    const escalating = createPromotionGraph({
      db,
      clock,
      policy: loadPolicy(policyFile),
      ...checkpointer,
    });
    await runScope({ graph: escalating, db, clock }, { category: "frozen", market: "UK" });
    const records = listDecisions(db, 1_000).map(keysAside);
    return records.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  } finally {
    db.close();
  }
}

describe("the durable-run port", () => {
  it("gives the same decision records under MemorySaver as under the SQLite saver", async () => {
    const { db, dir, path, policyFile } = await demoDb();
    db.close();
    try {
      const sqlite = await demoRecords(path, policyFile);
      const memory = await demoRecords(path, policyFile, new MemorySaver());
      const statuses = new Set(sqlite.map((r) => (r as { status: string }).status));
      expect([...statuses].sort()).toEqual(["awaiting_approval", "executed", "no_action"]);
      expect(memory).toEqual(sqlite);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
