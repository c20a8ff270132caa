import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/domain/index.js";
import { getDecision } from "../../src/graph/index.js";
import { DEMO_NOW, demoDb } from "../../src/graph/testing/demo-db.js";
import { startService, type RunningService, type ServiceNote } from "../../src/server/index.js";

// Issue #29, item 3: a signal's run records what the signal said (kind, SKU, market, value,
// time, ingest), the same way whether it came over HTTP or through `autopromo ingest --plan`.
let dir: string;
let service: RunningService;
const notes: ServiceNote[] = [];
beforeAll(async () => {
  const demo = await demoDb();
  dir = demo.dir;
  demo.db.close();
  service = await startService({
    dbPath: demo.path,
    policyPath: demo.policyFile,
    port: 0,
    cycleEveryMs: 0,
    deliverEveryMs: 0,
    clock: fixedClock(DEMO_NOW),
    onNote: (n) => void notes.push(n),
  });
}, 300_000);
afterAll(async () => {
  await service?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function until<T>(what: string, get: () => T | undefined): Promise<T> {
  for (const t0 = Date.now(); Date.now() - t0 < 60_000;) {
    const v = get();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("POST /signals → a run carrying the signal's facts", () => {
  it("records the posted price cut on the run's trigger, without re-reading the store", async () => {
    const res = await fetch(`${service.url}/signals/competitor_price`, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${service.firstAdminToken!}`,
        "Content-Type": "application/json",
      },
      body: JSON.stringify([
        {
          competitor: "ValueMart",
          competitor_product: "VM-FACTS-1",
          market: "US-EAST",
          sku: "SNK-04",
          price: 1.59,
          observed_at: "2026-11-23T08:00:00Z",
        },
      ]),
    });
    expect(res.status).toBe(200);
    const report = (await res.json()) as { ingestId: number; stored: number };
    expect(report.stored).toBe(1);
    const note = await until("the signal run", () =>
      notes.find((n) => n.kind === "signal_run" && (n.result || n.error)),
    );
    if (note.kind !== "signal_run") throw new Error("unreachable");
    expect(note.error).toBeUndefined();
    expect(note.scope).toEqual({ category: "snacks", market: "US-EAST" });
    const record = getDecision(service.db, note.result!.joinedBy ?? note.result!.decisionId);
    expect(record.trigger).toEqual({
      kind: "event",
      reason:
        "signal: competitor_price via POST /signals (1 new, 0 corrected): " +
        "price 1.59 for SNK-04 in US-EAST at 2026-11-23T08:00:00Z",
      facts: [
        {
          kind: "competitor_price",
          market: "US-EAST",
          skus: ["SNK-04"],
          skuCount: 1,
          count: 1,
          corrected: 0,
          measure: "price",
          min: 1.59,
          max: 1.59,
          from: "2026-11-23T08:00:00Z",
          to: "2026-11-23T08:00:00Z",
          ingestId: report.ingestId,
        },
      ],
    });
  }, 120_000);
});
