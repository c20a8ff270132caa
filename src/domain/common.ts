import { z } from "zod";

/** CSV cells arrive as strings; an empty cell means "not given". */
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date YYYY-MM-DD")
  // A regex accepts 2024-02-30; Date would roll it over to 1 March, so compare the round trip.
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
  }, "no such calendar day");
export type IsoDate = z.infer<typeof isoDateSchema>;

export const idSchema = z.string().trim().min(1, "must not be empty").max(200);
export const currencySchema = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{3}$/, "expected an ISO 4217 currency code such as EUR"));

/** A number from a CSV cell or a JSON value; blank means absent. */
export const num = () => z.preprocess(blankToUndefined, z.coerce.number({ error: "expected a number" }).refine(Number.isFinite, "expected a finite number"));
export const optNum = () => z.preprocess(blankToUndefined, z.coerce.number({ error: "expected a number" }).refine(Number.isFinite, "expected a finite number").optional());
export const optStr = () => z.preprocess(blankToUndefined, z.string().trim().max(10_000).optional());
export const reqStr = () => z.preprocess(blankToUndefined, z.string({ error: "required" }).trim().min(1).max(10_000));

/** 0/1, true/false, yes/no, y/n; blank means false. */
export const flag = () =>
  z.preprocess((v) => {
    const b = blankToUndefined(v);
    if (b === undefined) return false;
    if (typeof b === "boolean") return b;
    const s = String(b).trim().toLowerCase();
    if (["1", "true", "yes", "y"].includes(s)) return true;
    if (["0", "false", "no", "n"].includes(s)) return false;
    return v;
  }, z.boolean({ error: "expected 0/1 or true/false" }));
