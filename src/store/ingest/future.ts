import { FUTURE_TOLERANCE_DAYS, type TableSpec } from "../kinds/spec.js";
import type { RowParams } from "./row-params.js";

/** Why a row was refused as future-dated: the column and the reason the quarantine records. */
export interface FutureDated {
  field: string;
  reason: string;
}

/**
 * A check for rows observed after the clock's today plus the tolerance. A fact dated 2099 is not
 * a fact yet; stored, it would look like the latest week of data to every reader.
 * @example const future = futureCheck(spec, new Date()); const why = future(params);
 */
export function futureCheck(
  spec: TableSpec,
  now: Date,
): (params: RowParams) => FutureDated | undefined {
  const column = spec.observedAt;
  const index = column === undefined ? -1 : spec.columns.indexOf(column);
  if (column === undefined || index < 0) return () => undefined;
  const today = now.toISOString().slice(0, 10);
  const latest = new Date(Date.parse(`${today}T00:00:00Z`) + FUTURE_TOLERANCE_DAYS * 86_400_000)
    .toISOString()
    .slice(0, 10);
  return (params) => {
    const v = params[index];
    if (typeof v !== "string" || v.slice(0, 10) <= latest) return undefined;
    const reason = `dated ${v.slice(0, 10)}, after today (${today}) plus the ${FUTURE_TOLERANCE_DAYS}-day tolerance: an observation cannot come from the future`;
    return { field: column, reason };
  };
}
