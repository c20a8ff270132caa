import type { Audience } from "../../domain/audience.js";
import type { Channel } from "../../domain/channel.js";
import type { PromotionProposalInput } from "../../domain/proposal.js";
import type { TargetingDecision } from "../../models/targeting/index.js";
import type { ShopperView } from "../../store/shoppers/index.js";
import { TARGETED_CHANNELS } from "./channels.js";

const CONSENT_CHANNELS: readonly Channel[] = ["email", "sms"];
const r2 = (x: number) => Math.round(x * 100) / 100;

/**
 * The proposal the policy checks, with the audience in it: the attributes the audience was
 * selected on, the consent-restricted channels, the planned contacts per shopper this week, the
 * contact and discount cost in the budget and the audience's expected units and margin in the
 * predicted numbers. Targeted channels nobody is contacted on are dropped (unless nothing would remain).
 */
export function withAudience(
  input: PromotionProposalInput,
  audience: Audience,
  chosen: { shoppers: readonly ShopperView[]; decision: TargetingDecision } | null,
): PromotionProposalInput {
  const used = new Set(
    audience.segments.filter((g) => g.action !== "no_contact" && g.channel).map((g) => g.channel!),
  );
  const kept = input.channels.filter((c) => !TARGETED_CHANNELS.includes(c) || used.has(c));
  const channels = kept.length ? kept : input.channels;
  const contactsBefore = new Map(chosen?.shoppers.map((s) => [s.id, s.contactsThisWeek]) ?? []);
  let perWeek = 0;
  for (const d of chosen?.decision.decisions ?? [])
    if (d.action !== "no_contact")
      perWeek = Math.max(perWeek, (contactsBefore.get(d.shopperId) ?? 0) + 1);
  const pred = input.predicted;
  const media = r2((input.budget?.media ?? 0) + audience.contactCost);
  const discount = r2((input.budget?.discount ?? 0) + audience.discountCost);
  const incrementalMargin = r2(pred.incrementalMargin + audience.expectedIncrementalMargin);
  const incrementalUnits = r2(pred.incrementalUnits + audience.expectedIncrementalUnits);
  const totalUnits = r2(pred.totalUnits + audience.expectedIncrementalUnits);
  const perSku = audience.expectedIncrementalUnits / input.scope.skus.length;
  const unitsBySku = pred.unitsBySku
    ? Object.fromEntries(
        Object.entries(pred.unitsBySku).map(([sku, u]) => [
          sku,
          r2(u + (input.scope.skus.includes(sku) ? perSku : 0)),
        ]),
      )
    : undefined;
  return {
    ...input,
    channels,
    budget: { media, discount },
    predicted: {
      ...pred,
      incrementalUnits,
      incrementalMargin,
      totalUnits,
      // Lift is the promoted units over their baseline, as the promotion agent states it (its
      // incremental units are net of cannibalisation); the policy checks the two agree.
      liftPct:
        pred.baselineUnits > 0
          ? r2((100 * (totalUnits - pred.baselineUnits)) / pred.baselineUnits)
          : pred.liftPct,
      roi: media + discount > 0 ? r2(incrementalMargin / (media + discount)) : pred.roi,
      ...(unitsBySku ? { unitsBySku } : {}),
    },
    targeting: {
      audienceAttributes: audience.featuresUsed,
      // decideTargeting never picks e-mail or SMS without the shopper's consent in force.
      consentVerifiedChannels: channels.filter((c) => CONSENT_CHANNELS.includes(c)),
      contactsPerShopperPerWeek: perWeek,
    },
  };
}
