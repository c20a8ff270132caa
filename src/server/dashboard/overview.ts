import type { LoadedPolicy } from "../../policies/index.js";
import type { Db } from "../../store/index.js";
import type { DecisionSource } from "../graph/port.js";
import { accuracyTimeline } from "./accuracy-timeline.js";
import { statusRank } from "./format.js";
import { parseSummaryRecord, summariseDecision } from "./decision-summary.js";
import type { DecisionSummary, Overview } from "./schemas.js";
import { spendAgainstBudget } from "./spend.js";
import { stockRisk } from "./stock-risk.js";

/** Decisions read per overview: a day's cycle over every scope fits, a 10,000-scope day does not need to. */
const READ_LIMIT = 200;
const SHOW_LIMIT = 40;

const rank = (s: DecisionSummary) => statusRank(s.status);

/** Today's decisions (UTC day of the clock), or the latest ones when there were none today. */
export function todaysDecisions(db: Db, source: DecisionSource, today: string) {
  const all = source
    .list(READ_LIMIT)
    .map(parseSummaryRecord)
    .filter((r) => r !== null)
    .map((r) => summariseDecision(db, r));
  const mine = all.filter((s) => s.createdAt.slice(0, 10) === today);
  const counts: Record<string, number> = {};
  for (const s of mine) counts[s.status] = (counts[s.status] ?? 0) + 1;
  // Acting decisions first (awaiting approval, then executed, blocked …), newest first inside each.
  const shown = (mine.length ? mine : all).sort(
    (a, b) => rank(a) - rank(b) || b.createdAt.localeCompare(a.createdAt),
  );
  return { decisions: shown.slice(0, SHOW_LIMIT), counts, fallback: mine.length === 0 };
}

/** The first screen's data: what the system did today and why, spend, accuracy, stock risk. */
export function buildOverview(
  db: Db,
  source: DecisionSource,
  policy: LoadedPolicy,
  now: Date,
): Overview {
  const asOf = now.toISOString();
  const today = asOf.slice(0, 10);
  return {
    asOf,
    today,
    ...todaysDecisions(db, source, today),
    spend: spendAgainstBudget(db, policy, today),
    accuracy: accuracyTimeline(db),
    stockRisk: stockRisk(db, today),
  };
}
