import { createHash } from "node:crypto";
import { DateTime } from "luxon";
import type { z } from "zod";
import {
  competitorPriceSchema,
  consumerSignalSchema,
  fxRateSchema,
  inventoryPositionSchema,
  locationSchema,
  marketSchema,
  productionScheduleSchema,
  productSchema,
  salesObservationSchema,
  skuAliasSchema,
} from "../../../src/domain/index.js";
import { addDays, type Db } from "../../../src/store/index.js";

/** One stored row that breaks the contract, with a tag when it is a bug already reported. */
export interface Violation {
  table: string;
  rowid: number;
  problem: string;
  knownBug?: KnownBug;
}

/**
 * Bugs found by these suites and reported to the lead (see the it.fails tests in
 * known-bugs.test.ts). The fuzz properties count them apart, so a new kind of invalid row still
 * fails the suite while these stay visible in the printed counts.
 */
export type KnownBug =
  | "money-rounded-to-zero"
  | "non-finite-number"
  | "impossible-fx-date"
  | "reference-correction-crash";

/** Crashes already reported: a correction to a market or location throws instead of correcting. */
export function knownCrash(message: string): KnownBug | undefined {
  return /NOT NULL constraint failed: fact_history\.old_values/.test(message)
    ? "reference-correction-crash"
    : undefined;
}

type Row = Record<string, unknown> & { _rowid: number };

const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const weekdayOf = (d: string) => WEEKDAYS[(new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7];
const isRealDate = (d: unknown) =>
  typeof d === "string" &&
  /^\d{4}-\d{2}-\d{2}$/.test(d) &&
  new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;
const camel = (k: string) => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const bool = (v: unknown) => v === 1;

function rows(db: Db, table: string): Row[] {
  return db.prepare(`SELECT rowid AS _rowid, * FROM ${table}`).all() as Row[];
}

/** Stored columns as the domain schema names them (`price_paid` → `pricePaid`), minus bookkeeping. */
function asDomain(r: Row): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r))
    if (!["_rowid", "id", "content_hash", "ingest_id"].includes(k)) out[camel(k)] = v;
  return out;
}

/** Catalog rows keep their `id`, and a NULL column is an absent optional field. */
function asCatalog(r: Row): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) if (k !== "_rowid" && v !== null) out[camel(k)] = v;
  return out;
}

