import { describe, expect, it } from "vitest";
import { makeContext, makePolicy, makeProposal, outcomeOf } from "../testing.js";
import { ruleById } from "../registry.js";
import { protectedCategoriesOf } from "./protected-terms.js";

const targeted = (targeting: Record<string, unknown>, channels = ["store"]) =>
  makeProposal({ channels, targeting });

describe("responsible targeting (built in, blocks)", () => {
  it.each([
    "age_band",
    "hasChildren",
    "financial_distress_score",
    "ethnicity",
    "religion",
    "sexual_orientation",
    "disability_flag",
    "health_condition",
    "payday_loan_user",
    "pregnancyStage",
    "date_of_birth",
  ])("%s is protected", (attr) => {
    expect(protectedCategoriesOf(attr).length).toBeGreaterThan(0);
    expect(
      outcomeOf(
        "responsible_targeting.protected_attributes",
        targeted({ audienceAttributes: [attr] }),
        makeContext(),
      ),
    ).toBe("block");
  });

  it.each([
    "loyalty_tier",
    "average_basket_value",
    "storage_preference",
    "category_affinity",
    "last_visit_days",
  ])("%s is not protected", (attr) => {
    expect(
      outcomeOf(
        "responsible_targeting.protected_attributes",
        targeted({ audienceAttributes: [attr] }),
        makeContext(),
      ),
    ).toBe("pass");
  });

  it.each([
    "pensioners",
    "gamblers",
    "diabetics",
    "seniors_65_plus",
    "retirees",
    "birth_year",
    "schoolchildren",
    "under_18",
    "expecting_mothers",
    "benefits_claimants",
    "age\u200b_band",
    "\u0430ge_band",
    "ａｇｅ＿ｂａｎｄ",
    "isPensioner",
    "Over65",
  ])("%s is protected after normalisation (issue #25)", (attr) =>
    expect(
      outcomeOf(
        "responsible_targeting.protected_attributes",
        targeted({ audienceAttributes: [attr] }),
        makeContext(),
      ),
    ).toBe("block"),
  );
  it.each([
    "coupon_age_days",
    "account_age_days",
    "preferred_language",
    "usage_frequency",
    "percentage_discount_used",
    "facial_care_buyer",
  ])("%s is a known safe field", (attr) => {
    expect(
      outcomeOf(
        "responsible_targeting.protected_attributes",
        targeted({ audienceAttributes: [attr] }),
        makeContext(),
      ),
    ).toBe("pass");
  });
  it("location proxies are flagged for legal review, not refused", () => {
    expect(
      ruleById("responsible_targeting.protected_attributes").check(
        targeted({ audienceAttributes: ["postcode_district"] }),
        makeContext(),
      ),
    ).toMatchObject({ outcome: "escalate", approvals: { allOf: ["legal"] } });
  });
  it("email and SMS need consent-verified audiences", () => {
    expect(
      outcomeOf(
        "responsible_targeting.consent",
        targeted({ consentVerifiedChannels: ["email"] }, ["store", "email"]),
        makeContext(),
      ),
    ).toBe("pass");
    expect(
      outcomeOf(
        "responsible_targeting.consent",
        targeted({ consentVerifiedChannels: ["email"] }, ["email", "sms"]),
        makeContext(),
      ),
    ).toBe("block");
    expect(
      outcomeOf(
        "responsible_targeting.consent",
        makeProposal({ channels: ["sms"] }),
        makeContext(),
      ),
    ).toBe("block");
  });

  it("contact frequency: at the policy cap passes, one more blocks; the cap cannot be raised past 3", () => {
    const ctx = makeContext(makePolicy({ targeting: { maxContactsPerShopperPerWeek: 2 } }));
    expect(
      outcomeOf(
        "responsible_targeting.contact_frequency",
        targeted({ contactsPerShopperPerWeek: 2 }),
        ctx,
      ),
    ).toBe("pass");
    expect(
      outcomeOf(
        "responsible_targeting.contact_frequency",
        targeted({ contactsPerShopperPerWeek: 3 }),
        ctx,
      ),
    ).toBe("block");
    expect(() => makePolicy({ targeting: { maxContactsPerShopperPerWeek: 4 } })).toThrow(
      /responsible_targeting\.contact_frequency/,
    );
  });
});
