import type { PolicyRule } from "../types.js";
import { block, escalate, pass } from "../types.js";
import { protectedCategoriesOf, reviewCategoriesOf } from "./protected-terms.js";

/** Channels that reach a person directly and need their prior opt-in (ePrivacy Directive Art. 13). */
const CONSENT_CHANNELS = ["email", "sms"] as const;

/**
 * No targeting on protected attributes or vulnerability signals. EU AI Act (Regulation 2024/1689)
 * Art. 5(1)(b) prohibits AI that exploits vulnerabilities due to age, disability or a specific
 * social or economic situation to distort behaviour; GDPR Art. 9 special categories (health,
 * ethnicity, religion, sexual orientation, ...) are excluded too. Compiled in; always blocks.
 */
export const protectedAttributesRule: PolicyRule = {
  id: "responsible_targeting.protected_attributes",
  builtin: true,
  summary:
    "no targeting on protected attributes or vulnerability signals (EU AI Act Art. 5(1)(b), GDPR Art. 9)",
  check: (p) => {
    const attrs = p.targeting?.audienceAttributes ?? [];
    const hits = attrs
      .map((a) => ({ a, cats: protectedCategoriesOf(a) }))
      .filter((h) => h.cats.length > 0);
    if (hits.length)
      return block(
        `targets protected attribute(s): ${hits.map((h) => `${h.a} (${h.cats.join(", ")})`).join("; ")}`,
      );
    const review = attrs
      .map((a) => ({ a, cats: reviewCategoriesOf(a) }))
      .filter((h) => h.cats.length > 0);
    if (review.length)
      return escalate(
        `attribute(s) that may proxy a protected trait, for review: ${review.map((h) => `${h.a} (${h.cats.join(", ")})`).join("; ")}`,
        { allOf: ["legal"], anyOf: [] },
      );
    return pass(
      attrs.length
        ? `audience attributes ${attrs.join(", ")} are not protected`
        : "no audience targeting",
    );
  },
};

/** Email and SMS may only reach shoppers with recorded opt-in consent. Compiled in; always blocks. */
export const consentRule: PolicyRule = {
  id: "responsible_targeting.consent",
  builtin: true,
  summary: "email and SMS only to shoppers with recorded consent",
  check: (p) => {
    const needed = p.channels.filter((c): c is (typeof CONSENT_CHANNELS)[number] =>
      (CONSENT_CHANNELS as readonly string[]).includes(c),
    );
    const verified = p.targeting?.consentVerifiedChannels ?? [];
    const missing = needed.filter((c) => !verified.includes(c));
    if (missing.length)
      return block(
        `${missing.join(", ")} audience not restricted to shoppers with recorded consent`,
      );
    return pass(
      needed.length ? `consent verified for ${needed.join(", ")}` : "no consent-based channel",
    );
  },
};

/** Contacts per shopper per week stay under the policy's cap, itself capped in code. Compiled in; always blocks. */
export const contactFrequencyRule: PolicyRule = {
  id: "responsible_targeting.contact_frequency",
  builtin: true,
  summary:
    "contacts per shopper per week within the cap (the policy may lower the compiled-in ceiling, never raise it)",
  check: (p, { policy }) => {
    const n = p.targeting?.contactsPerShopperPerWeek ?? 0;
    const cap = policy.targeting.maxContactsPerShopperPerWeek;
    return n > cap
      ? block(`${n} contacts per shopper per week > cap ${cap}`)
      : pass(`${n} contacts per shopper per week ≤ cap ${cap}`);
  },
};
