import { salesFeedRowSchema, type SalesFeedRow } from "../../domain/index.js";
import {
  isCalendarDate,
  isDateOnly,
  normaliseTime,
  retailWeekOf,
  weekdayOf,
  addDays,
} from "../harmonise/time.js";
import { RowRejection } from "../harmonise/rejection.js";
import type { Harmoniser } from "../harmonise/harmoniser.js";
import type { KindSpec } from "./spec.js";

/** Sales: units in units, money in the market's currency, the period on the market's retail calendar. */
export const salesKind: KindSpec<SalesFeedRow> = {
  kind: "sales",
  rowSchema: salesFeedRowSchema,
  table: {
    table: "sales",
    key: ["sku", "market_id", "location_id", "channel", "granularity", "period_start"],
    nullableKey: ["location_id"],
    columns: [
      "source",
      "source_event_id",
      "sku",
      "market_id",
      "location_id",
      "channel",
      "granularity",
      "period_start",
      "period_end",
      "retail_week",
      "units",
      "revenue",
      "price_paid",
      "regular_price",
      "feature",
      "display",
      "tpr",
    ],
    observedAt: "period_end",
    fact: true,
  },
  harmonise(row, h, source) {
    const { sku, unitsPerCode } = h.resolveSku(source, row.sku);
    let market;
    if (row.location !== undefined) market = h.marketOfLocation(row.location, row.market);
    else if (row.market !== undefined) market = h.market(row.market);
    else throw new RowRejection("location", "a sales row needs a location or a market");

    const zone = row.timeZone ?? market.timeZone;
    const { localDate } = isDateOnly(row.date)
      ? { localDate: row.date.trim() }
      : normaliseTime(row.date, zone, "date");
    if (!isCalendarDate(localDate))
      throw new RowRejection("date", `no such calendar day '${row.date}'`);
    let periodStart = localDate;
    const periodEnd = localDate;
    if (row.granularity === "week") {
      if (weekdayOf(localDate) !== market.weekEndsOn) {
        throw new RowRejection(
          "date",
          `week ending ${localDate} is a ${weekdayOf(localDate)}; market '${market.id}' weeks end on ${market.weekEndsOn}`,
        );
      }
      periodStart = addDays(localDate, -6);
    }
    const units = h.toUnits(row.units, sku, unitsPerCode, row.uom);
    const perUnit = units === 0 ? 1 : row.units / units;
    const currency = row.currency ?? market.currency;
    const regularPrice = money(
      h,
      row.regularPrice === undefined ? undefined : row.regularPrice * perUnit,
      currency,
      market.currency,
      periodEnd,
    );
    const given = row.revenue !== undefined || row.pricePaid !== undefined;
    // A row with neither revenue nor price sold at the regular price (the row's, else the
    // catalogue's): it is stored with that price paid, so it reads as an unpromoted week.
    const shelf = given
      ? undefined
      : (regularPrice ?? h.catalogPrice(sku, market.currency, periodEnd));
    if (!given && shelf === undefined)
      throw new RowRejection(
        "revenue",
        `needs revenue, price_paid or regular_price (product ${sku} has no regular price in the catalogue)`,
      );
    const pricePaid =
      shelf ??
      money(
        h,
        row.pricePaid === undefined ? undefined : row.pricePaid * perUnit,
        currency,
        market.currency,
        periodEnd,
      );
    const revenue =
      money(h, row.revenue, currency, market.currency, periodEnd) ?? pricePaid! * units;

    return {
      source,
      source_event_id: row.sourceEventId ?? null,
      sku,
      market_id: market.id,
      location_id: row.location ?? null,
      channel: row.channel,
      granularity: row.granularity,
      period_start: periodStart,
      period_end: periodEnd,
      retail_week: retailWeekOf(periodEnd, market.weekEndsOn),
      units,
      revenue: round(revenue),
      // A missing price is derived from revenue; zero revenue says nothing about the price.
      price_paid:
        pricePaid !== undefined
          ? round(pricePaid)
          : units > 0 && revenue > 0
            ? round(revenue / units)
            : null,
      regular_price:
        regularPrice !== undefined
          ? round(regularPrice)
          : shelf !== undefined
            ? round(shelf)
            : null,
      feature: row.feature ? 1 : 0,
      display: row.display ? 1 : 0,
      tpr: row.tpr ? 1 : 0,
    };
  },
};

/** An amount in the market's currency on the day; a plain function, not a per-row closure. */
function money(
  h: Harmoniser,
  v: number | undefined,
  from: string,
  to: string,
  date: string,
): number | undefined {
  return v === undefined ? undefined : h.convert(v, from, to, date);
}

/**
 * Money to 12 significant digits: FX products must not make identical re-ingests look like
 * corrections, and a tiny positive price must not become 0.
 */
export function round(v: number): number {
  if (!Number.isFinite(v) || v === 0) return v;
  // Feeds are mostly whole units and cents, which 12 digits keep as they are: formatting and
  // re-parsing each costs far more than seeing that. (v is the nearest double to c / 100 when
  // c / 100 gives v back, and below 1e10 twelve digits write c / 100 exactly.)
  if (Math.abs(v) < 1e10) {
    const cents = Math.round(v * 100);
    if (cents / 100 === v) return v;
  }
  return Number(v.toPrecision(12));
}
