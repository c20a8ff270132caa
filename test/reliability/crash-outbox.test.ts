import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxReceipts } from "../../src/channels/index.js";
import { openDb } from "../../src/store/index.js";
import { finished, printed, sleep, startScript } from "./support/child.js";

// kill -9 anywhere between enqueue and the receiver's ledger, restart, deliver: every channel
// message must be applied exactly once (no duplicate key in received.jsonl, no key missing).
const KILL_POINTS = Number(process.env.OUTBOX_KILLS ?? 20);
const LANES = 4;
const CAMPAIGNS = 5;
const CHANNELS = ["store", "ecommerce"] as const;
/** Past the 5-minute delivery lease, so rows claimed by the killed process are due again. */
const AFTER_LEASE_MS = String(10 * 60_000);

let work: string;
beforeAll(() => void (work = mkdtempSync(join(tmpdir(), "autopromo-outbox-"))));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface PointResult {
  kill: number;
  at: number;
  dup: number;
  lost: number;
  pending: number;
  restartExit: number | null;
}

/** One kill point: run, SIGKILL after `at` ms, restart past the lease, then read the receivers' ledgers. */
async function killPoint(k: number, at: number): Promise<PointResult> {
  const dir = join(work, `run-${k}`);
  mkdirSync(dir);
  const [db, out] = [join(dir, "db"), join(dir, "out")];
  const child = startScript("deliver.ts", [db, out, String(CAMPAIGNS), "0"]);
  const done = finished(child);
  await printed(child, "ready");
  await sleep(at);
  child.kill("SIGKILL");
  await done;
  const restart = await finished(
    startScript("deliver.ts", [db, out, String(CAMPAIGNS), AFTER_LEASE_MS]),
  );
  const keys = CHANNELS.flatMap((ch) => sandboxReceipts(out, ch).map((r) => r.idempotencyKey));
  const conn = openDb(db);
  const pending = (
    conn.prepare("SELECT count(*) AS n FROM outbox WHERE status <> 'delivered'").get() as {
      n: number;
    }
  ).n;
  conn.close();
  return {
    kill: k,
    at,
    dup: keys.length - new Set(keys).size,
    lost: expectedKeys().filter((key) => !keys.includes(key)).length,
    pending,
    restartExit: restart.code,
  };
}

const expectedKeys = () =>
  Array.from({ length: CAMPAIGNS }, (_, i) =>
    CHANNELS.map((ch) => `c-${i}:v1:launch:${ch}`),
  ).flat();

describe("the outbox under kill -9", () => {
  it("applies each channel message once across a crash at any point", async () => {
    // Calibrate: how long an undisturbed run takes after it has opened the database.
    const calDir = join(work, "calibrate");
    mkdirSync(calDir);
    const cal = startScript("deliver.ts", [
      join(calDir, "db"),
      join(calDir, "out"),
      String(CAMPAIGNS),
      "0",
    ]);
    const calDone = finished(cal);
    await printed(cal, "ready");
    const t0 = performance.now();
    await calDone;
    const span = performance.now() - t0;

    // Four lanes at once keep the suite bounded; each kill point has its own database and channels.
    const results: PointResult[] = [];
    const lanes = Array.from({ length: LANES }, async (_, lane) => {
      for (let k = lane; k < KILL_POINTS; k += LANES)
        results.push(await killPoint(k, Math.round(((k + 0.5) / KILL_POINTS) * span * 1.1)));
    });
    await Promise.all(lanes);
    results.sort((a, b) => a.kill - b.kill);
    const duplicates = results.reduce((s, r) => s + r.dup, 0);
    const losses = results.reduce((s, r) => s + r.lost, 0);
    const points = results.map((r) => r.at);
    for (const r of results)
      expect(r).toEqual({ ...r, dup: 0, lost: 0, pending: 0, restartExit: 0 });
    console.log(
      `crash-outbox: kill points tried ${points.length} (at ${points.join(", ")} ms of a ${Math.round(span)} ms run), messages per run ${expectedKeys().length}, duplicates ${duplicates}, losses ${losses}`,
    );
    expect([duplicates, losses]).toEqual([0, 0]);
  });
});
