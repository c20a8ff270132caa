import { createPerceptionAgent } from "../../../src/agents/perception/index.js";
import { checkProposal } from "../../../src/policies/check.js";
import { fixedClock } from "../../../src/domain/clock.js";
import { validatePolicy } from "../../../src/policies/load.js";
import { generateDemoMarket } from "../../../src/sim/demo/index.js";
import { ingestDataset, openDb } from "../../../src/store/index.js";
import { DEMO_NOW } from "../../perception/index.js";
import { generatePolicyCases } from "../../policy/index.js";
import { NOW, seedWorld } from "../../policy/world.js";
import { metric } from "../metric.js";
import type { Suite } from "../types.js";

/** Median and 95th percentile (nearest rank) of timings in milliseconds. */
export function summariseTimings(ms: readonly number[]): {
  median: number;
  p95: number;
  min: number;
  max: number;
} {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
  return { median: at(0.5), p95: at(0.95), min: s[0]!, max: s[s.length - 1]! };
}

async function time(runs: number, fn: () => unknown): Promise<number[]> {
  await fn(); // warm-up: JIT and SQLite statement caches, not what a steady run pays
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

/** Wall-clock latency of one perception pass over the demo market and of one policy check. */
export function latencySuite(): Suite {
  return {
    name: "latency",
    description:
      "one perception pass on the demo market (seed 1) and one policy check, median / p95 over N runs after a warm-up",
    fast: true,
    async run(ctx) {
      const demoDb = openDb(":memory:");
      const policyDb = openDb(":memory:");
      try {
        await ingestDataset(demoDb, generateDemoMarket({ seed: 1 }), { origin: "demo:1" });
        const at = new Date(DEMO_NOW);
        const agent = createPerceptionAgent({ db: demoDb, clock: { now: () => at } });
        const perception = summariseTimings(await time(ctx.runs, () => agent.perceive()));

        const c = generatePolicyCases().find((x) => x.bounds === "in")!;
        seedWorld(policyDb, c.world);
        const policy = validatePolicy(c.policy, "eval:latency");
        const policyCheck = summariseTimings(
          await time(ctx.runs, () => checkProposal(policyDb, c.proposal, policy, fixedClock(NOW))),
        );
        return {
          metrics: [
            metric("perception pass, median", perception.median, { unit: "ms" }),
            metric("perception pass, p95", perception.p95, {
              threshold: 2000,
              direction: "max",
              unit: "ms",
            }),
            metric("policy check, median", policyCheck.median, { unit: "ms" }),
            metric("policy check, p95", policyCheck.p95, {
              threshold: 50,
              direction: "max",
              unit: "ms",
            }),
          ],
          details: {
            runs: ctx.runs,
            perceptionMs: perception,
            policyCheckMs: policyCheck,
            policyCase: c.id,
          },
        };
      } finally {
        demoDb.close();
        policyDb.close();
      }
    },
  };
}
