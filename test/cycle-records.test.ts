import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fixedClock } from "../src/domain/index.js";
import { createPromotionGraph, getDecision, runCycle } from "../src/graph/index.js";
import { DEMO_NOW, demoDb } from "../src/graph/testing/demo-db.js";
import { loadPolicy } from "../src/policies/index.js";
import { generateScaleMarket } from "../src/sim/scale/index.js";
import { ingestDataset, openDb, type Db } from "../src/store/index.js";
import { cycleLine } from "./support/cycle-lines.js";

// The decision records a scheduled cycle writes, pinned: a refactor (issue #29: durable runs,
// explicit caches, triggers in one layer) must leave them identical, keys aside. A change that
// means to move them (a model, a rule) regenerates the fixture with `npx vitest run
// test/cycle-records.test.ts -u` and says so in its commit.

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** One line a scope: what was decided, and a digest of the whole record without its keys. */
async function cycleLines(db: Db, now: string): Promise<string[]> {
  const clock = fixedClock(now);
  const graph = createPromotionGraph({ db, clock, policy: loadPolicy() });
  const results = await runCycle({ graph, db, clock });
  return results.map((r) => cycleLine(getDecision(db, r.decisionId)));
}

describe("a scheduled cycle's decision records", () => {
  it("match the demo market's fixture (20 scopes)", async () => {
    const demo = await demoDb();
    dirs.push(demo.dir);
    try {
      const lines = await cycleLines(demo.db, DEMO_NOW);
      expect(lines.length).toBeGreaterThan(10);
      await expect(lines.join("\n") + "\n").toMatchFileSnapshot(
        "./fixtures/demo-cycle.records.txt",
      );
    } finally {
      demo.db.close();
    }
  }, 300_000);

  it("match the scale market's fixture (200 scopes)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "autopromo-scale-records-"));
    dirs.push(dir);
    const db = openDb(join(dir, "scale.db"));
    try {
      for (const chunk of generateScaleMarket({ categories: 50, markets: 4 }))
        await ingestDataset(db, chunk, { origin: "scale" });
      const lines = await cycleLines(db, "2026-11-23T12:00:00Z");
      expect(lines).toHaveLength(200);
      await expect(lines.join("\n") + "\n").toMatchFileSnapshot(
        "./fixtures/scale-cycle.records.txt",
      );
    } finally {
      db.close();
    }
  }, 300_000);
});
