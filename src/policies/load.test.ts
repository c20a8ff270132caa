import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isPolicyError } from "./errors.js";
import { loadPolicy, parsePolicy, validatePolicy } from "./load.js";
import { BUILTIN_RULE_IDS } from "./rule-ids.js";

describe("policy file", () => {
  it("ships a valid, documented default policy", () => {
    const loaded = loadPolicy();
    expect(loaded.version).toMatch(/^[0-9a-f]{64}$/);
    expect(loaded.policy.autonomy.maxDiscountPct).toBe(30);
    expect(loaded.policy.approvals.routing["approval.price_match"]?.allOf).toEqual([
      "legal",
      "marketing",
    ]);
  });

  it("versions by content: key order and formatting do not matter, values do", () => {
    const a = parsePolicy("autonomy: { maxDiscountPct: 25, maxSkusPerCampaign: 4 }\nname: x");
    const b = parsePolicy(
      '{"name":"x","autonomy":{"maxSkusPerCampaign":4,"maxDiscountPct":25}}',
      "b.json",
      "json",
    );
    const c = parsePolicy("autonomy: { maxDiscountPct: 26, maxSkusPerCampaign: 4 }\nname: x");
    expect(a.version).toBe(b.version);
    expect(a.version).not.toBe(c.version);
    // Writing a default explicitly is the same policy as leaving it out.
    expect(parsePolicy("name: x").version).toBe(
      parsePolicy("name: x\nsuccess: { minLiftPct: 5 }").version,
    );
  });

  it("reads YAML and JSON files", () => {
    const dir = mkdtempSync(join(tmpdir(), "policy-"));
    writeFileSync(join(dir, "p.json"), JSON.stringify({ brand: { minWeeksBetweenPromotions: 3 } }));
    expect(loadPolicy(join(dir, "p.json")).policy.brand.minWeeksBetweenPromotions).toBe(3);
    expect(() => loadPolicy(join(dir, "missing.yaml"))).toThrow(/not found/);
  });

  it.each([
    [
      "disabledRules: [responsible_targeting.protected_attributes]",
      "responsible_targeting.protected_attributes",
    ],
    ["rules: { omnibus: false }", "pricing_law.omnibus_reference_price"],
    ["builtin: { fair_messaging: { enabled: false } }", "fair_messaging.countdown"],
    [
      "approvals: { routing: { pricing_law.omnibus_reference_price: { allOf: [marketing] } } }",
      "pricing_law.omnibus_reference_price",
    ],
    ["skip: [scarcity]", "fair_messaging.scarcity"],
  ])("refuses a file that touches a built-in rule: %s", (text, ruleId) => {
    try {
      parsePolicy(text);
      expect.unreachable();
    } catch (e) {
      expect(isPolicyError(e)).toBe(true);
      expect((e as Error).message).toContain(ruleId);
      expect((e as Error).message).toContain("cannot be disabled");
    }
  });

  it("every built-in rule id is refused by name", () => {
    for (const id of BUILTIN_RULE_IDS)
      expect(() => validatePolicy({ disabledRules: [id] })).toThrow(id);
  });

  it("rejects misspelt keys, unknown roles and unknown routing targets", () => {
    expect(() => parsePolicy("autonomy: { maxDiscountPtc: 30 }")).toThrow(/maxDiscountPtc/);
    expect(() => parsePolicy("approvals: { routing: { brand: { allOf: [cfo] } } }")).toThrow(
      /unknown role "cfo"/,
    );
    expect(
      parsePolicy("approvals: { roles: [cfo], routing: { brand: { allOf: [cfo] } } }").policy
        .approvals.routing.brand?.allOf,
    ).toEqual(["cfo"]);
    expect(() =>
      parsePolicy("approvals: { routing: { autonomy.max_sku: { allOf: [finance] } } }"),
    ).toThrow(/unknown rule or group/);
  });
});
