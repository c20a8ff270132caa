import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateScaleMarket } from "../sim/scale/index.js";
import { ingestDataset, openDb } from "../store/index.js";
import { runCycleInWorkers } from "./parallel.js";

describe("runCycleInWorkers", () => {
  it("runs every scope once on two threads writing to the same file, each to a final status", async () => {
    const dir = mkdtempSync(join(tmpdir(), "autopromo-parallel-"));
    const path = join(dir, "cycle.db");
    try {
      const db = openDb(path);
      for (const chunk of generateScaleMarket({
        categories: 4,
        markets: 2,
        weeks: 40,
        chunkCategories: 2,
      }))
        await ingestDataset(db, chunk, { origin: "scale" });
      db.close();
      const seen: number[] = [];
      const report = await runCycleInWorkers({
        dbPath: path,
        now: "2026-11-22T12:00:00Z",
        workers: 2,
        onScope: (done) => seen.push(done),
      });
      expect(report.results).toHaveLength(8);
      expect(report.results.every((r) => r.status !== "running")).toBe(true);
      expect(seen.at(-1)).toBe(8);
      const check = openDb(path);
      const decisions = check
        .prepare("SELECT count(DISTINCT thread_id) AS n FROM decisions")
        .get() as { n: number };
      check.close();
      expect(decisions.n).toBe(8);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
