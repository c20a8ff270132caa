import { describe, expect, it } from "vitest";
import { makeContext, makePolicy, makeProposal, outcomeOf } from "../testing.js";
import { protectedCategoriesOf } from "./protected-terms.js";

const targeted = (targeting: Record<string, unknown>, channels = ["store"]) => makeProposal({ channels, targeting });

describe("responsible targeting (built in, blocks)", () => {
  it.each(["age_band", "hasChildren", "financial_distress_score", "ethnicity", "religion", "sexual_orientation", "disability_flag", "health_condition", "payday_loan_user", "pregnancyStage", "date_of_birth"])(
    "%s is protected",
    (attr) => {
      expect(protectedCategoriesOf(attr).length).toBeGreaterThan(0);
      expect(outcomeOf("responsible_targeting.protected_attributes", targeted({ audienceAttributes: [attr] }), makeContext())).toBe("block");
    },
  );

  it.each(["loyalty_tier", "average_basket_value", "storage_preference", "category_affinity", "last_visit_days"])("%s is not protected", (attr) => {
    expect(outcomeOf("responsible_targeting.protected_attributes", targeted({ audienceAttributes: [attr] }), makeContext())).toBe("pass");
  });

  it("email and SMS need consent-verified audiences", () => {
    expect(outcomeOf("responsible_targeting.consent", targeted({ consentVerifiedChannels: ["email"] }, ["store", "email"]), makeContext())).toBe("pass");
    expect(outcomeOf("responsible_targeting.consent", targeted({ consentVerifiedChannels: ["email"] }, ["email", "sms"]), makeContext())).toBe("block");
    expect(outcomeOf("responsible_targeting.consent", makeProposal({ channels: ["sms"] }), makeContext())).toBe("block");
  });

  it("contact frequency: at the policy cap passes, one more blocks; the cap cannot be raised past 3", () => {
    const ctx = makeContext(makePolicy({ targeting: { maxContactsPerShopperPerWeek: 2 } }));
    expect(outcomeOf("responsible_targeting.contact_frequency", targeted({ contactsPerShopperPerWeek: 2 }), ctx)).toBe("pass");
    expect(outcomeOf("responsible_targeting.contact_frequency", targeted({ contactsPerShopperPerWeek: 3 }), ctx)).toBe("block");
    expect(() => makePolicy({ targeting: { maxContactsPerShopperPerWeek: 4 } })).toThrow(/responsible_targeting\.contact_frequency/);
  });
});
