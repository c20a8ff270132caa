import type { Command } from "commander";
import { loadPolicy } from "../../policies/index.js";
import { compareShadow, type ShadowReport } from "../../shadow/index.js";
import { withCommon, withDb, type CommonOptions } from "../context.js";
import { printJson, table, wrap, type Output } from "../output.js";

interface ShadowFlags extends CommonOptions {
  policy?: string;
}

const pct = (x: number) => `${Math.round(100 * x)} %`;
const whole = (x: number) => String(Math.round(x));

/** `autopromo shadow report`: the system's shadow plans beside the planners', settled. */
export function registerShadowCommand(program: Command, o: Output): void {
  const shadow = program.command("shadow").description("shadow mode: the system's plans beside the planners' calendar");
  withCommon(
    shadow.command("report").description("agreement, differences and the margin difference with 90 % intervals, per category and market"),
  )
    .option("--policy <file>", "policy whose shadow.minSettledWeeks applies (default: the shipped one)")
    .action(async (f: ShadowFlags) => {
      const policy = loadPolicy(f.policy).policy;
      const report = await withDb(f, (db) => compareShadow(db, { minSettledWeeks: policy.shadow.minSettledWeeks }));
      if (f.json) return printJson(o, report);
      o.out(render(report));
    });
}

function render(r: ShadowReport): string {
  if (r.pairs.length === 0) {
    return "no shadow decisions yet: run `autopromo start --shadow` or `autopromo run --shadow`, or list scopes under shadow in the policy";
  }
  const rows = [...r.byCategory, ...r.byMarket, r.overall].map((s) => [
    s.group, s.pairs, pct(s.agreement), s.settledWeeks, whole(s.difference), `${whole(s.lower)} to ${whole(s.upper)}`, s.verdict,
  ]);
  const lines = [
    wrap(`Overall: ${r.overall.says}.`),
    table(["scope", "plans", "agree", "settled weeks", "system − planners", "90 % interval", "verdict"], rows),
  ];
  const differ = r.pairs.filter((p) => p.agreement === "differ").slice(0, 10);
  if (differ.length) {
    lines.push("Where they differ (first 10):");
    for (const p of differ) lines.push(wrap(`- ${p.category} / ${p.market} ${p.windowStart}…${p.windowEnd}: ${p.why}`, undefined, "  "));
  }
  return lines.join("\n");
}
