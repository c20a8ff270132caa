import type { Finding } from "../../domain/findings.js";
import type { Clock } from "../../domain/index.js";
import type { Db } from "../../store/index.js";
import { baselineForecasts, isToolError } from "../../tools/index.js";
import { AgentError } from "../promotion/errors.js";
import { readMarketShape, readMarketSkuFacts } from "./market-facts.js";
import type { DemandView, SkuDemand } from "./types.js";

export interface DemandAgentDeps {
  db: Db;
  clock: Clock;
  /** Weeks of baseline to forecast (the longest promotion plus its dip week). */
  horizonWeeks?: number;
}

const DEMAND_KINDS = new Set(["demand_spike", "demand_dip", "trend_shift"]);

/** Creates the demand agent: baseline forecasts per SKU of a scope, with spike/dip context from findings. */
export function createDemandAgent(deps: DemandAgentDeps) {
  const horizon = deps.horizonWeeks ?? 6;
  return {
    /** Forecasts the no-promotion baseline of every SKU of `category` in `market`. */
    forecast(
      scope: { category: string; market: string },
      findings: readonly Finding[] = [],
    ): DemandView {
      const asOf = deps.clock.now().toISOString().slice(0, 10);
      const facts = readMarketSkuFacts(deps.db, scope.category, scope.market, asOf);
      if (facts.length === 0)
        throw new AgentError(
          "NO_DATA",
          `no recent sales of ${scope.category} in ${scope.market} on or before ${asOf}`,
        );
      const skus: Record<string, SkuDemand> = {};
      const forecasts = baselineForecasts(
        { db: deps.db, clock: deps.clock },
        facts.map((f) => ({ sku: f.sku, market: scope.market, horizonWeeks: horizon })),
        scope.category,
      );
      facts.forEach((f, i) => {
        const out = forecasts[i]!;
        let weekly: number[];
        let sd: number[];
        let method: string;
        if (!isToolError(out)) {
          const ahead = out.forecast.filter((w) => w.actual === undefined);
          weekly = ahead.map((w) => w.units);
          sd = ahead.map((w) => w.sd);
          method = "baselineForecast";
        } else {
          // Too few clean weeks: fall back to the recent mean rather than dropping the SKU.
          weekly = Array.from({ length: horizon }, () => f.meanWeekly);
          sd = weekly.map((u) => u * 0.3);
          method = "recent-mean";
        }
        skus[f.sku] = {
          sku: f.sku,
          market: scope.market,
          baselineWeekly: weekly,
          sdWeekly: sd,
          storeShare: f.storeShare,
          regularPrice: f.regularPrice,
          unitCost: f.unitCost,
          method,
        };
      });
      const inScope = (x: Finding) =>
        x.scope.market === scope.market &&
        (x.scope.category === scope.category || (x.scope.sku !== undefined && x.scope.sku in skus));
      return {
        asOf,
        ...scope,
        skus,
        signals: findings.filter((x) => DEMAND_KINDS.has(x.kind) && inScope(x)),
        ...readMarketShape(deps.db, scope.market),
      };
    },
  };
}
export type DemandAgent = ReturnType<typeof createDemandAgent>;
