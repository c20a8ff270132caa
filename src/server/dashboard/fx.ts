import type { Db } from "../../store/index.js";

/**
 * Reads stored FX rates for the spend view. The rate of `date` is the latest one on or before it
 * (else the earliest after, for a feed that starts later), direct, inverted, or crossed through a
 * currency both sides are quoted in (the demo quotes everything against USD).
 */
export interface FxReader {
  /** Units of `to` per unit of `from` around `date`, or null when no rate connects them. */
  rate(from: string, to: string, date: string): number | null;
}

/** A reader over the `fx_rates` table; lookups are memoised for the reader's lifetime (one request). */
export function fxReader(db: Db): FxReader {
  const near = db.prepare(
    `SELECT rate FROM fx_rates WHERE from_ccy = ? AND to_ccy = ?
      ORDER BY date > ? , abs(julianday(date) - julianday(?)) LIMIT 1`,
  );
  const pivots = db.prepare("SELECT DISTINCT to_ccy AS c FROM fx_rates WHERE from_ccy = ?");
  const memo = new Map<string, number | null>();
  const direct = (from: string, to: string, date: string): number | null => {
    const row = near.get(from, to, date, date) as { rate: number } | undefined;
    return row && row.rate > 0 ? row.rate : null;
  };
  const lookup = (from: string, to: string, date: string): number | null => {
    if (from === to) return 1;
    const d = direct(from, to, date);
    if (d !== null) return d;
    const inv = direct(to, from, date);
    if (inv !== null) return 1 / inv;
    for (const { c } of pivots.all(from) as { c: string }[]) {
      const a = direct(from, c, date);
      const b = direct(to, c, date);
      if (a !== null && b !== null) return a / b;
    }
    return null;
  };
  return {
    rate(from, to, date) {
      const key = `${from}>${to}@${date}`;
      if (!memo.has(key)) memo.set(key, lookup(from, to, date));
      return memo.get(key)!;
    },
  };
}
