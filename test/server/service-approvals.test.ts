import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_NOW, demoDb } from "../../src/graph/testing/demo-db.js";
import { fixedClock } from "../../src/domain/index.js";
import { startService } from "../../src/server/index.js";
import { openDb } from "../../src/store/index.js";

// Issue #26, item 5: restarts and signal runs do not re-escalate a scope already awaiting approval.
let dir: string;
let path: string;
let policyPath: string;
beforeAll(async () => {
  const demo = await demoDb();
  ({ dir, path } = demo);
  policyPath = demo.policyFile;
  demo.db.close();
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const options = () => ({
  dbPath: path,
  policyPath,
  port: 0,
  cycleEveryMs: 0,
  deliverEveryMs: 0,
  signalRuns: false,
  clock: fixedClock(DEMO_NOW),
});
const pending = () => {
  const db = openDb(path);
  try {
    return (
      db.prepare("SELECT count(*) AS n FROM approval_requests WHERE status = 'pending'").get() as {
        n: number;
      }
    ).n;
  } finally {
    db.close();
  }
};

describe("one open escalation per scope", () => {
  it("a second signal run, and a run after a restart, join the decision waiting on its approvers", async () => {
    const scope = { category: "frozen", market: "UK" }; // escalates under the demo's escalating policy
    const first = await startService(options());
    const a = await first.runScopeNow(scope, "signal: test");
    expect(a.status).toBe("awaiting_approval");
    const b = await first.runScopeNow(scope, "signal: again");
    expect(b.decisionId).toBe(a.decisionId);
    await first.close();
    const second = await startService(options());
    const c = await second.runScopeNow(scope, "signal: after restart");
    await second.close();
    expect(c.decisionId).toBe(a.decisionId);
    expect(pending()).toBe(1);
  }, 120_000);
});
