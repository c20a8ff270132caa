/**
 * Every rule's stable id. Ids appear in verdicts, routing tables and eval reports, so they never
 * change once shipped; add new ones instead.
 */

/** Rules driven by the policy file (limits are data). */
export const POLICY_RULE_IDS = [
  "success.min_lift",
  "success.min_incremental_margin",
  "success.min_roi",
  "autonomy.spend_per_campaign",
  "autonomy.spend_per_day",
  "autonomy.spend_per_week",
  "autonomy.spend_per_month",
  "autonomy.spend_per_category",
  "autonomy.discount_depth",
  "autonomy.margin_after_discount",
  "autonomy.max_skus",
  "autonomy.max_markets",
  "approval.new_market",
  "approval.price_match",
  "approval.depth",
  "approval.multi_market",
  "approval.national",
  "approval.new_mechanic",
  "approval.mechanic",
  "brand.weeks_per_quarter",
  "brand.min_gap",
  "brand.category_share",
  "supply.inventory_cover",
  "channel.allowed",
  "channel.price_parity",
  "plan.category_budget",
  "plan.blackout",
  "pilot.category",
  "pilot.market",
  "pilot.mechanic",
  "pilot.channel",
] as const;
export type PolicyRuleId = (typeof POLICY_RULE_IDS)[number];

/** Rules compiled in: no policy file can disable, reroute or loosen them. */
export const BUILTIN_RULE_IDS = [
  "responsible_targeting.protected_attributes",
  "responsible_targeting.consent",
  "responsible_targeting.contact_frequency",
  "pricing_law.omnibus_reference_price",
  "fair_messaging.countdown",
  "fair_messaging.scarcity",
  "fair_messaging.urgency",
  "integrity.identifiers",
  "integrity.currency",
  "integrity.store_facts",
  "integrity.predictions",
  "integrity.model_prediction",
  "integrity.timing",
  "integrity.mechanics",
] as const;
export type BuiltinRuleId = (typeof BUILTIN_RULE_IDS)[number];

export type RuleId = PolicyRuleId | BuiltinRuleId;

/** Groups of policy rules; a routing entry may name a group instead of a single rule. */
export const POLICY_RULE_GROUPS = [
  "success",
  "autonomy",
  "approval",
  "brand",
  "supply",
  "channel",
  "plan",
  "pilot",
] as const;

/** The group part of a rule id (`autonomy.max_skus` → `autonomy`). */
export function ruleGroup(id: string): string {
  return id.split(".")[0] ?? id;
}
