import { z } from "zod";

/** What one field contributes to a parsed row: its value (or that it is left out), or that it fails. */
type FieldVerdict = { ok: true; present: boolean; value: unknown } | { ok: false };

/** Per field; a feed with more distinct cells than this in one column just recomputes them. */
const MAX_CACHED_CELLS = 20_000;

/**
 * Parses rows with a zod object schema, remembering each field's verdict per distinct cell. A feed
 * repeats the same SKUs, stores, dates, flags and prices hundreds of thousands of times, and a
 * field's verdict depends on its cell alone, so each distinct cell is parsed once: by a one-key
 * object of the same field schema, which gives exactly what the whole schema does with that key.
 * Any row with a failing field is parsed whole, so its issues are the schema's own. Schemas with
 * object-level checks or unknown-key rules are always parsed whole.
 *
 * With `blankIsAbsent`, a blank cell (null, "" or whitespace) counts as not given, exactly as if
 * {@link withoutBlanks} had removed it first, so documented defaults apply.
 */
export function rowParser<T>(
  schema: z.ZodType<T>,
  opts: { blankIsAbsent?: boolean } = {},
): (values: Record<string, unknown>) => z.ZodSafeParseResult<T> {
  const dropBlanks = opts.blankIsAbsent === true;
  const whole = (values: Record<string, unknown>) =>
    schema.safeParse(dropBlanks ? withoutBlanks(values) : values);
  if (!(schema instanceof z.ZodObject)) return whole;
  const def = schema._zod.def;
  if (def.catchall !== undefined || (def.checks?.length ?? 0) > 0) return whole;

  const fields = Object.entries(schema.shape as Record<string, z.ZodType>).map(([key, field]) => {
    const one = z.object({ [key]: field });
    const verdict = (input: Record<string, unknown>): FieldVerdict => {
      const r = one.safeParse(input);
      if (!r.success) return { ok: false };
      const out = r.data as Record<string, unknown>;
      return { ok: true, present: Object.hasOwn(out, key), value: out[key] };
    };
    const absent = verdict({});
    return {
      key,
      verdict,
      absent,
      seen: new Map<unknown, FieldVerdict>(),
      lastCell: undefined as unknown,
      last: absent,
    };
  });

  return (values) => {
    // withoutBlanks copies own keys only; a record with a prototype of its own (a JSON "__proto__" key) is parsed whole.
    if (dropBlanks && Object.getPrototypeOf(values) !== Object.prototype) return whole(values);
    const data: Record<string, unknown> = {};
    for (const f of fields) {
      const cell = values[f.key];
      let v: FieldVerdict | undefined;
      if (
        (cell === undefined && !Object.hasOwn(values, f.key)) ||
        (dropBlanks && isBlankCell(cell))
      )
        v = f.absent;
      // Sorted feeds repeat the previous row's week, store and flags: a string compare, no hashing.
      else if (cell === f.lastCell && typeof cell === "string") v = f.last;
      else {
        // Objects are not cached (their output could be shared); -0 would share 0's entry.
        const cacheable = (typeof cell !== "object" || cell === null) && cell !== 0;
        v = cacheable ? f.seen.get(cell) : undefined;
        if (v === undefined) {
          v = f.verdict({ [f.key]: cell });
          if (cacheable && (!v.ok || typeof v.value !== "object" || v.value === null)) {
            if (f.seen.size >= MAX_CACHED_CELLS) f.seen.clear();
            f.seen.set(cell, v);
          }
        }
        if (typeof cell === "string") {
          f.lastCell = cell;
          f.last = v;
        }
      }
      if (!v.ok) return whole(values);
      if (v.present) data[f.key] = v.value;
    }
    return { success: true, data: data as T };
  };
}

/** A blank cell means "not given", so documented defaults apply; one rule for every source. */
export function withoutBlanks(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(values)) {
    const v = values[k];
    if (!isBlankCell(v)) out[k] = v;
  }
  return out;
}

/** null, "" or whitespace; `trim()` only for cells that do not start with a visible ASCII character. */
function isBlankCell(v: unknown): boolean {
  if (v === null) return true;
  if (typeof v !== "string") return false;
  if (v.length === 0) return true;
  const c = v.charCodeAt(0);
  return c > 32 && c < 127 ? false : v.trim() === "";
}
