import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Command } from "commander";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDecision } from "../../graph/index.js";
import { DEMO_NOW, demoDb } from "../../graph/testing/demo-db.js";
import type { Db } from "../../store/index.js";
import type { Trigger } from "../../triggers/index.js";
import { registerIngestCommand } from "./ingest.js";

let db: Db;
let dir: string;
let path: string;
let policyFile: string;
beforeAll(async () => ({ db, dir, path, policyFile } = await demoDb()));
afterAll(() => db.close());

async function cli(args: string[]): Promise<string> {
  const lines: string[] = [];
  const p = new Command("autopromo").exitOverride();
  registerIngestCommand(p, { out: (t) => lines.push(t), err: (t) => lines.push(t) });
  await p.parseAsync(["node", "autopromo", ...args, "--db", path]);
  return lines.join("\n");
}

/** A competitor's price cut on one demo SKU, as a CSV file. */
function priceCut(name: string, sku: string, price: number): string {
  const file = join(dir, name);
  writeFileSync(
    file,
    "competitor,competitor_product,market,sku,price,observed_at\n" +
      `ValueMart,VM-${name},US-EAST,${sku},${price},2026-11-23T09:00:00Z\n`,
  );
  return file;
}

const decisions = () =>
  (db.prepare("SELECT count(*) AS n FROM decisions").get() as { n: number }).n;

interface Planned {
  ingest: { ingestId: number; stored: number };
  triggers: Trigger[];
  runs: { decisionId: string }[];
}

describe("autopromo ingest --plan", () => {
  it("plans nothing without --plan (the ingest only stores)", async () => {
    const before = decisions();
    const report = JSON.parse(
      await cli(["ingest", "competitor_price", priceCut("a.csv", "SNK-01", 1.79), "--json"]),
    ) as { stored: number };
    expect(report.stored).toBe(1);
    expect(decisions()).toBe(before);
  });

  it("plans the scope the signal touched, the run recording the signal's facts", async () => {
    const file = priceCut("b.csv", "SNK-02", 1.69);
    const args = ["--plan", "--now", DEMO_NOW, "--policy", policyFile, "--json"];
    const out = JSON.parse(await cli(["ingest", "competitor_price", file, ...args])) as Planned;
    const fact = {
      kind: "competitor_price",
      market: "US-EAST",
      skus: ["SNK-02"],
      skuCount: 1,
      count: 1,
      corrected: 0,
      measure: "price",
      min: 1.69,
      max: 1.69,
      from: "2026-11-23T09:00:00Z",
      to: "2026-11-23T09:00:00Z",
      ingestId: out.ingest.ingestId,
    };
    expect(out.triggers).toEqual([
      {
        scope: { category: "snacks", market: "US-EAST" },
        reason: expect.stringMatching(
          /^signal: competitor_price via autopromo ingest \(1 new, 0 corrected\): price 1\.69 for SNK-02 in US-EAST/,
        ) as string,
        facts: [fact],
      },
    ]);
    expect(out.runs).toHaveLength(1);
    // The record says why the run started without asking the store what the signal said.
    const record = getDecision(db, out.runs[0]!.decisionId);
    expect(record.scope).toEqual({ category: "snacks", market: "US-EAST" });
    expect(record.trigger).toEqual({
      kind: "event",
      reason: out.triggers[0]!.reason,
      facts: [fact],
    });

    // The same file again stores nothing, so nothing is planned.
    const before = decisions();
    const again = await cli(["ingest", "competitor_price", file, "--plan", "--now", DEMO_NOW]);
    expect(again).toMatch(/nothing to plan/);
    expect(decisions()).toBe(before);
  }, 60_000);
});
