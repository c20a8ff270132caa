import type { ShadowReport } from "../../shadow/index.js";
import { table, wrap } from "../output.js";

const pct = (x: number) => `${Math.round(100 * x)} %`;
const whole = (x: number) => String(Math.round(x));

/** The shadow report for people: the verdict, a table per category and market, the differences. */
export function renderShadowReport(r: ShadowReport): string {
  if (r.pairs.length === 0) {
    return "no shadow decisions yet: run `autopromo start --shadow` or `autopromo run --shadow`, or list scopes under shadow in the policy";
  }
  const rows = [...r.byCategory, ...r.byMarket, r.overall].map((s) => [
    s.group,
    s.pairs,
    pct(s.agreement),
    s.settledWeeks,
    whole(s.difference),
    `${whole(s.lower)} to ${whole(s.upper)}`,
    s.verdict,
  ]);
  const lines = [
    wrap(`Overall: ${r.overall.says}.`),
    table(
      ["scope", "plans", "agree", "settled weeks", "system − planners", "90 % interval", "verdict"],
      rows,
    ),
  ];
  const differ = r.pairs.filter((p) => p.agreement === "differ").slice(0, 10);
  if (differ.length) {
    lines.push("Where they differ (first 10):");
    for (const p of differ)
      lines.push(
        wrap(
          `- ${p.category} / ${p.market} ${p.windowStart}…${p.windowEnd}: ${p.why}`,
          undefined,
          "  ",
        ),
      );
  }
  return lines.join("\n");
}
