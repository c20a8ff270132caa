import { BUILTIN_RULE_IDS } from "./rule-ids.js";

/**
 * Finds attempts in a raw policy document to switch off, reroute or reconfigure a built-in rule:
 * any key or string value (at any depth) that names a built-in rule, its group or a well-known
 * alias. Runs before schema validation so the error names the rule instead of "unknown key".
 */

/** Words that point at a built-in rule, normalised (lower case, `-`/space → `_`). */
const ALIASES: Record<string, readonly string[]> = {
  responsible_targeting: BUILTIN_RULE_IDS.filter((id) => id.startsWith("responsible_targeting.")),
  protected_attributes: ["responsible_targeting.protected_attributes"],
  consent: ["responsible_targeting.consent"],
  contact_frequency: ["responsible_targeting.contact_frequency"],
  pricing_law: ["pricing_law.omnibus_reference_price"],
  omnibus: ["pricing_law.omnibus_reference_price"],
  omnibus_reference_price: ["pricing_law.omnibus_reference_price"],
  reference_price: ["pricing_law.omnibus_reference_price"],
  fair_messaging: ["fair_messaging.countdown", "fair_messaging.scarcity"],
  countdown: ["fair_messaging.countdown"],
  scarcity: ["fair_messaging.scarcity"],
  fake_urgency: ["fair_messaging.countdown", "fair_messaging.scarcity"],
};

function normalise(s: string): string {
  return s
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

/** Built-in rule ids a single word refers to (empty when it names none). */
export function builtinRulesNamedBy(word: string): string[] {
  const w = normalise(word);
  if ((BUILTIN_RULE_IDS as readonly string[]).includes(w)) return [w];
  return [...(ALIASES[w] ?? [])];
}

export interface BuiltinTamper {
  ruleIds: string[];
  path: string;
}

/** Every place in `doc` that names a built-in rule, with its path (`rules.omnibus`). */
export function findBuiltinTampering(doc: unknown, path = ""): BuiltinTamper[] {
  const found: BuiltinTamper[] = [];
  if (typeof doc === "string") {
    const ids = builtinRulesNamedBy(doc);
    if (ids.length > 0) found.push({ ruleIds: ids, path: path || "(root)" });
  } else if (Array.isArray(doc)) {
    doc.forEach((v, i) => found.push(...findBuiltinTampering(v, `${path}[${i}]`)));
  } else if (doc !== null && typeof doc === "object") {
    for (const [k, v] of Object.entries(doc)) {
      const here = path ? `${path}.${k}` : k;
      const ids = builtinRulesNamedBy(k);
      if (ids.length > 0) found.push({ ruleIds: ids, path: here });
      else found.push(...findBuiltinTampering(v, here));
    }
  }
  return found;
}
