import { readFileSync } from "node:fs";
import { accuracyRecord, settledOutcomes } from "../monitoring/index.js";
import type { Policy } from "../policies/index.js";
import { compareShadow, shadowRecommendations } from "../shadow/index.js";
import type { Db } from "../store/index.js";

/** One recommendation with the evidence behind it. Nothing is applied: the diff is a proposal for people. */
export interface Recommendation {
  area: "autonomy" | "perception" | "shadow";
  subject: string;
  action: "raise" | "tighten" | "keep";
  change: string;
  evidence: {
    settled: number;
    unitsMape: number | null;
    marginMape: number | null;
    hitRate: number | null;
    meanMeasuredMargin?: number;
    difference?: number;
    lower?: number;
    upper?: number;
  };
}

export interface TuningReport {
  recommendations: Recommendation[];
  /** Unified diff of the policy file; empty when nothing should change. */
  policyDiff: string;
  policyFile: string;
}

/** Settled campaigns a promotion type needs before its autonomy may grow. */
export const MIN_SETTLED = 20;
/** Forecast error (units MAPE) within which a type has earned more autonomy. */
export const WITHIN = 0.15;
/** Error above which (or an interval hit rate below 50 %) a type loses autonomy. */
export const MISS = 0.3;

/**
 * Reads the accuracy record and recommends, per promotion type: ≥ 20 settled campaigns with forecast
 * error within ±15 % → raise its spend limit (the per-campaign cap, when every settled type has
 * earned it) or drop it from always-approve; a type that misses → always needs approval. Perception:
 * finding kinds whose launched campaigns mostly lose money → raise that finding's threshold.
 */
export function recommendTuning(db: Db, policy: Policy, policyFile: string): TuningReport {
  const recs: Recommendation[] = [];
  const byType = new Map<string, ReturnType<typeof accuracyRecord>>();
  for (const row of accuracyRecord(db))
    byType.set(row.promotionType, [...(byType.get(row.promotionType) ?? []), row]);
  const earned: string[] = [];
  const missed: string[] = [];
  for (const [type, rows] of [...byType.entries()].sort()) {
    const n = rows.reduce((s, r) => s + r.n, 0);
    const w = (f: (r: (typeof rows)[number]) => number | null) => {
      const xs = rows.filter((r) => f(r) !== null);
      const k = xs.reduce((s, r) => s + r.n, 0);
      return k ? xs.reduce((s, r) => s + f(r)! * r.n, 0) / k : null;
    };
    const evidence = {
      settled: n,
      unitsMape: w((r) => r.mape),
      marginMape: w((r) => r.marginMape),
      hitRate: w((r) => r.hitRate),
    };
    if (n >= MIN_SETTLED && evidence.unitsMape !== null && evidence.unitsMape <= WITHIN) {
      earned.push(type);
      recs.push({
        area: "autonomy",
        subject: type,
        action: "raise",
        change: policy.approvalRequired.mechanics.includes(type as never)
          ? `drop ${type} from approvalRequired.mechanics`
          : "raise autonomy.maxSpendPerCampaign by 25 % (when every settled type has earned it)",
        evidence,
      });
    } else if (n >= 5 && ((evidence.unitsMape ?? 0) > MISS || (evidence.hitRate ?? 1) < 0.5)) {
      missed.push(type);
      recs.push({
        area: "autonomy",
        subject: type,
        action: "tighten",
        change: `add ${type} to approvalRequired.mechanics (always needs approval)`,
        evidence,
      });
    } else {
      recs.push({
        area: "autonomy",
        subject: type,
        action: "keep",
        change:
          n < MIN_SETTLED
            ? `keep: ${n} of ${MIN_SETTLED} settled campaigns needed`
            : `keep: units error ${pct(evidence.unitsMape)} outside ±${WITHIN * 100} %`,
        evidence,
      });
    }
  }
  recs.push(...perceptionRecommendations(db));
  const text = readFileSync(policyFile, "utf8");
  const shadow = shadowRecommendations(
    compareShadow(db, { minSettledWeeks: policy.shadow.minSettledWeeks }),
    policy,
    text,
  );
  for (const r of shadow.recommendations) {
    const { settledWeeks, ...rest } = r.evidence;
    recs.push({
      area: "shadow",
      subject: r.subject,
      action: r.action,
      change: r.change,
      evidence: {
        settled: settledWeeks,
        unitsMape: null,
        marginMape: null,
        hitRate: null,
        ...rest,
      },
    });
  }
  let next = shadow.next;
  const types = [...byType.keys()];
  if (earned.length > 0 && missed.length === 0 && earned.length === types.length) {
    next = next.replace(
      /^(\s*maxSpendPerCampaign:\s*)(\d+(?:\.\d+)?)/m,
      (_m, k: string, v: string) => `${k}${Math.round(Number(v) * 1.25)}`,
    );
  }
  const always = new Set<string>([
    ...policy.approvalRequired.mechanics.filter((m) => !earned.includes(m)),
    ...missed,
  ]);
  if (earned.length + missed.length > 0)
    next = next.replace(
      /^(\s*mechanics:\s*)\[[^\]\n]*\]/m,
      (_m, k: string) => `${k}[${[...always].sort().join(", ")}]`,
    );
  return { recommendations: recs, policyDiff: policyDiff(policyFile, text, next), policyFile };
}

