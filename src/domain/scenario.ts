import { z } from "zod";
import { channelSchema } from "./channel.js";
import { idSchema, isoDateSchema } from "./common.js";
import { mechanicSchema } from "./proposal.js";

/**
 * A promotion scenario the promotion agent considers, and what the simulator predicts for it.
 * "No promotion" is a scenario too (`mechanic: "none"`), so every decision compares against it.
 */

export const scenarioMechanicSchema = z.union([mechanicSchema, z.literal("none")]);
export type ScenarioMechanic = z.infer<typeof scenarioMechanicSchema>;

export const scenarioSchema = z.strictObject({
  id: z.string(),
  sku: idSchema,
  category: idSchema,
  market: idSchema,
  mechanic: scenarioMechanicSchema,
  /** Price cut, percent of the regular price (0 for feature / display without a cut). */
  depthPct: z.number().min(0).lt(100),
  weeks: z.number().int().min(0).max(52),
  startDate: isoDateSchema,
  channels: z.array(channelSchema),
});
export type Scenario = z.infer<typeof scenarioSchema>;

const interval = z.tuple([z.number(), z.number()]).describe("80 % interval [lower, upper]");

/** The simulator's numbers for one scenario; sums over the promotion's weeks (and the dip after). */
export const scenarioPredictionSchema = z.object({
  baselineUnits: z.number().nonnegative(),
  promoUnits: z.number().nonnegative(),
  incrementalUnits: z.number(),
  cannibalisedUnits: z.number(),
  pulledForwardUnits: z.number(),
  netIncrementalUnits: z.number(),
  liftPct: z.number(),
  regularPrice: z.number().positive(),
  promoPrice: z.number().positive(),
  unitCost: z.number().nonnegative(),
  discountCost: z.number(),
  mediaCost: z.number().nonnegative(),
  /** Inventory carrying cost avoided by selling excess stock sooner (0 without excess). */
  carryingCostSaved: z.number(),
  incrementalMargin: z.number(),
  roi: z.number(),
  stockNeeded: z.number().nonnegative(),
  stockAvailable: z.number().nonnegative(),
  interval80: z.object({
    promoUnits: interval,
    incrementalUnits: interval,
    incrementalMargin: interval,
  }),
});
export type ScenarioPrediction = z.infer<typeof scenarioPredictionSchema>;

/** A scenario with its prediction and whether it fits the constraints the agent knows. */
export const evaluatedScenarioSchema = z.object({
  scenario: scenarioSchema,
  prediction: scenarioPredictionSchema,
  feasible: z.boolean(),
  /** Why it is infeasible (stock, budget, scope …); empty when feasible. */
  constraints: z.array(z.string()),
});
export type EvaluatedScenario = z.infer<typeof evaluatedScenarioSchema>;

/** A candidate that lost, and why, for the counterfactual in explanations. */
export const alternativeSchema = z.object({
  scenario: scenarioSchema,
  prediction: scenarioPredictionSchema,
  whyNot: z.string(),
});
export type Alternative = z.infer<typeof alternativeSchema>;

/** What the promotion agent decided: the chosen scenario, runners-up and the words around them. */
export const scenarioChoiceSchema = z.object({
  chosen: evaluatedScenarioSchema,
  alternatives: z.array(alternativeSchema),
  considered: z.number().int().nonnegative(),
  feasibleCount: z.number().int().nonnegative(),
  explanation: z.string(),
  reasoner: z.string(),
});
export type ScenarioChoice = z.infer<typeof scenarioChoiceSchema>;
