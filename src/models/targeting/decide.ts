import { type ZodError } from "zod";
import { TargetingError } from "./errors.js";
import { assertPermittedFeatures } from "./features.js";
import {
  CONSENT_CHANNELS,
  targetingProblemSchema,
  type AudienceSegment,
  type ContactOption,
  type ShopperDecision,
  type TargetShopper,
  type TargetingDecision,
  type TargetingProblemInput,
} from "./decide-schema.js";

const REASONS: Record<ShopperDecision["reason"], string> = {
  chosen:
    "highest expected incremental contribution margin net of contact and discount cost, within budget",
  no_consent:
    "no recorded consent for any channel with a positive expected margin, and no other channel pays",
  frequency_cap: "already at the weekly contact cap (all channels, or every channel that pays)",
  already_offered: "already received this offer on another channel",
  not_in_policy: "the learned targeting policy does not contact this segment",
  no_positive_margin: "no option is expected to add contribution margin after its costs",
  budget: "a positive option exists but the budget went to shoppers with more margin per dollar",
};

const needsConsent = (c: string): boolean => (CONSENT_CHANNELS as readonly string[]).includes(c);

function netMargin(o: ContactOption, s: TargetShopper): number {
  let m = o.intercept;
  for (const [name, coef] of Object.entries(o.coefficients)) m += coef * (s.features[name] ?? 0);
  return m - o.contactCost - o.discountCost;
}

/** The best permitted option for one shopper, or why there is none. */
function bestOption(
  s: TargetShopper,
  options: readonly ContactOption[],
  cap: number,
  channelCaps: Record<string, number>,
): { option: ContactOption; net: number } | ShopperDecision["reason"] {
  if (s.contactsThisWeek >= cap) return "frequency_cap";
  if (s.alreadyOffered) return "already_offered";
  const allowed = s.allowedActions;
  if (allowed && allowed.length === 0) return "not_in_policy";
  let best: { option: ContactOption; net: number } | undefined;
  let blockedByConsent = false;
  let blockedByCap = false;
  for (const o of options) {
    if (allowed && !allowed.includes(actionOf(o) as "contact" | "contact_with_discount")) continue;
    const net = netMargin(o, s);
    if (net <= 0) continue;
    if ((s.contactsByChannel[o.channel] ?? 0) >= (channelCaps[o.channel] ?? Infinity)) {
      blockedByCap = true;
      continue;
    }
    // Consent is checked per option, before anything else can pick it: a missing flag means no consent.
    if (needsConsent(o.channel) && s.consent[o.channel] !== true) {
      blockedByConsent = true;
      continue;
    }
    if (!best || net > best.net) best = { option: o, net };
  }
  return (
    best ??
    (blockedByConsent ? "no_consent" : blockedByCap ? "frequency_cap" : "no_positive_margin")
  );
}

function actionOf(o: ContactOption): ShopperDecision["action"] {
  return o.discount ? "contact_with_discount" : "contact";
}

/**
 * Choose per shopper no contact, contact, or contact with a discount, and the channel, maximising
 * expected incremental contribution margin under a budget (greedy by margin per dollar), the weekly
 * contact cap across channels and each channel's own cap, consent, the learned policy's allowed
 * actions, and never a second copy of an offer already sent on another channel.
 * Throws PROTECTED_FEATURE if any feature name is a protected attribute.
 */
export function decideTargeting(input: TargetingProblemInput): TargetingDecision {
  const parsed = targetingProblemSchema.safeParse(input);
  if (!parsed.success)
    throw new TargetingError(
      "INVALID_INPUT",
      `targeting problem: ${(parsed.error as ZodError).issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  const p = parsed.data;
  const featureNames = [
    ...new Set([
      ...p.options.flatMap((o) => Object.keys(o.coefficients)),
      ...p.shoppers.flatMap((s) => Object.keys(s.features)),
    ]),
  ].sort();
  assertPermittedFeatures(featureNames);

  const picks = p.shoppers.map((s) => ({
    s,
    best: bestOption(s, p.options, p.maxContactsPerWeek, p.maxContactsPerChannelPerWeek),
  }));
  const cost = (o: ContactOption): number => o.contactCost + o.discountCost;
  const ranked = picks
    .filter(
      (x): x is { s: TargetShopper; best: { option: ContactOption; net: number } } =>
        typeof x.best !== "string",
    )
    .sort(
      (a, b) =>
        b.best.net / Math.max(cost(b.best.option), 1e-9) -
          a.best.net / Math.max(cost(a.best.option), 1e-9) ||
        a.s.shopperId.localeCompare(b.s.shopperId),
    );
  let spent = 0;
  const chosen = new Map<string, ShopperDecision>();
  for (const { s, best } of ranked) {
    const c = cost(best.option);
    if (spent + c > p.budget + 1e-12) continue;
    spent += c;
    chosen.set(s.shopperId, {
      shopperId: s.shopperId,
      action: actionOf(best.option),
      channel: best.option.channel,
      expectedIncrementalMargin: best.net,
      cost: c,
      reason: "chosen",
    });
  }
  const decisions = picks.map(
    ({ s, best }): ShopperDecision =>
      chosen.get(s.shopperId) ?? {
        shopperId: s.shopperId,
        action: "no_contact",
        channel: null,
        expectedIncrementalMargin: 0,
        cost: 0,
        reason: typeof best === "string" ? best : "budget",
      },
  );
  return {
    decisions,
    segments: segmentsOf(decisions),
    spent,
    expectedIncrementalMargin: decisions.reduce((a, d) => a + d.expectedIncrementalMargin, 0),
    featuresUsed: featureNames,
  };
}

function segmentsOf(decisions: readonly ShopperDecision[]): AudienceSegment[] {
  const groups = new Map<string, AudienceSegment>();
  for (const d of decisions) {
    const key = `${d.action}|${d.channel ?? ""}|${d.reason}`;
    const g = groups.get(key) ?? {
      action: d.action,
      channel: d.channel,
      shoppers: 0,
      expectedIncrementalMargin: 0,
      cost: 0,
      reason: REASONS[d.reason],
    };
    g.shoppers++;
    g.expectedIncrementalMargin += d.expectedIncrementalMargin;
    g.cost += d.cost;
    groups.set(key, g);
  }
  return [...groups.values()];
}
