import { oracleDecide } from "../oracle.js";
import { trueUnits } from "./true-margin.js";
import type { Baseline } from "./types.js";

/** The old greedy oracle (one campaign per category, truth-informed), now governed like the rest. */
export const greedyOracle: Baseline = {
  name: "oracle",
  knowsTruth: true,
  decide: (ctx) => {
    const all = [...ctx.history, ...ctx.own];
    return oracleDecide(ctx.world, ctx.week, all, ctx.scope, ctx.policy).filter((c) =>
      ctx.governor.admits(c, all, trueUnits(ctx.world, c, [...all, c])),
    );
  },
};
