import { Rng } from "./rng.js";

/** What mess was planted in the source rows, so ingestion tests know what to expect. */
export interface SourceQuirks {
  duplicateSalesRows: number;
  duplicateInventoryRows: number;
  /** POS rows held back from the main batch and delivered in a later batch. */
  lateSalesRows: number;
  /** Inventory rows moved to the end of their batch, after later weeks. */
  outOfOrderInventoryRows: number;
  /** Inventory rows counted in cases (`uom: 'case'`). */
  caseInventoryRows: number;
  /** POS rows whose code is a 12-unit crate code. */
  crateSalesRows: number;
  /** Competitor rows without our SKU (resolved through the competitor's aliases). */
  competitorRowsWithoutSku: number;
}

/** Copies `count` rows (chosen by the seed) right after their originals: exact duplicates. */
export function withDuplicates<T extends object>(
  rows: readonly T[],
  seed: number,
  label: string,
  count: number,
): T[] {
  const rng = Rng.of(seed, "dup", label);
  const picks = new Set<number>();
  while (picks.size < Math.min(count, rows.length)) picks.add(rng.int(0, rows.length - 1));
  const out: T[] = [];
  rows.forEach((r, i) => {
    out.push(r);
    if (picks.has(i)) out.push({ ...r });
  });
  return out;
}

/** Splits rows into those kept in place and those matching `isLate`, which arrive separately. */
export function holdBack<T>(
  rows: readonly T[],
  isLate: (row: T) => boolean,
): { onTime: T[]; late: T[] } {
  const onTime: T[] = [];
  const late: T[] = [];
  for (const r of rows) (isLate(r) ? late : onTime).push(r);
  return { onTime, late };
}

/** Moves rows matching `isLate` to the end of the same batch (out of time order). */
export function moveToEnd<T>(
  rows: readonly T[],
  isLate: (row: T) => boolean,
): { rows: T[]; moved: number } {
  const { onTime, late } = holdBack(rows, isLate);
  return { rows: [...onTime, ...late], moved: late.length };
}
