import { PolicyError } from "./errors.js";
import { allRules } from "./registry.js";
import type { PolicyRule } from "./types.js";

/**
 * The plug-in point for rules a library user adds: they run after the shipped rules on the same
 * verified proposal, so they can escalate or block, never loosen or replace a shipped rule.
 */

/** Refuses an extra rule whose id is not `custom.<name>`, or is given twice. */
export function assertExtraRules(extra: readonly PolicyRule[]): void {
  const seen = new Set<string>();
  for (const r of extra) {
    if (!/^custom\.[A-Za-z0-9_.-]+$/.test(r.id)) {
      const why = `extra policy rule id "${r.id}" must be custom.<name> (letters, digits, _ . -)`;
      throw new PolicyError("INVALID_INPUT", `${why}: shipped rule ids are reserved`);
    }
    if (r.builtin)
      throw new PolicyError("INVALID_INPUT", `extra policy rule ${r.id}: builtin must be false`);
    if (seen.has(r.id))
      throw new PolicyError("INVALID_INPUT", `extra policy rule ${r.id} is given twice`);
    seen.add(r.id);
  }
}

/** The shipped rules followed by `extra` (checked first). */
export function withExtraRules(extra: readonly PolicyRule[] = []): PolicyRule[] {
  if (extra.length === 0) return allRules();
  assertExtraRules(extra);
  return [...allRules(), ...extra];
}
