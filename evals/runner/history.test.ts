import { describe, expect, it } from "vitest";
import { openDb } from "../../src/store/index.js";
import { annotateChanges, metricHistory, saveRun } from "./history.js";
import { metric } from "./metric.js";
import type { EvalReport, SuiteResult } from "./schema.js";

const suite = (
  name: string,
  metrics: SuiteResult["metrics"],
  status: SuiteResult["status"] = "pass",
): SuiteResult => ({
  name,
  description: name,
  status,
  seconds: 1,
  metrics,
  charts: [],
  details: null,
});
const report = (suites: SuiteResult[]): EvalReport => ({
  version: 1,
  runId: null,
  startedAt: "2026-01-01T00:00:00Z",
  finishedAt: "2026-01-01T00:01:00Z",
  gitSha: "abc",
  fast: false,
  thresholdsEnforced: false,
  dataDir: "/d",
  passed: true,
  suites,
  history: [],
});
const record = (db: ReturnType<typeof openDb>, r: EvalReport) =>
  saveRun(db, annotateChanges(db, r, Number.MAX_SAFE_INTEGER));

describe("eval history", () => {
  it("compares each metric with the latest earlier run of the same suite, skipping runs without it", () => {
    const db = openDb(":memory:");
    record(
      db,
      report([
        suite("uplift", [metric("visit Qini", -0.02, { threshold: 0, strict: true })]),
        suite("policy", [metric("false alarms", 2, { threshold: 0, direction: "max" })]),
      ]),
    );
    record(
      db,
      report([suite("policy", [metric("false alarms", 1, { threshold: 0, direction: "max" })])]),
    );
    const third = annotateChanges(
      db,
      report([
        suite("uplift", [
          metric("visit Qini", -0.013, { threshold: 0, strict: true }),
          metric("new one", 1),
        ]),
        suite("policy", [metric("false alarms", 0, { threshold: 0, direction: "max" })]),
        suite("reasoning", [], "skipped"),
      ]),
      Number.MAX_SAFE_INTEGER,
    );
    const [uplift, policy] = third.suites;
    expect(uplift!.metrics[0]).toMatchObject({ previous: -0.02, change: expect.closeTo(0.007, 9) });
    expect(uplift!.metrics[1]).toMatchObject({ previous: null, change: null });
    expect(policy!.metrics[0]).toMatchObject({ previous: 1, change: -1 });
    const id = saveRun(db, third);
    expect(id).toBe(3);
    const stored = db.prepare("SELECT report FROM eval_runs WHERE id = 3").get() as {
      report: string;
    };
    expect(JSON.parse(stored.report).runId).toBe(3);
    const h = metricHistory(db, ["policy", "uplift"]);
    expect(h.filter((p) => p.suite === "policy").map((p) => p.value)).toEqual([2, 1, 0]);
    expect(h.filter((p) => p.suite === "uplift").map((p) => p.runId)).toEqual([1, 3]);
    expect(h.some((p) => p.metric === "new one")).toBe(false);
    db.close();
  });

  it("stores a non-finite value as null and compares nothing against it", () => {
    const db = openDb(":memory:");
    record(
      db,
      report([
        suite("lift-backtest", [metric("coverage", Number.NaN, { threshold: 0.75 })], "fail"),
      ]),
    );
    const next = annotateChanges(
      db,
      report([suite("lift-backtest", [metric("coverage", 0.78, { threshold: 0.75 })])]),
      Number.MAX_SAFE_INTEGER,
    );
    expect(next.suites[0]!.metrics[0]).toMatchObject({ previous: null, change: null });
    db.close();
  });
});
