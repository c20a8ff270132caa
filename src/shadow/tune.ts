import type { Policy } from "../policies/index.js";
import type { ShadowReport } from "./compare.js";

/** What shadow evidence says about one category's autonomy. */
export interface ShadowRecommendation {
  subject: string;
  action: "raise" | "tighten" | "keep";
  change: string;
  evidence: { settledWeeks: number; difference: number; lower: number; upper: number };
}

const norm = (s: string) => s.normalize("NFKC").trim().toUpperCase();

/**
 * Per category in shadow: leave shadow (autonomy widens) only when the system beat the planners
 * by a margin whose 90 % interval excludes zero over enough settled weeks; planners clearly better
 * → stay in shadow; anything else → keep, saying why. Returns the policy text with the categories
 * that earned it taken out of `shadow.categories` (people approve the diff; nothing is applied).
 */
export function shadowRecommendations(
  report: ShadowReport,
  policy: Policy,
  text: string,
): { recommendations: ShadowRecommendation[]; next: string } {
  const listed = new Set(policy.shadow.categories.map(norm));
  const recs: ShadowRecommendation[] = [];
  const earned: string[] = [];
  for (const s of report.byCategory) {
    if (!policy.shadow.all && !listed.has(norm(s.group))) continue;
    const evidence = {
      settledWeeks: s.settledWeeks,
      difference: s.difference,
      lower: s.lower,
      upper: s.upper,
    };
    if (s.verdict === "system better") {
      earned.push(s.group);
      const change = policy.shadow.all
        ? `let ${s.group} act: set shadow.all to false and list the categories still in shadow (${s.says})`
        : `remove ${s.group} from shadow.categories (${s.says})`;
      recs.push({ subject: s.group, action: "raise", change, evidence });
    } else if (s.verdict === "planners better") {
      recs.push({
        subject: s.group,
        action: "tighten",
        change: `keep ${s.group} in shadow: ${s.says}`,
        evidence,
      });
    } else {
      recs.push({
        subject: s.group,
        action: "keep",
        change: `keep ${s.group} in shadow: ${s.says}`,
        evidence,
      });
    }
  }
  const drop = new Set(earned.map(norm));
  const next =
    policy.shadow.all || drop.size === 0
      ? text
      : text.replace(
          /^(shadow:\n(?:(?:[ \t].*|[ \t]*#.*|)\n)*?[ \t]+categories:[ \t]*)\[([^\]\n]*)\]/m,
          (_m, head: string, list: string) =>
            `${head}[${list
              .split(",")
              .map((x) => x.trim())
              .filter((x) => x && !drop.has(norm(x.replace(/^["']|["']$/g, ""))))
              .join(", ")}]`,
        );
  return { recommendations: recs, next };
}
