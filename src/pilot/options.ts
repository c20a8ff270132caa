import { z } from "zod";
import { mechanicSchema } from "../domain/proposal.js";
import { channelSchema } from "../domain/channel.js";
import { PilotError } from "./errors.js";

/** The pilot scope: the policy's `pilot` section (a YAML/JSON file given with --scope). */
export const pilotScopeSchema = z.strictObject({
  categories: z.array(z.string().min(1)).optional(),
  markets: z.array(z.string().min(1)).optional(),
  mechanics: z.array(mechanicSchema).optional(),
  channels: z.array(channelSchema).optional(),
});
export type PilotScope = z.infer<typeof pilotScopeSchema>;

/** The default pilot: two of the three categories, both markets, the four mechanics the agent can price, stores only. */
export const DEFAULT_PILOT_SCOPE: PilotScope = {
  categories: ["COLD CEREAL", "FROZEN PIZZA"],
  markets: ["FR", "NL"],
  mechanics: ["tpr", "feature", "display", "feature_display"],
  channels: ["store"],
};

export const pilotOptionsSchema = z.strictObject({
  weeks: z.number().int().min(1).max(104).default(52),
  seeds: z.array(z.number().int()).min(1).default([1]),
  scope: pilotScopeSchema.optional(),
  /** Policy file (default: the shipped one); its pilot section is replaced by `scope` when given. */
  policyPath: z.string().optional(),
  /** Escalations whose spend (media + discount) is at most this are approved, others rejected. */
  approveUpTo: z.number().nonnegative().default(5000),
  /** Where each seed's database goes (default: a temp folder, removed afterwards). */
  workDir: z.string().optional(),
  /** Baselines played beside the agent, by report key (see `shippedBaselines`). */
  baselines: z.array(z.string().min(1)).default(["none", "calendar", "oracle"]),
  /** False plays the baselines only (fast checks of the bound). */
  agent: z.boolean().default(true),
});
export type PilotOptions = z.input<typeof pilotOptionsSchema>;
export type ParsedPilotOptions = z.infer<typeof pilotOptionsSchema>;

/** "1..10" → [1..10]; "3" → [3]; "1,4,7" → [1, 4, 7]. */
export function parseSeeds(text: string): number[] {
  const range = /^(-?\d+)\.\.(-?\d+)$/.exec(text.trim());
  if (range) {
    const [a, b] = [Number(range[1]), Number(range[2])];
    if (b < a || b - a > 999)
      throw new PilotError(
        "INVALID_INPUT",
        `--seeds ${text}: expected A..B with A ≤ B (at most 1000 seeds)`,
      );
    return Array.from({ length: b - a + 1 }, (_, i) => a + i);
  }
  const list = text.split(",").map((s) => s.trim());
  if (list.some((s) => !/^-?\d+$/.test(s)))
    throw new PilotError("INVALID_INPUT", `--seeds ${text}: expected A..B, N or N,M,…`);
  return list.map(Number);
}
