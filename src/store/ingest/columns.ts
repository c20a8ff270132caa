import type { z } from "zod";

/** `Price Paid`, `PRICE_PAID`, `price-paid`, `price_paid` and `pricePaid` all name the key `pricePaid`. */
export function columnToKey(header: string): string {
  const t = header.trim();
  if (!/[\s_-]/.test(t) && t !== t.toUpperCase()) return t.charAt(0).toLowerCase() + t.slice(1);
  const snake = t.toLowerCase().replace(/[\s-]+/g, "_");
  return snake.replace(/_+([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The file-facing name of a key: `pricePaid` → `price_paid`. */
export function keyToColumn(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Keys of an object schema that a row cannot do without. */
export function requiredKeys(schema: z.ZodType): string[] {
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape;
  if (!shape) return [];
  return Object.entries(shape)
    .filter(([, s]) => !s.safeParse(undefined).success)
    .map(([k]) => k);
}

/** Maps a record's keys (snake_case or camelCase) to schema keys. */
export function normaliseKeys(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) out[columnToKey(k)] = v;
  return out;
}