/** Every stored fact and catalog row, re-validated against the domain schemas and the SQL-level rules. */
export function storedRowViolations(db: Db): Violation[] {
  const out: Violation[] = [];
  const markets = new Map(
    (
      db.prepare("SELECT id, time_zone, week_ends_on FROM markets").all() as {
        id: string;
        time_zone: string;
        week_ends_on: string;
      }[]
    ).map((m) => [m.id, m]),
  );
  const locations = new Map(
    (
      db.prepare("SELECT id, market_id FROM locations").all() as { id: string; market_id: string }[]
    ).map((l) => [l.id, l.market_id]),
  );
  const skus = new Set(
    (db.prepare("SELECT sku FROM products").all() as { sku: string }[]).map((p) => p.sku),
  );

  const push = (table: string, r: Row, problem: string, knownBug?: KnownBug) =>
    out.push({ table, rowid: r._rowid, problem, ...(knownBug ? { knownBug } : {}) });
  const schema = (table: string, r: Row, s: z.ZodType, value: unknown) => {
    const p = s.safeParse(value);
    if (!p.success)
      push(
        table,
        r,
        `schema: ${p.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`,
        bugOf(r),
      );
  };
  const numbers = (table: string, r: Row, cols: string[], positive: string[] = []) => {
    for (const c of cols) {
      const v = r[c];
      if (v === null && positive.includes(c)) continue;
      if (typeof v !== "number" || !Number.isFinite(v))
        push(table, r, `${c} is ${String(v)}, not a finite number`, "non-finite-number");
      else if (positive.includes(c) ? !(v > 0) : !(v >= 0))
        push(table, r, `${c} is ${v}`, v === 0 ? "money-rounded-to-zero" : undefined);
    }
  };
  /** The retail week ends on the market's weekday and holds the local day. */
  const week = (table: string, r: Row, localDay: string | undefined) => {
    const m = markets.get(String(r.market_id));
    if (!m) return push(table, r, `unknown market ${String(r.market_id)}`);
    const w = r.retail_week;
    if (!isRealDate(w)) return push(table, r, `retail_week ${String(w)} is not a real date`);
    if (weekdayOf(w as string) !== m.week_ends_on)
      push(
        table,
        r,
        `retail_week ${String(w)} is a ${weekdayOf(w as string)}, market ends weeks on ${m.week_ends_on}`,
      );
    if (localDay && !(localDay <= (w as string) && addDays(w as string, -6) <= localDay))
      push(table, r, `local day ${localDay} is not in retail week ${String(w)}`);
  };
  const localDay = (utc: unknown, zone: string | undefined) => {
    const dt = DateTime.fromISO(String(utc), { zone: "utc" });
    return dt.isValid && zone ? (dt.setZone(zone).toISODate() ?? undefined) : undefined;
  };
  const knownSku = (table: string, r: Row) =>
    !skus.has(String(r.sku)) && push(table, r, `unknown sku ${String(r.sku)}`);

  for (const r of rows(db, "sales")) {
    schema("sales", r, salesObservationSchema, {
      ...asDomain(r),
      feature: bool(r.feature),
      display: bool(r.display),
      tpr: bool(r.tpr),
    });
    numbers(
      "sales",
      r,
      ["units", "revenue", "price_paid", "regular_price"],
      ["price_paid", "regular_price"],
    );
    knownSku("sales", r);
    week("sales", r, String(r.period_end));
    if (!isRealDate(r.period_start) || !isRealDate(r.period_end))
      push("sales", r, "period is not made of real dates");
    if (
      r.granularity === "week" &&
      (r.retail_week !== r.period_end || addDays(String(r.period_end), -6) !== r.period_start)
    )
      push("sales", r, "weekly row not aligned to the retail week");
    if (r.location_id !== null && locations.get(String(r.location_id)) !== r.market_id)
      push("sales", r, "location not in the row's market");
  }
  for (const r of rows(db, "inventory")) {
    schema("inventory", r, inventoryPositionSchema, asDomain(r));
    numbers("inventory", r, ["on_hand", "on_order", "in_transit"]);
    knownSku("inventory", r);
    week("inventory", r, localDay(r.as_of, markets.get(String(r.market_id))?.time_zone));
    if (locations.get(String(r.location_id)) !== r.market_id)
      push("inventory", r, "location not in the row's market");
  }
  for (const r of rows(db, "production")) {
    schema("production", r, productionScheduleSchema, asDomain(r));
    numbers("production", r, ["planned_units", "capacity_units"]);
    knownSku("production", r);
    if (!isRealDate(r.date)) push("production", r, `date ${String(r.date)} is not a real date`);
  }
  for (const r of rows(db, "competitor_prices")) {
    schema("competitor_prices", r, competitorPriceSchema, asDomain(r));
    numbers("competitor_prices", r, ["price"], ["price"]);
    knownSku("competitor_prices", r);
    week(
      "competitor_prices",
      r,
      localDay(r.observed_at, markets.get(String(r.market_id))?.time_zone),
    );
  }
  for (const r of rows(db, "consumer_signals")) {
    schema("consumer_signals", r, consumerSignalSchema, asDomain(r));
    if (typeof r.value !== "number" || !Number.isFinite(r.value))
      push("consumer_signals", r, `value ${String(r.value)} is not finite`, "non-finite-number");
    if (r.sku !== null) knownSku("consumer_signals", r);
    week(
      "consumer_signals",
      r,
      localDay(r.observed_at, markets.get(String(r.market_id))?.time_zone),
    );
  }
  for (const r of rows(db, "markets")) schema("markets", r, marketSchema, asCatalog(r));
  for (const r of rows(db, "locations")) {
    schema("locations", r, locationSchema, asCatalog(r));
    if (!markets.has(String(r.market_id)))
      push("locations", r, `unknown market ${String(r.market_id)}`);
  }
  for (const r of rows(db, "products")) {
    schema("products", r, productSchema, asCatalog(r));
    numbers(
      "products",
      r,
      ["unit_cost", "regular_price"].filter((c) => r[c] !== null),
      r.regular_price === null ? [] : ["regular_price"],
    );
  }
  for (const r of rows(db, "sku_aliases")) {
    schema("sku_aliases", r, skuAliasSchema, asCatalog(r));
    numbers("sku_aliases", r, ["units_per_code"], ["units_per_code"]);
    knownSku("sku_aliases", r);
  }
  for (const r of rows(db, "fx_rates")) {
    schema("fx_rates", r, fxRateSchema, {
      date: r.date,
      from: r.from_ccy,
      to: r.to_ccy,
      rate: r.rate,
    });
    numbers("fx_rates", r, ["rate"], ["rate"]);
    if (!isRealDate(r.date))
      push("fx_rates", r, `date ${String(r.date)} is not a real date`, "impossible-fx-date");
  }
  return out;
}

/** A schema failure caused by a number the store made non-finite or rounded to zero. */
function bugOf(r: Row): KnownBug | undefined {
  const nums = Object.values(r).filter((v): v is number => typeof v === "number");
  if (nums.some((v) => !Number.isFinite(v))) return "non-finite-number";
  if (["price", "price_paid", "regular_price", "rate", "units_per_code"].some((c) => r[c] === 0))
    return "money-rounded-to-zero";
  return undefined;
}

/** Row count and a digest of every row of every table: equal digests mean the tables did not change. */
export function tableDigests(db: Db): Record<string, { rows: number; sha256: string }> {
  const tables = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((t) => t.name);
  const out: Record<string, { rows: number; sha256: string }> = {};
  for (const t of tables) {
    const h = createHash("sha256");
    let n = 0;
    for (const r of db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).iterate()) {
      h.update(
        JSON.stringify(r, (_k, v: unknown) =>
          typeof v === "number" && !Number.isFinite(v) ? String(v) : v,
        ),
      );
      h.update("\n");
      n++;
    }
    out[t] = { rows: n, sha256: h.digest("hex") };
  }
  return out;
}
