import { describe, expect, it } from "vitest";
import type { Finding } from "../../domain/findings.js";
import type { PerceptionData } from "./data.js";
import { perceptionRule, RuleMemo } from "./rule-memo.js";
import { perceptionThresholdsSchema } from "./thresholds.js";

const data = (over: Partial<PerceptionData> = {}): PerceptionData => ({
  asOf: "2026-11-22",
  series: [],
  seriesByKey: new Map(),
  positions: [],
  schedule: [],
  competitors: [],
  signals: [],
  marketOf: new Map(),
  ...over,
});

describe("RuleMemo", () => {
  it("reruns a rule only when something it reads is a different object or value", () => {
    const runs = { stock: 0, competitor: 0 };
    const finding = (id: string) => ({ id }) as unknown as Finding;
    const memo = new RuleMemo([
      perceptionRule(["asOf", "positions"], () => (runs.stock++, [finding("s")])),
      perceptionRule(["asOf", "competitors"], () => (runs.competitor++, [finding("c")])),
    ]);
    const t = perceptionThresholdsSchema.parse({});
    const d = data();
    expect(memo.findings("cat", d, t).map((f) => f.id)).toEqual(["s", "c"]);
    memo.findings("cat", { ...d }, t);
    expect(runs).toEqual({ stock: 1, competitor: 1 });
    memo.findings("cat", { ...d, competitors: [] }, t); // a new competitor list: only its rule reruns
    expect(runs).toEqual({ stock: 1, competitor: 2 });
    memo.findings("cat", { ...d, asOf: "2026-11-23" }, t);
    expect(runs).toEqual({ stock: 2, competitor: 3 });
    memo.findings("other", d, t); // another key keeps its own findings
    expect(runs).toEqual({ stock: 3, competitor: 4 });
  });
});
