import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fixedClock } from "../domain/clock.js";
import { openDb, type Db } from "../store/db.js";
import { checkProposal } from "./check.js";
import { isPolicyError } from "./errors.js";
import { allRules } from "./registry.js";
import { makePolicy, proposalDoc, seedProposalMarket } from "./testing.js";
import { block, pass, type PolicyRule } from "./types.js";

const clock = fixedClock("2025-02-20T10:00:00Z");
const noSku = (sku: string): PolicyRule => ({
  id: `custom.no_${sku.toLowerCase().replace("-", "_")}`,
  builtin: false,
  summary: `${sku} is never promoted`,
  check: (p) =>
    p.scope.skus.includes(sku) ? block(`${sku} is never promoted`) : pass(`no ${sku}`),
});

describe("checkProposal({ rules }): extra rules after the shipped ones", () => {
  let db: Db;
  beforeEach(() => {
    db = openDb(":memory:");
    seedProposalMarket(db);
  });
  afterEach(() => db.close());

  it("a new rule blocks a proposal the shipped rules do not, and is recorded last", () => {
    const policy = makePolicy();
    const shipped = checkProposal(db, proposalDoc(), policy, clock);
    expect(shipped.verdict).not.toBe("block");
    const v = checkProposal(db, proposalDoc(), policy, clock, { rules: [noSku("SKU-1")] });
    expect(v.verdict).toBe("block");
    expect(v.rules.map((r) => r.id)).toEqual([...allRules().map((r) => r.id), "custom.no_sku_1"]);
    expect(v.rules.at(-1)).toMatchObject({ outcome: "block", reason: "SKU-1 is never promoted" });
  });

  it("never replaces a shipped rule: a shipped id, a builtin or a duplicate is refused", () => {
    const check = (rules: PolicyRule[]) => () =>
      checkProposal(db, proposalDoc(), makePolicy(), clock, { rules });
    const shippedId = { ...noSku("SKU-1"), id: "success.min_lift" } as PolicyRule;
    for (const bad of [
      [shippedId],
      [{ ...noSku("SKU-1"), builtin: true }],
      [noSku("SKU-1"), noSku("SKU-1")],
    ]) {
      expect(check(bad)).toThrow(/extra policy rule/);
      try {
        check(bad)();
      } catch (e) {
        expect(isPolicyError(e) && e.code).toBe("INVALID_INPUT");
      }
    }
  });
});
