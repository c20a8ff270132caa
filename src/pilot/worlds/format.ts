import { table } from "../../cli/output.js";
import { formatWhole } from "../../domain/format.js";
import type { Coverage, WorldsReport } from "./schema.js";

const sign = (x: number) => `${x >= 0 ? "+" : ""}${x.toFixed(1)}`;
const cov = (c: Coverage) =>
  c.n ? `${c.n - c.below - c.above}/${c.n} inside, ${c.below} below, ${c.above} above` : "–";

/** The worlds report for people: per world, strategies against no promotion, regret, the record. */
export function formatWorldsReport(r: WorldsReport): string {
  const out: string[] = [];
  for (const w of r.worlds) {
    const s = w.summary;
    out.push(
      `world ${w.world}: ${s.weeks} weeks × ${w.seeds.length} seeds, approve up to ${s.approveUpTo} (in-scope contribution margin, EUR)`,
    );
    const rows = Object.entries(s.margin).map(([k, m]) => {
      const v = s.vsNonePct[k];
      return [
        k,
        formatWhole(m.mean),
        v ? `${sign(v.mean)} % [${sign(v.lo90)}, ${sign(v.hi90)}]` : "–",
        v ? `${v.seedsAtLeastNone}/${v.seeds}` : "–",
      ];
    });
    out.push(table(["strategy", "mean margin", "vs none (90 % interval)", "seeds ≥ none"], rows));
    const reg = s.regret.pooled === null ? "–" : `${(100 * s.regret.pooled).toFixed(1)} %`;
    out.push(
      `regret (share of the better bound's gain over none the agent misses, bound = best of ${s.regret.against.join(", ") || "–"}): ${reg}; best baseline without the truth: ${s.bestBaseline ?? "–"}`,
    );
    out.push(
      `agent incremental margin: forecast ${formatWhole(s.incremental.forecast)}, settled ${formatWhole(s.incremental.settled)}, true ${formatWhole(s.incremental.true)}`,
    );
    out.push(
      `80 % intervals vs truth: forecast ${cov(s.coverage.forecast)}; settlement ${cov(s.coverage.settlement)}`,
      "",
    );
  }
  return out.join("\n");
}
