import { describe, expect, it } from "vitest";
import { EvalError } from "./errors.js";
import { formatChange, isWorse } from "./format.js";
import { exitCodeFor, meetsThreshold, metric, suiteStatusOf, thresholdLabel } from "./metric.js";
import { runSuite } from "./run.js";
import { defaultSuites, selectSuites } from "./suites.js";
import type { Suite } from "./types.js";

const ctx = { dataDir: "/nowhere", fast: false, tmpDir: "/tmp", runs: 1 };
const stub = (name: string, fast: boolean, run: Suite["run"]): Suite => ({
  name,
  description: name,
  fast,
  run,
});

describe("thresholds", () => {
  it("judges floors, ceilings and strict floors", () => {
    expect(meetsThreshold(0.9, 0.9, "min")).toBe(true);
    expect(meetsThreshold(0.89, 0.9, "min")).toBe(false);
    expect(meetsThreshold(0, 0, "min", true)).toBe(false);
    expect(meetsThreshold(0.001, 0, "min", true)).toBe(true);
    expect(meetsThreshold(0.33, 0.33, "max")).toBe(true);
    expect(meetsThreshold(0.34, 0.33, "max")).toBe(false);
    expect(meetsThreshold(Number.NaN, 0.75, "min")).toBe(false);
    expect(meetsThreshold(-5, null, "min")).toBe(true);
  });

  it("builds metrics, suite status and labels", () => {
    const ok = metric("precision", 0.95, { threshold: 0.9 });
    const bad = metric("visit Qini", -0.013, { threshold: 0, strict: true });
    expect(ok.pass).toBe(true);
    expect(bad.pass).toBe(false);
    expect(metric("info", 1).threshold).toBeNull();
    expect(suiteStatusOf([ok])).toBe("pass");
    expect(suiteStatusOf([ok, bad])).toBe("fail");
    expect(thresholdLabel(bad, String)).toBe("> 0");
    expect(thresholdLabel(metric("w", 0.3, { threshold: 0.33, direction: "max" }), String)).toBe(
      "≤ 0.33",
    );
  });

  it("exits 1 only when thresholds are enforced and a suite failed or errored; skipped is neither", () => {
    expect(exitCodeFor([{ status: "fail" }], false)).toBe(0);
    expect(exitCodeFor([{ status: "fail" }], true)).toBe(1);
    expect(exitCodeFor([{ status: "error" }], true)).toBe(1);
    expect(exitCodeFor([{ status: "pass" }, { status: "skipped" }], true)).toBe(0);
  });
});

describe("registry", () => {
  const registry = defaultSuites();

  it("holds the shipped suites and a fast CI subset", () => {
    expect(registry.map((s) => s.name)).toEqual([
      "policy",
      "perception",
      "lift-backtest",
      "uplift",
      "affinity",
      "latency",
      "reasoning",
      "injection",
      "pilot",
      "pilot-worlds",
    ]);
    expect(selectSuites(registry, [], true).map((s) => s.name)).toEqual([
      "policy",
      "perception",
      "lift-backtest",
      "latency",
      "injection",
    ]);
    expect(selectSuites(registry, ["latency", "policy"], false).map((s) => s.name)).toEqual([
      "policy",
      "latency",
    ]);
  });

  it("refuses an unknown suite and names the known ones", () => {
    expect(() => selectSuites(registry, ["polcy"], false)).toThrow(
      /unknown suite polcy; known: policy, perception/,
    );
  });

  it("reports missing data as skipped and a crash as error, never as a pass", async () => {
    const missing = await runSuite(
      stub("lift", true, () => Promise.reject(new EvalError("DATA_MISSING", "no data"))),
      ctx,
    );
    expect(missing).toMatchObject({ status: "skipped", reason: "no data", metrics: [] });
    const crash = await runSuite(
      stub("x", true, () => Promise.reject(new Error("boom"))),
      ctx,
    );
    expect(crash).toMatchObject({ status: "error", reason: "boom" });
    const real = await runSuite(
      stub("lift-backtest", true, async () => ({ metrics: [], details: null })),
      { ...ctx, dataDir: "/nowhere" },
    );
    expect(real.status).toBe("pass");
    const lift = await runSuite(
      registry.find((s) => s.name === "lift-backtest")!,
      ctx,
    );
    expect(lift.status).toBe("skipped");
    expect(lift.reason).toMatch(/breakfast-at-the-frat not found/);
  });
});

describe("changes against the previous run", () => {
  it("formats and judges the direction of a change", () => {
    expect(formatChange({ previous: null, change: null })).toBe("new");
    expect(formatChange({ previous: 0.8, change: -0.013, unit: "%" })).toBe("−1.3 pp");
    expect(formatChange({ previous: 3, change: 0 })).toBe("=");
    expect(isWorse({ change: -0.01, direction: "min", threshold: 0.9 })).toBe(true);
    expect(isWorse({ change: -0.01, direction: "max", threshold: 0.33 })).toBe(false);
    expect(isWorse({ change: 5, direction: "max", threshold: null })).toBe(false);
  });
});
