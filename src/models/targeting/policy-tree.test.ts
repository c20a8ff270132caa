import { describe, expect, it } from "vitest";
import { applyPolicyTree, fitPolicyTree, leafConditions, policyTreeSchema } from "./policy-tree.js";
import { seededUniform } from "./random.js";

/** Rows with two informative features and one noise feature; action scores planted by region. */
function planted(n: number, seed: number) {
  const u = seededUniform(seed);
  const names = ["age_of_account", "basket", "noise"];
  const x = new Float64Array(n * 3);
  const scores = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  for (let i = 0; i < n; i++) {
    const a = u() * 10;
    const b = u() * 100;
    x.set([a, b, u()], i * 3);
    // Action 1 pays for new accounts (a <= 4), action 2 for old accounts with big baskets, 0 otherwise.
    const best = a <= 4 ? 1 : b > 60 ? 2 : 0;
    for (let k = 0; k < 3; k++) scores[k]![i] = (k === best ? 1 : 0) + (u() - 0.5);
  }
  return { x, names, scores };
}

describe("policy tree on doubly robust scores", () => {
  it("recovers planted regions with readable cuts", () => {
    const d = planted(4_000, 3);
    const t = policyTreeSchema.parse(fitPolicyTree(d, { depth: 2, cuts: 32 }));
    const at = (a: number, b: number) =>
      applyPolicyTree(t, (n) => (n === "age_of_account" ? a : n === "basket" ? b : 0.5));
    expect([at(1, 10), at(1, 90), at(8, 10), at(8, 90)]).toEqual([1, 1, 0, 2]);
    const leaves = leafConditions(t);
    expect(leaves.length).toBe(3);
    expect(leaves.flatMap((l) => l.conditions).some((c) => c.startsWith("noise"))).toBe(false);
  });

  it("is a single leaf with the best action when no split pays", () => {
    const u = seededUniform(5);
    const n = 2_000;
    const x = Float64Array.from({ length: n * 2 }, () => u());
    const scores = [
      Float64Array.from({ length: n }, () => u()),
      Float64Array.from({ length: n }, () => u() + 0.2),
    ];
    const t = fitPolicyTree({ x, names: ["a", "b"], scores }, { depth: 2, minLeafShare: 0.4 });
    expect(leafConditions(t)).toEqual([{ leaf: 0, action: 1, conditions: [] }]);
  });

  it("never makes a leaf smaller than the minimum share", () => {
    const d = planted(3_000, 8);
    const t = fitPolicyTree(d, { depth: 2, minLeafShare: 0.2 });
    const p = d.names.length;
    const counts = new Map<number, number>();
    for (let i = 0; i < 3_000; i++) {
      const leaf = leafConditions(t).find((l) =>
        l.conditions.every((c) => {
          const [name, op, v] = c.split(" ");
          const val = d.x[i * p + d.names.indexOf(name!)]!;
          return op === "<=" ? val <= Number(v) : val > Number(v);
        }),
      )!.leaf;
      counts.set(leaf, (counts.get(leaf) ?? 0) + 1);
    }
    for (const c of counts.values()) expect(c).toBeGreaterThanOrEqual(0.2 * 3_000 - 30);
  });
});
