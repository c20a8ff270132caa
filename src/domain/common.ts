import { z } from "zod";

/** CSV cells arrive as strings; an empty cell means "not given". */
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** Years a date may carry: anything outside is a typo or an attack, not a retail fact. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;
const YEAR_RANGE = `a year from ${MIN_YEAR} to ${MAX_YEAR}`;

/** True when an ISO date or timestamp starts with a four-digit year inside the range. */
export function inYearRange(iso: string): boolean {
  const m = /^\s*(\d{4})-\d{2}-\d{2}/.exec(iso);
  if (!m) return false;
  const y = Number(m[1]);
  return y >= MIN_YEAR && y <= MAX_YEAR;
}

export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date YYYY-MM-DD")
  .refine(inYearRange, `expected ${YEAR_RANGE}`)
  // A regex accepts 2024-02-30; Date would roll it over to 1 March, so compare the round trip.
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
  }, "no such calendar day");
export type IsoDate = z.infer<typeof isoDateSchema>;

// Cc (C0, DEL, C1) except tab and newline; a lone surrogate half cannot be encoded as UTF-8.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `s` is not clean text (valid Unicode, no control characters but tab and newline), if it is not. */
export function textProblem(s: string): string | undefined {
  if (LONE_SURROGATE.test(s)) return "not valid Unicode (a lone surrogate half)";
  const c = CONTROL.exec(s);
  if (c)
    return `control character U+${c[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")} (only tab and newline are allowed)`;
  return undefined;
}

/** A string schema refusing unclean text (see {@link textProblem}), with the reason as its message. */
export function cleanText<S extends z.ZodType<string>>(schema: S) {
  return schema.superRefine((s, ctx) => {
    const problem = textProblem(s);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
}

export const idSchema = cleanText(z.string().trim().min(1, "must not be empty").max(200));
export const currencySchema = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{3}$/, "expected an ISO 4217 currency code such as EUR"));

/** Largest magnitude any number field takes unless it says less: beyond it, sums lose cents. */
export const MAX_MAGNITUDE = 1e12;
// Plain decimals only: no hex, exponent, padding or thousands separators ("0x10" is not 16).
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const NUMBER_MESSAGE = "expected a number (a JSON number or a plain decimal such as 4.25)";

/** A JSON number as is, a plain decimal string as its number; anything else (true, [4], "0x10") stays itself and fails. */
function decimal(v: unknown): unknown {
  const b = blankToUndefined(v);
  return typeof b === "string" && DECIMAL.test(b) ? Number(b) : b;
}

const finite = (max: number) =>
  z
    .number({ error: NUMBER_MESSAGE })
    .refine(Number.isFinite, "expected a finite number")
    .refine(
      (x) => Math.abs(x) <= max,
      `out of range (at most ${max.toExponential()} in magnitude)`,
    );

/** A number from a CSV cell or a JSON value, within ±`max`; blank means absent. */
export const num = (max = MAX_MAGNITUDE) => z.preprocess(decimal, finite(max));
export const optNum = (max = MAX_MAGNITUDE) => z.preprocess(decimal, finite(max).optional());
export const optStr = () =>
  z.preprocess(blankToUndefined, cleanText(z.string().trim().max(10_000)).optional());
export const reqStr = () =>
  z.preprocess(
    blankToUndefined,
    cleanText(z.string({ error: "required" }).trim().min(1).max(10_000)),
  );

/** 0/1, true/false, yes/no, y/n; blank means false. */
export const flag = () =>
  z.preprocess(
    (v) => {
      const b = blankToUndefined(v);
      if (b === undefined) return false;
      if (typeof b === "boolean") return b;
      const s = String(b).trim().toLowerCase();
      if (["1", "true", "yes", "y"].includes(s)) return true;
      if (["0", "false", "no", "n"].includes(s)) return false;
      return v;
    },
    z.boolean({ error: "expected 0/1 or true/false" }),
  );
