import type { FxRate } from "../../domain/catalog.js";
import { addDays, lastWeekdayOnOrBefore } from "./calendar.js";
import { HORIZON_WEEKS } from "./planted-plan.js";
import { Rng } from "./rng.js";
import type { World } from "./world.js";

/** Roughly where each currency traded against USD at the start of the history. */
const USD_PER_UNIT: Record<string, number> = { GBP: 1.27, EUR: 1.08, CAD: 0.73 };

/**
 * Weekly reference rates, dated on Mondays, from each market currency to USD. They start before
 * the first sales day and run past the production horizon, so every fact has a rate in force.
 */
export function fxRateRows(world: World): FxRate[] {
  const firstDay =
    world.markets.map((m) => addDays(world.weekEnd(m.market.id, 0), -6)).sort()[0] ?? world.endDate;
  const start = lastWeekdayOnOrBefore(addDays(firstDay, -7), "monday");
  const end = addDays(world.endDate, 7 * (HORIZON_WEEKS + 1));
  const rows: FxRate[] = [];
  for (const currency of [...new Set(world.markets.map((m) => m.market.currency))]
    .filter((c) => c !== "USD")
    .sort()) {
    const rng = Rng.of(world.seed, "fx", currency);
    const anchor = USD_PER_UNIT[currency] ?? 1;
    let log = 0;
    for (let date = start; date <= end; date = addDays(date, 7)) {
      rows.push({
        date,
        from: currency,
        to: "USD",
        rate: Math.round(anchor * Math.exp(log) * 10_000) / 10_000,
      });
      // A mean-reverting random walk: realistic drift without wandering off over two years.
      log = 0.97 * log + 0.006 * rng.normal();
    }
  }
  return rows;
}