const pct = (x: number | null) => (x === null ? "–" : `${(100 * x).toFixed(0)} %`);

/** Finding kinds behind launched campaigns: when ≥ 10 settled and most lost money, raise that finding's threshold. */
function perceptionRecommendations(db: Db): Recommendation[] {
  const outcomes = new Map(settledOutcomes(db).map((o) => [o.campaignId, o]));
  const rows = db
    .prepare("SELECT c.id, d.record FROM campaigns c JOIN decisions d ON d.id = c.decision_id")
    .all() as { id: string; record: string }[];
  const byKind = new Map<string, number[]>();
  for (const r of rows) {
    const o = outcomes.get(r.id);
    if (!o) continue;
    const kinds = new Set(
      ((JSON.parse(r.record) as { findings?: { kind: string }[] }).findings ?? []).map(
        (f) => f.kind,
      ),
    );
    for (const k of kinds) byKind.set(k, [...(byKind.get(k) ?? []), o.measuredIncrementalMargin]);
  }
  return [...byKind.entries()].sort().map(([kind, ms]) => {
    const losing = ms.filter((m) => m < 0).length / ms.length;
    const evidence = {
      settled: ms.length,
      unitsMape: null,
      marginMape: null,
      hitRate: null,
      meanMeasuredMargin: ms.reduce((a, b) => a + b, 0) / ms.length,
    };
    return ms.length >= 10 && losing > 0.6
      ? {
          area: "perception" as const,
          subject: kind,
          action: "tighten" as const,
          change: `raise the ${kind} threshold (src/agents/perception/thresholds.ts): ${Math.round(100 * losing)} % of the campaigns it led to lost money`,
          evidence,
        }
      : {
          area: "perception" as const,
          subject: kind,
          action: "keep" as const,
          change: `keep: ${ms.length} settled, ${Math.round(100 * losing)} % lost money`,
          evidence,
        };
  });
}

/** A unified diff of two versions of a file that differ line for line (3 lines of context). */
export function policyDiff(file: string, before: string, after: string): string {
  if (before === after) return "";
  const a = before.split("\n");
  const b = after.split("\n");
  const changed = a.map((l, i) => l !== b[i]).flatMap((c, i) => (c ? [i] : []));
  const out = [`--- ${file}`, `+++ ${file} (proposed)`];
  let k = 0;
  while (k < changed.length) {
    let end = k;
    while (end + 1 < changed.length && changed[end + 1]! - changed[end]! <= 6) end++;
    const from = Math.max(0, changed[k]! - 3);
    const to = Math.min(a.length - 1, changed[end]! + 3);
    out.push(`@@ -${from + 1},${to - from + 1} +${from + 1},${to - from + 1} @@`);
    for (let i = from; i <= to; i++) out.push(a[i] === b[i] ? ` ${a[i]}` : `-${a[i]}\n+${b[i]}`);
    k = end + 1;
  }
  return `${out.join("\n")}\n`;
}
