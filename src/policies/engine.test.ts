import { describe, expect, it } from "vitest";
import { fixedClock } from "../domain/clock.js";
import { evaluateProposal } from "./engine.js";
import { mergeApprovals } from "./routing.js";
import { makeContext, makePolicy, makeProposal } from "./testing.js";
import type { PolicyRule } from "./types.js";
import { block, escalate, pass } from "./types.js";

const clock = fixedClock("2025-02-20T10:00:00Z");
const rule = (id: string, out: ReturnType<typeof pass>): PolicyRule => ({
  id: id as PolicyRule["id"],
  builtin: false,
  summary: id,
  check: () => out,
});

describe("engine", () => {
  const policy = makePolicy({
    approvals: {
      routing: {
        "autonomy.max_skus": { allOf: ["finance"] },
        brand: { anyOf: ["marketing", "category_manager"] },
      },
      default: { allOf: ["legal"] },
    },
  });
  const ctx = makeContext(policy);

  it("allows when every rule passes", () => {
    expect(
      evaluateProposal(makeProposal(), ctx, clock, [rule("success.min_lift", pass("ok"))]).verdict,
    ).toBe("allow");
  });

  it("escalates with the union of routed roles (rule, then group, then default)", () => {
    const v = evaluateProposal(makeProposal(), ctx, clock, [
      rule("autonomy.max_skus", escalate("x")),
      rule("brand.min_gap", escalate("y")),
      rule("plan.category_budget", escalate("z")),
      rule("success.min_lift", pass("ok")),
    ]);
    expect(v.verdict).toBe("escalate");
    expect(v.requiredApprovals).toEqual({
      allOf: ["finance", "legal"],
      anyOf: [["category_manager", "marketing"]],
    });
    expect(v.roles).toEqual(["category_manager", "finance", "legal", "marketing"]);
    expect(v.rules[1]).toMatchObject({
      id: "brand.min_gap",
      outcome: "escalate",
      roles: ["category_manager", "marketing"],
    });
    expect(v.policyVersion).toBe(policy.version);
  });

  it("any block blocks, even with escalations", () => {
    expect(
      evaluateProposal(makeProposal(), ctx, clock, [
        rule("autonomy.max_skus", escalate("x")),
        rule("plan.blackout", block("no")),
      ]).verdict,
    ).toBe("block");
  });

  it("a rule that throws blocks rather than passing", () => {
    const broken: PolicyRule = {
      id: "success.min_roi",
      builtin: false,
      summary: "",
      check: () => {
        throw new Error("boom");
      },
    };
    expect(evaluateProposal(makeProposal(), ctx, clock, [broken]).rules[0]).toMatchObject({
      outcome: "block",
      reason: "rule failed: boom",
    });
  });

  it("an anyOf group covered by an allOf role is dropped", () => {
    expect(
      mergeApprovals([
        { allOf: ["finance"], anyOf: [] },
        { allOf: [], anyOf: [["finance", "marketing"]] },
      ]),
    ).toEqual({ allOf: ["finance"], anyOf: [] });
  });
});
