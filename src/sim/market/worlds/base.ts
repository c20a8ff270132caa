import { z } from "zod";
import { defineWorld, WorldModel } from "../world-def.js";

/** Today's world: the same constant-elasticity equation the agent's effects model assumes. */
export const baseWorld = defineWorld({
  name: "base",
  description:
    "Constant elasticity in the depth, multiplicative ad and display effects, a post-promotion dip " +
    "proportional to depth, pairwise cannibalisation; parameters drawn around the BTF lift-model fit.",
  params: z.strictObject({}),
  drawParams: () => ({}),
});

/** The base world bound to its (empty) parameters: the default of `MarketWorld`. */
export const BASE_MODEL = new WorldModel(baseWorld, {});
