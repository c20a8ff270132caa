import { z } from "zod";
import { findingSchema, type Finding } from "../../domain/findings.js";
import { AutopromoError } from "../../errors.js";
import type { Db } from "../../store/index.js";
import { asOfDate, type ToolClock } from "../../tools/define.js";
import { loadPerceptionData } from "./data.js";
import { competitorPriceDrop } from "./rules/competitor.js";
import { demandSpikesAndDips } from "./rules/demand.js";
import { excessStock, stockoutRisk } from "./rules/stock.js";
import { supplyShortfall } from "./rules/supply.js";
import { trendShifts } from "./rules/trend.js";
import { perceptionRule, RuleMemo } from "./rule-memo.js";
import { perceptionThresholdsSchema, type PerceptionThresholdsInput } from "./thresholds.js";

/** Codes the perception agent raises. */
export type PerceptionErrorCode = "INVALID_THRESHOLDS" | "INVALID_SCOPE";

/** The perception agent was configured or called wrongly. */
export class PerceptionError extends AutopromoError<PerceptionErrorCode> {
  constructor(code: PerceptionErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = "PerceptionError";
  }
}

export const perceptionScopeSchema = z.object({
  market: z.string().min(1).optional(),
  category: z.string().min(1).optional(),
});
export type PerceptionScope = z.infer<typeof perceptionScopeSchema>;

export interface PerceptionDeps {
  db: Db;
  clock: ToolClock;
  thresholds?: PerceptionThresholdsInput;
}

export interface PerceptionAgent {
  /** Reads the store as of the clock and returns every finding in scope, most severe first. */
  perceive(scope?: PerceptionScope): Promise<Finding[]>;
}

const RULES = [
  perceptionRule(["asOf", "positions"], excessStock),
  perceptionRule(["asOf", "positions", "seriesByKey"], stockoutRisk),
  perceptionRule(["asOf", "competitors", "series"], competitorPriceDrop),
  perceptionRule(["asOf", "series", "signals"], demandSpikesAndDips),
  perceptionRule(["asOf", "series"], trendShifts),
  perceptionRule(["asOf", "schedule", "positions", "series", "marketOf"], supplyShortfall),
];

/**
 * Creates the perception node: plain code over the fact store, no LLM and no graph yet.
 * @example const findings = await createPerceptionAgent({ db, clock: fixedClock("2026-11-22T12:00:00Z") }).perceive({ market: "UK" });
 */
export function createPerceptionAgent(deps: PerceptionDeps): PerceptionAgent {
  const parsed = perceptionThresholdsSchema.safeParse(deps.thresholds ?? {});
  if (!parsed.success)
    throw new PerceptionError(
      "INVALID_THRESHOLDS",
      `invalid perception thresholds: ${parsed.error.message}`,
      { cause: parsed.error },
    );
  const thresholds = parsed.data;
  // Per agent, so per store and thresholds: each category's findings are recomputed rule by rule as their inputs change.
  const memo = new RuleMemo(RULES);
  return {
    async perceive(rawScope = {}) {
      const scope = perceptionScopeSchema.safeParse(rawScope);
      if (!scope.success)
        throw new PerceptionError("INVALID_SCOPE", `invalid scope: ${scope.error.message}`, {
          cause: scope.error,
        });
      const { market, category } = scope.data;
      const data = loadPerceptionData(deps.db, asOfDate(deps.clock), thresholds, category);
      const findings = memo
        .findings(category ?? "*", data, thresholds)
        .filter((f) => !market || f.scope.market === market);
      return findings
        .map((f) => findingSchema.parse(f))
        .sort((a, b) => b.severity.score - a.severity.score || a.id.localeCompare(b.id));
    },
  };
}
