import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateDemoMarket } from "../../sim/demo/index.js";
import { ingestDataset, openDb, type Db } from "../../store/index.js";

/** The demo market's "today" in tests: the Monday after its last weeks. */
export const DEMO_NOW = "2026-11-23T12:00:00Z";

/** A policy that escalates any campaign spending over 100 (to category_manager), for approval tests. */
export const ESCALATING_POLICY = "autonomy:\n  maxSpendPerCampaign: 100\n";

/** A fresh database file holding the seeded demo market, in a temp folder; returns its path and an open handle. */
export async function demoDb(
  seed = 1,
): Promise<{ dir: string; path: string; db: Db; policyFile: string }> {
  const dir = mkdtempSync(join(tmpdir(), "autopromo-graph-"));
  const path = join(dir, "demo.db");
  const db = openDb(path);
  await ingestDataset(db, generateDemoMarket({ seed }), { origin: `demo-seed-${seed}` });
  const policyFile = join(dir, "escalate.yaml");
  writeFileSync(policyFile, ESCALATING_POLICY);
  return { dir, path, db, policyFile };
}
