import type { z } from "zod";
import { addDays } from "../domain/dates.js";
import type { Db } from "../store/index.js";
import { ToolError } from "./errors.js";

/** Where tools read the time: the demo market's "today" is a fixed clock, production the wall clock. */
export interface ToolClock {
  now(): Date;
}

/** What every tool runs against: the fact store and a clock. */
export interface ToolContext {
  db: Db;
  clock: ToolClock;
}

/** A data tool declared once: its zod schemas drive validation, the LLM's JSON schema and the types. */
export interface AgentTool<I extends z.ZodObject = z.ZodObject, O extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly description: string;
  readonly input: I;
  readonly output: O;
  /** Validates `raw` against `input`, runs, and validates the result against `output`. */
  call(ctx: ToolContext, raw: z.input<I>): z.output<O>;
}

export interface ToolDefinition<I extends z.ZodObject, O extends z.ZodType> {
  name: string;
  description: string;
  input: I;
  output: O;
  run(ctx: ToolContext, input: z.output<I>): z.input<O>;
}

/**
 * Declares a tool whose input and output are checked by its zod schemas on every call.
 * @example const t = defineTool({ name: "ping", description: "…", input: z.object({}), output: z.string(), run: () => "pong" });
 */
export function defineTool<I extends z.ZodObject, O extends z.ZodType>(
  def: ToolDefinition<I, O>,
): AgentTool<I, O> {
  return {
    name: def.name,
    description: def.description,
    input: def.input,
    output: def.output,
    call(ctx, raw) {
      const parsed = def.input.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new ToolError(
          "INVALID_TOOL_INPUT",
          def.name,
          `${issue?.path.join(".") || "input"}: ${issue?.message ?? "invalid"}`,
          { cause: parsed.error },
        );
      }
      const result = def.output.safeParse(def.run(ctx, parsed.data));
      // An output that breaks its own schema is our bug, not the caller's: say so distinctly.
      if (!result.success)
        throw new ToolError("INVALID_TOOL_OUTPUT", def.name, result.error.message, {
          cause: result.error,
        });
      return result.data;
    },
  };
}

/** The clock's calendar date (UTC), the last day whose facts a tool may read. */
export function asOfDate(clock: ToolClock): string {
  return clock.now().toISOString().slice(0, 10);
}

/** A YYYY-MM-DD of 1100–9899 with a month and a day Date accepts (it rolls 02-30 over to March, as addDays does). */
const WELL_FORMED = /^(1[1-9]|[2-8]\d|9[0-8])\d\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** Within a century of a well-formed date the result stays in the four-digit years addDays writes. */
const MAX_FAST_SHIFT = 36_500;

/** The date `days` after `iso` (negative for before). */
export function shiftDate(iso: string, days: number): string {
  // Series grids shift thousands of dates per scope: day-number arithmetic, same result as Date for
  // every well-formed date and whole shift; anything else takes the Date path, so it still throws as it did.
  if (Number.isInteger(days) && Math.abs(days) <= MAX_FAST_SHIFT && WELL_FORMED.test(iso))
    return addDays(iso, days);
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
