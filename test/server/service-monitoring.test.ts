import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { campaignHistory, campaignState } from "../../src/channels/index.js";
import { steppingClock } from "../../src/channels/testing.js";
import { liveTestCampaign, seedCatalog, WEEK_ENDS } from "../../src/monitoring/testing.js";
import { startService, type RunningService, type ServerEvent } from "../../src/server/index.js";
import { ingestRecords, openDb } from "../../src/store/index.js";

// Issue #6, monitoring: as actuals arrive through ingestion — over HTTP or from another process —
// the running service compares each live campaign with its forecast and the stop-loss pauses and
// escalates one that loses money with confidence; a cycle ends a campaign whose end date passed.
// The fixture forecasts 250 promoted units a week (100 baseline) at 3.00 with unit cost 2.00.

const running: RunningService[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.close();
});

/** A database file with the monitoring fixture's catalog and one live campaign, c-1. */
async function fixture(): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), "autopromo-service-monitor-")), "m.db");
  const db = openDb(path);
  seedCatalog(db);
  await liveTestCampaign(db, "c-1", steppingClock("2025-02-20T10:00:00Z"));
  db.close();
  return path;
}

async function service(path: string, now: string) {
  const s = await startService({
    dbPath: path,
    port: 0,
    clock: steppingClock(now),
    cycleEveryMs: 0,
    deliverEveryMs: 0,
    signalRuns: false,
    resumeUnfinished: false,
    feedEveryMs: 20,
  });
  running.push(s);
  const seen: ServerEvent[] = [];
  s.events.subscribe((e) => seen.push(e));
  return { s, seen };
}

/** Weekly store sales of the promoted SKU at the promoted price: about the baseline, so no lift. */
const flatWeeks = WEEK_ENDS.slice(0, 3).map((week, i) => ({
  sku: "SKU-1",
  date: week,
  granularity: "week",
  location: "S1",
  units: [104, 97, 101][i],
  price_paid: 3,
  regular_price: 4,
  tpr: 1,
}));

async function until<T>(what: string, get: () => T | undefined, ms = 10_000): Promise<T> {
  for (const t0 = Date.now(); ;) {
    const v = get();
    if (v !== undefined) return v;
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const paused = (seen: ServerEvent[]) =>
  seen.find(
    (e) => e.type === "campaign" && e.data.campaignId === "c-1" && e.data.status === "paused",
  );

describe("monitoring in the running service", () => {
  it("sales posted over HTTP that show no lift pause the campaign with the stop-loss, escalate it and announce it", async () => {
    const { s, seen } = await service(await fixture(), "2025-03-25T10:00:00Z");
    const res = await fetch(`${s.url}/signals/sales`, {
      method: "POST",
      headers: { Authorization: `Bearer ${s.firstAdminToken}`, "Content-Type": "application/json" },
      body: JSON.stringify(flatWeeks),
    });
    expect(await res.json()).toMatchObject({ stored: 3, quarantined: 0 });
    const e = await until("the pause on the live feed", () => paused(seen));
    expect(e.data).toMatchObject({
      by: "autopromo",
      reason: expect.stringMatching(
        /^stop-loss: realised incremental margin -?\d+(\.\d+)?\/week over 3 week\(s\), 90 % upper bound .* below with confidence .*category_manager, finance to resume or stop it/,
      ),
    });
    expect(campaignState(s.db, "c-1")?.status).toBe("paused");
  });

  it("sales ingested by another process (`autopromo ingest sales`) are monitored too", async () => {
    const path = await fixture();
    const { s, seen } = await service(path, "2025-03-25T10:00:00Z");
    const other = openDb(path);
    // The records as the CLI's readers hand them over (domain keys).
    const records = flatWeeks.map((w, i) => ({
      line: i + 2,
      values: {
        sku: w.sku,
        date: w.date,
        granularity: w.granularity,
        location: w.location,
        units: w.units,
        pricePaid: w.price_paid,
        regularPrice: w.regular_price,
        tpr: w.tpr,
      },
    }));
    const report = await ingestRecords(other, [records], {
      kind: "sales",
      source: "pos",
      origin: "weekly.csv",
    });
    other.close();
    expect(report).toMatchObject({ stored: 3, quarantined: 0 });
    await until("the pause on the live feed", () => paused(seen));
    expect(campaignHistory(s.db, "c-1").at(-1)).toMatchObject({ to: "paused", by: "autopromo" });
  });

  it("a cycle ends a live campaign whose end date has passed, with no new sales needed", async () => {
    const { s, seen } = await service(await fixture(), "2025-04-02T10:00:00Z");
    await s.runCycle();
    await until("the end on the live feed", () =>
      seen.find(
        (e) => e.type === "campaign" && e.data.campaignId === "c-1" && e.data.status === "ended",
      ),
    );
    expect(campaignHistory(s.db, "c-1").at(-1)).toMatchObject({
      to: "ended",
      by: "autopromo",
      reason: "end date 2025-03-30 reached",
    });
  });

  it("a future-dated sales row is quarantined and moves neither the clock nor any campaign (issue #26)", async () => {
    const { s } = await service(await fixture(), "2025-03-05T10:00:00Z");
    const row = [{ sku: "SKU-1", date: "2099-12-30", units: 3, location: "S1", price_paid: 3.49 }];
    const res = await fetch(`${s.url}/signals/sales`, {
      method: "POST",
      headers: { Authorization: `Bearer ${s.firstAdminToken}`, "Content-Type": "application/json" },
      body: JSON.stringify(row),
    });
    expect(await res.json()).toMatchObject({
      stored: 0,
      quarantined: 1,
      rejections: [
        {
          field: "period_end",
          reason: expect.stringMatching(/dated 2099-12-30, after today \(2025-03-05\)/),
        },
      ],
    });
    await s.runCycle();
    expect(s.planningClock.now().toISOString()).toBe("2025-03-05T10:00:00.000Z");
    expect(campaignState(s.db, "c-1")?.status).toBe("live");
    const stored = s.db
      .prepare("SELECT count(*) AS n FROM sales WHERE period_end > '2025-03-06'")
      .get() as { n: number };
    expect(stored.n).toBe(0);
  });

  it("a campaign ended by the clock is retracted from its channels in the same transaction", async () => {
    const { s } = await service(await fixture(), "2025-04-02T10:00:00Z");
    await s.runCycle();
    expect(campaignState(s.db, "c-1")?.status).toBe("ended");
    const ops = s.db
      .prepare("SELECT op, status FROM outbox WHERE campaign_id = 'c-1' AND op = 'retract'")
      .all() as { op: string }[];
    expect(ops.length).toBeGreaterThan(0);
  });
});
