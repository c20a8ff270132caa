import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { EvalError } from "../errors.js";
import { metric } from "../metric.js";
import type { Suite } from "../types.js";

// The reasoning suite is built by another engineer; it is loaded by path so this runner compiles
// and runs whether or not `evals/reasoning/index.ts` exists yet.
const ENTRY = "../../reasoning/index.js";
const reportSchema = z
  .object({
    meanRatio: z.number(),
    minRatio: z.number(),
    losingChoices: z.number(),
    promotedScopes: z.number(),
    scopes: z.array(z.unknown()),
  })
  .loose();

/** The promotion agent's choices re-priced with the demo market's hidden true parameters. */
export function reasoningSuite(): Suite {
  return {
    name: "reasoning",
    description:
      "promotion agent's chosen scenario vs the best candidate under the demo market's hidden truth",
    fast: false,
    async run() {
      const source = fileURLToPath(new URL(ENTRY.replace(/\.js$/, ".ts"), import.meta.url));
      if (!existsSync(source))
        throw new EvalError("SUITE_UNAVAILABLE", "evals/reasoning/index.ts does not exist yet");
      const mod = (await import(ENTRY)) as {
        runReasoningEval?: (o?: { seeds?: number[] }) => Promise<unknown>;
      };
      if (typeof mod.runReasoningEval !== "function")
        throw new EvalError(
          "SUITE_UNAVAILABLE",
          "evals/reasoning/index.ts does not export runReasoningEval",
        );
      const r = reportSchema.parse(await mod.runReasoningEval({ seeds: [1, 2] }));
      return {
        metrics: [
          metric("mean share of best true margin", r.meanRatio, {
            threshold: 0.95,
            direction: "min",
            unit: "%",
          }),
          metric("money-losing choices", r.losingChoices, { threshold: 0, direction: "max" }),
          metric("worst share of best true margin", r.minRatio, { unit: "%" }),
          metric("scopes promoted", r.promotedScopes),
        ],
        details: { ...r, scopes: r.scopes.length },
      };
    },
  };
}
