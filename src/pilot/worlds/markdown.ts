import type { WorldsReport } from "./schema.js";

const pct = (x: number) => `${x >= 0 ? "+" : ""}${x.toFixed(1)} %`;
const ci = (v: { mean: number; lo90: number; hi90: number }) =>
  `${pct(v.mean)} [${v.lo90.toFixed(1)}, ${v.hi90.toFixed(1)}]`;

/** Strategies in a stable order: the agent, the fair baselines, then the bounds (they read the truth). */
function order(keys: readonly string[]): string[] {
  const first = [
    "agent",
    "none",
    "calendar",
    "prunedCalendar",
    "featureRule",
    "estimateOptimise",
    "estimateOptimiseHoldout",
    "bandit",
  ];
  const bounds = ["oracle", "upperBound", "horizonMip"];
  const rest = keys.filter((k) => !first.includes(k) && !bounds.includes(k));
  return [...first, ...rest, ...bounds].filter((k) => keys.includes(k) && k !== "none");
}

/** One approver setting: per world each strategy's margin vs no promotion (mean, 90 % interval). */
function settingTable(r: WorldsReport): string[] {
  const keys = order(Object.keys(r.worlds[0]?.summary.vsNonePct ?? {}));
  const s0 = r.worlds[0]?.summary;
  const lines = [
    `**${s0?.weeks ?? "?"} weeks, ${r.worlds[0]?.seeds.length ?? 0} seeds, approver passes spend ≤ ${s0?.approveUpTo ?? "?"}** — margin vs no promotion, mean [90 % interval across seeds]; regret = (bound − agent) ÷ (bound − none), pooled, bound = the better of upperBound and horizonMip per seed`,
    "",
    `| world | ${keys.join(" | ")} | agent ≥ none (seeds) | regret | best fair baseline |`,
    `| --- | ${keys.map(() => "---").join(" | ")} | --- | --- | --- |`,
  ];
  for (const w of r.worlds) {
    const v = w.summary.vsNonePct;
    const cells = keys.map((k) => (v[k] ? ci(v[k]) : "–"));
    const a = v.agent;
    const regret = w.summary.regret.pooled;
    lines.push(
      `| ${w.world} | ${cells.join(" | ")} | ${a ? `${a.seedsAtLeastNone}/${a.seeds}` : "–"} | ${regret === null ? "–" : `${(100 * regret).toFixed(0)} %`} | ${w.summary.bestBaseline ?? "–"} |`,
    );
  }
  return lines;
}

/** Where the agent loses: worlds where a fair baseline's mean beats it, or it is below no promotion. */
function losses(r: WorldsReport): string[] {
  const out: string[] = [];
  for (const w of r.worlds) {
    const v = w.summary.vsNonePct;
    const agent = v.agent?.mean;
    if (agent === undefined) continue;
    const best = w.summary.bestBaseline;
    const why: string[] = [];
    if (agent < 0) why.push(`below no promotion (${pct(agent)})`);
    if (best && (v[best]?.mean ?? -Infinity) > agent)
      why.push(`${best} beats it (${pct(v[best]!.mean)} vs ${pct(agent)})`);
    if (why.length)
      out.push(`- ${w.world} (approve ≤ ${w.summary.approveUpTo}): ${why.join("; ")}`);
  }
  return out;
}

/** The pilot's markdown tables (docs/pilot.md) from one worlds report per approver setting. */
export function worldsMarkdown(reports: readonly WorldsReport[]): string {
  const parts = reports.flatMap((r) => [...settingTable(r), ""]);
  const lost = reports.flatMap(losses);
  return [
    ...parts,
    "Where the agent loses:",
    "",
    ...(lost.length ? lost : ["- nowhere in these runs"]),
    "",
  ].join("\n");
}
