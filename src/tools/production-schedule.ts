import { z } from "zod";
import { prepared, andSet, type Db } from "../store/index.js";
import { idSchema, isoDateSchema } from "../domain/common.js";
import { asOfDate, defineTool, shiftDate } from "./define.js";
import { SCOPE_ENTRIES, FactsMemo } from "./memo.js";

export const productionScheduleInputSchema = z.object({
  sku: idSchema,
  plant: idSchema.optional(),
  weeks: z.number().int().min(1).max(52).default(8).describe("weeks ahead of today"),
});

export const scheduledWeekSchema = z.object({
  date: isoDateSchema,
  plant: idSchema,
  plannedUnits: z.number().nonnegative(),
  capacityUnits: z.number().nonnegative(),
  /** Planned over capacity; null without capacity. */
  utilisation: z.number().nonnegative().nullable(),
});

export const productionScheduleOutputSchema = z.object({
  asOf: isoDateSchema,
  sku: idSchema,
  weeks: z.array(scheduledWeekSchema),
  plannedUnits: z.number().nonnegative(),
  capacityUnits: z.number().nonnegative(),
});
export type ScheduledWeek = z.infer<typeof scheduledWeekSchema>;

/** Schedules per query, kept until the next production ingest: perception and inventory read the same category's. */
const SCHEDULES = new FactsMemo<(ScheduledWeek & { sku: string })[]>(["production"], SCOPE_ENTRIES);

/** Schedule rows dated after `asOf` and within `weeks` weeks, for one SKU, one category's SKUs, or all; shared, read-only. */
export function readSchedule(
  db: Db,
  asOf: string,
  weeks: number,
  filter: {
    sku?: string | undefined;
    plant?: string | undefined;
    category?: string | undefined;
  } = {},
): (ScheduledWeek & { sku: string })[] {
  return SCHEDULES.get(
    db,
    JSON.stringify([asOf, weeks, filter.sku, filter.plant, filter.category]),
    () => loadSchedule(db, asOf, weeks, filter),
  );
}

function loadSchedule(
  db: Db,
  asOf: string,
  weeks: number,
  filter: { sku?: string | undefined; plant?: string | undefined; category?: string | undefined },
): (ScheduledWeek & { sku: string })[] {
  const rows = prepared(
    db,
    `SELECT x.sku, x.plant, x.date, sum(x.planned_units) AS planned, sum(x.capacity_units) AS capacity
         FROM products p CROSS JOIN production x ON x.sku = p.sku -- products first, then a seek per SKU (production_sku)
        WHERE x.date > @asOf AND x.date <= @until${andSet(filter, { sku: "p.sku = @sku", plant: "x.plant = @plant", category: "p.category = @category" })}
        GROUP BY x.sku, x.plant, x.date ORDER BY x.sku, x.date, x.plant`,
  ).all({ asOf, until: shiftDate(asOf, 7 * weeks), ...filter }) as {
    sku: string;
    plant: string;
    date: string;
    planned: number;
    capacity: number;
  }[];
  return rows.map((r) => ({
    sku: r.sku,
    plant: r.plant,
    date: r.date,
    plannedUnits: r.planned,
    capacityUnits: r.capacity,
    utilisation: r.capacity > 0 ? r.planned / r.capacity : null,
  }));
}

/** Planned against capacity units of a SKU, plant by plant, over the next N weeks. */
export const productionSchedule = defineTool({
  name: "productionSchedule",
  description:
    "Planned production against line capacity for a SKU (optionally one plant) over the next N weeks.",
  input: productionScheduleInputSchema,
  output: productionScheduleOutputSchema,
  run({ db, clock }, input) {
    const asOf = asOfDate(clock);
    const weeks = readSchedule(db, asOf, input.weeks, input).map(({ sku: _sku, ...w }) => w);
    return {
      asOf,
      sku: input.sku,
      weeks,
      plannedUnits: weeks.reduce((s, w) => s + w.plannedUnits, 0),
      capacityUnits: weeks.reduce((s, w) => s + w.capacityUnits, 0),
    };
  },
});
