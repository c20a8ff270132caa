import { describe, expect, it } from "vitest";
import { decideTargeting } from "./decide.js";
import type { ContactOption, TargetingProblemInput } from "./decide-schema.js";
import { isTargetingError } from "./errors.js";

const email: ContactOption = {
  channel: "email",
  discount: false,
  intercept: 0.5,
  coefficients: { recency_weeks: -0.01 },
  contactCost: 0.1,
  discountCost: 0,
};
const emailDiscount: ContactOption = {
  channel: "email",
  discount: true,
  intercept: 1.5,
  coefficients: { recency_weeks: -0.01 },
  contactCost: 0.1,
  discountCost: 1.2,
};
const sms: ContactOption = {
  channel: "sms",
  discount: false,
  intercept: 0.9,
  coefficients: {},
  contactCost: 0.05,
  discountCost: 0,
};
const social: ContactOption = {
  channel: "social",
  discount: false,
  intercept: 0.2,
  coefficients: {},
  contactCost: 0.15,
  discountCost: 0,
};

const shopper = (
  id: string,
  consent: Record<string, boolean>,
  extra: Partial<{
    contactsThisWeek: number;
    features: Record<string, number>;
    attributes: Record<string, string>;
  }> = {},
) => ({
  shopperId: id,
  features: extra.features ?? { recency_weeks: 2 },
  attributes: extra.attributes ?? {},
  consent,
  contactsThisWeek: extra.contactsThisWeek ?? 0,
});

const problem = (over: Partial<TargetingProblemInput> = {}): TargetingProblemInput => ({
  shoppers: [
    shopper("a", { email: true, sms: true }),
    shopper("b", { email: true }),
    shopper("c", {}),
    shopper("d", { email: false, sms: false }),
  ],
  options: [email, emailDiscount, sms, social],
  budget: 100,
  ...over,
});

describe("decideTargeting", () => {
  it("picks the option with the most incremental margin net of costs, per shopper", () => {
    const d = decideTargeting(problem());
    const by = Object.fromEntries(d.decisions.map((x) => [x.shopperId, x]));
    expect(by["a"]).toMatchObject({ action: "contact", channel: "sms" }); // 0.85 beats 0.38 (email) and 0.18 (discount)
    expect(by["b"]).toMatchObject({ action: "contact", channel: "email" });
    expect(by["c"]).toMatchObject({ action: "contact", channel: "social" }); // no consent: only a non-personal channel
    expect(d.segments.every((s) => s.reason.length > 0)).toBe(true);
  });

  it("never sends e-mail or SMS without recorded consent, however profitable", () => {
    const rich: ContactOption = { ...email, intercept: 1_000 };
    const richSms: ContactOption = { ...sms, intercept: 1_000 };
    const shoppers = [
      shopper("no-flags", {}),
      shopper("refused", { email: false, sms: false }),
      shopper("sms-only", { sms: true }),
    ];
    const { decisions } = decideTargeting({ shoppers, options: [rich, richSms], budget: 1e9 });
    for (const x of decisions) {
      const s = shoppers.find((y) => y.shopperId === x.shopperId)!;
      if (x.channel === "email" || x.channel === "sms") expect(s.consent[x.channel]).toBe(true);
    }
    expect(decisions.find((x) => x.shopperId === "no-flags")).toMatchObject({
      action: "no_contact",
      reason: "no_consent",
    });
    expect(decisions.find((x) => x.shopperId === "sms-only")).toMatchObject({ channel: "sms" });
  });

  it("rejects consent flags that are not booleans", () => {
    expect(() =>
      decideTargeting({
        shoppers: [shopper("x", { email: "yes" as unknown as boolean })],
        options: [email],
        budget: 1,
      }),
    ).toThrow(/consent/);
  });

  it("refuses protected or vulnerability attributes as features, in options or shoppers", () => {
    const attempts: TargetingProblemInput[] = [
      problem({ options: [{ ...email, coefficients: { age_band: 0.2 } }] }),
      problem({ options: [{ ...email, coefficients: { HealthScore: 0.2 } }] }),
      problem({
        shoppers: [
          shopper("x", { email: true }, { features: { recency_weeks: 1, payday_loan_flag: 1 } }),
        ],
      }),
      problem({ shoppers: [shopper("x", { email: true }, { features: { "ethnicity=A": 1 } })] }),
    ];
    for (const p of attempts) {
      let err: unknown;
      try {
        decideTargeting(p);
      } catch (e) {
        err = e;
      }
      expect(isTargetingError(err) && err.code === "PROTECTED_FEATURE").toBe(true);
    }
  });

  it("keeps descriptive attributes out of the choice: a protected attribute changes nothing", () => {
    const plain = decideTargeting(problem());
    const tagged = decideTargeting(
      problem({
        shoppers: problem().shoppers.map((s) => ({
          ...s,
          attributes: { age_band: "65+", disability: "yes" },
        })),
      }),
    );
    expect(tagged.decisions).toEqual(plain.decisions);
    expect(tagged.featuresUsed).toEqual(["recency_weeks"]);
  });

  it("respects the weekly cap and the budget", () => {
    const shoppers = Array.from({ length: 10 }, (_, i) =>
      shopper(`s${i}`, { sms: true }, { contactsThisWeek: i < 3 ? 3 : 0 }),
    );
    const d = decideTargeting({ shoppers, options: [sms], budget: 0.2, maxContactsPerWeek: 3 });
    expect(d.decisions.filter((x) => x.reason === "frequency_cap")).toHaveLength(3);
    expect(d.decisions.filter((x) => x.action !== "no_contact")).toHaveLength(4); // 4 × $0.05 = $0.20
    expect(d.spent).toBeLessThanOrEqual(0.2 + 1e-9);
    expect(() =>
      decideTargeting({ shoppers, options: [sms], budget: 1, maxContactsPerWeek: 4 }),
    ).toThrow();
  });
});
