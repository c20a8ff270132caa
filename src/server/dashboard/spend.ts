import { addDays, monthOf, quarterOf, weekOf, type Period } from "../../domain/dates.js";
import type { LoadedPolicy } from "../../policies/index.js";
import type { Commitment } from "../../policies/index.js";
import { liveCommitments } from "../../policies/context/reads.js";
import { committedIn } from "../../policies/rules/spend.js";
import type { Db } from "../../store/index.js";
import { fxReader, type FxReader } from "./fx.js";
import type { PeriodSpend, SpendResponse } from "./schemas.js";

type Kind = PeriodSpend["kind"];

/** A multi-market commitment weighs on each of its markets equally. */
function perMarket(cs: Commitment[]): Commitment[] {
  return cs.flatMap((c) =>
    c.markets.map((m) => ({
      ...c,
      markets: [m],
      amount: c.amount / c.markets.length,
      ...(c.original
        ? { original: { ...c.original, amount: c.original.amount / c.markets.length } }
        : {}),
    })),
  );
}

function capOf(
  policy: LoadedPolicy["policy"],
  kind: Kind,
  period: Period,
): { cap: number | null; source: string } {
  const a = policy.autonomy;
  if (kind === "week") return { cap: a.maxSpendPerWeek, source: "autonomy.maxSpendPerWeek" };
  if (kind === "month") return { cap: a.maxSpendPerMonth, source: "autonomy.maxSpendPerMonth" };
  const plan = policy.annualPlan;
  const q = quarterOf(period.from);
  const budgets = Object.values(plan.budgets).map((b) => b[`Q${q.q}`]);
  const planned = budgets.filter((b): b is number => b !== undefined);
  if ((plan.year !== null && plan.year !== q.year) || planned.length === 0)
    return { cap: null, source: `no annual-plan budget for ${q.key}` };
  return {
    cap: planned.reduce((s, b) => s + b, 0),
    source: `annualPlan.budgets (sum of categories, Q${q.q})`,
  };
}

function periodSpend(
  kind: Kind,
  period: Period,
  cs: Commitment[],
  ctx: { policy: LoadedPolicy["policy"]; currencies: Map<string, string>; fx: FxReader },
): PeriodSpend {
  const target = ctx.policy.currency;
  const markets = [...new Set(cs.flatMap((c) => c.markets))]
    .sort()
    .map((market) => {
      const mine = cs.filter((c) => c.markets[0] === market);
      const currency = ctx.currencies.get(market) ?? target;
      // Recorded in the policy currency (with the amount as written beside it), or as written before that.
      const converted = mine.filter((c) => c.currency === target && c.original);
      const asWritten = mine.filter((c) => !converted.includes(c));
      const local = converted.map((c) => ({ ...c, amount: c.original!.amount }));
      const committed = committedIn([...asWritten, ...local], period, () => true);
      const legacy = committedIn(asWritten, period, () => true);
      const rate = legacy > 0 ? ctx.fx.rate(currency, target, period.from) : 1;
      return {
        market,
        currency,
        committed,
        inPolicyCurrency:
          rate === null ? null : committedIn(converted, period, () => true) + legacy * rate,
      };
    })
    .filter((m) => m.committed > 0);
  const total = markets.some((m) => m.inPolicyCurrency === null)
    ? null
    : markets.reduce((s, m) => s + m.inPolicyCurrency!, 0);
  const { cap, source } = capOf(ctx.policy, kind, period);
  return {
    kind,
    key: period.key,
    from: period.from,
    to: period.to,
    cap,
    capSource: source,
    markets,
    total,
    share: total !== null && cap ? total / cap : null,
  };
}

/**
 * Approved and launched spend (the ledger the spend rules read) against the policy's weekly and
 * monthly caps and the annual plan's quarter, per market: this week, next week, this month, this
 * quarter. Commitments are stored in the policy currency with the amount as written beside it
 * (older rows in their market's currency, converted here at the stored FX rate); a market
 * without a rate is listed in `unconverted` rather than added as is.
 */
export function spendAgainstBudget(db: Db, loaded: LoadedPolicy, today: string): SpendResponse {
  const periods: [Kind, Period][] = [
    ["week", weekOf(today)],
    ["week", weekOf(addDays(today, 7))],
    ["month", monthOf(today)],
    ["quarter", quarterOf(today)],
  ];
  const from = periods.map(([, p]) => p.from).sort()[0]!;
  const to = periods
    .map(([, p]) => p.to)
    .sort()
    .at(-1)!;
  const cs = perMarket(liveCommitments(db, "", from, to));
  const rows = db.prepare("SELECT id, currency FROM markets").all() as {
    id: string;
    currency: string;
  }[];
  const ctx = {
    policy: loaded.policy,
    currencies: new Map(rows.map((r) => [r.id, r.currency])),
    fx: fxReader(db),
  };
  const out = periods.map(([kind, p]) => periodSpend(kind, p, cs, ctx));
  const unconverted = [
    ...new Set(
      out.flatMap((p) => p.markets.filter((m) => m.inPolicyCurrency === null).map((m) => m.market)),
    ),
  ].sort();
  return { asOf: today, currency: loaded.policy.currency, periods: out, unconverted };
}
