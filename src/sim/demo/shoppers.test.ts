import { describe, expect, it } from "vitest";
import { generateDemoShoppers, type ShopperType } from "./shoppers.js";

describe("demo shoppers", () => {
  const { batch, truth } = generateDemoShoppers({ seed: 1 });

  it("is a seeded population of a few thousand, some without consent, with a protected attribute on record", () => {
    expect(batch.shoppers).toHaveLength(2_400);
    expect(generateDemoShoppers({ seed: 1 }).batch.shoppers[7]).toEqual(batch.shoppers[7]);
    const withConsent = new Set(batch.consents!.filter((c) => c.granted).map((c) => c.shopperId));
    expect(batch.shoppers.length - withConsent.size).toBeGreaterThan(300);
    expect(batch.shoppers.every((s) => typeof s.attributes?.["age_band"] === "string")).toBe(true);
    expect(batch.shoppers.some((s) => "age_band" in s.features)).toBe(false);
  });

  it("plants a heterogeneous effect in the randomised experiment: some buy anyway, some only with a discount, some never", () => {
    const rate = (type: ShopperType, arm: string) => {
      const rows = batch.experiments!.filter((e) => truth[e.shopperId] === type && e.arm === arm);
      return rows.filter((e) => e.converted).length / rows.length;
    };
    expect(rate("sure_thing", "control")).toBeGreaterThan(0.35);
    expect(rate("sure_thing", "contact_discount") - rate("sure_thing", "control")).toBeLessThan(
      0.1,
    );
    expect(
      rate("discount_only", "contact_discount") - rate("discount_only", "contact"),
    ).toBeGreaterThan(0.25);
    expect(rate("persuadable", "contact") - rate("persuadable", "control")).toBeGreaterThan(0.2);
    expect(rate("lost_cause", "contact_discount")).toBeLessThan(0.05);
  });
});
