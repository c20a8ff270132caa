import {
  contactFrequencyRule,
  consentRule,
  protectedAttributesRule,
} from "./builtin/responsible-targeting.js";
import { countdownRule, scarcityRule } from "./builtin/fair-messaging.js";
import { omnibusRule } from "./builtin/omnibus.js";
import {
  currencyRule,
  identifiersRule,
  mechanicsRule,
  storeFactsRule,
  timingRule,
} from "./builtin/integrity.js";
import { modelPredictionRule } from "./builtin/model.js";
import { predictionsRule } from "./builtin/predictions.js";
import { urgencyRule } from "./builtin/urgency.js";
import { approvalRules } from "./rules/approval.js";
import { autonomyRules } from "./rules/autonomy.js";
import { brandRules } from "./rules/brand.js";
import { channelRules } from "./rules/channel.js";
import { pilotRules } from "./rules/pilot.js";
import { planRules } from "./rules/plan.js";
import { successRules } from "./rules/success.js";
import { supplyRules } from "./rules/supply.js";
import type { PolicyRule } from "./types.js";

/** The compiled-in rules, evaluated first and never configurable. */
export function builtinRules(): PolicyRule[] {
  return [
    identifiersRule,
    currencyRule,
    storeFactsRule,
    predictionsRule,
    modelPredictionRule,
    timingRule,
    mechanicsRule,
    protectedAttributesRule,
    consentRule,
    contactFrequencyRule,
    omnibusRule,
    countdownRule,
    scarcityRule,
    urgencyRule,
  ];
}

/** Every rule in evaluation order: built-ins, then the policy-driven groups. */
export function allRules(): PolicyRule[] {
  return [
    ...builtinRules(),
    ...pilotRules,
    ...successRules,
    ...autonomyRules,
    ...approvalRules,
    ...brandRules,
    ...supplyRules,
    ...channelRules,
    ...planRules,
  ];
}

/** The rule with `id`; throws when there is none (a typo in a caller is a bug). */
export function ruleById(id: string): PolicyRule {
  const rule = allRules().find((r) => r.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  return rule;
}
