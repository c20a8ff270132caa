import type { Command } from "commander";
import { loadPolicy } from "../../policies/index.js";
import { compareShadow } from "../../shadow/index.js";
import { withCommon, withDb, type CommonOptions } from "../context.js";
import { printJson, type Output } from "../output.js";
import { registerShadowPilot } from "./shadow-pilot.js";
import { renderShadowReport } from "./shadow-render.js";

interface ShadowFlags extends CommonOptions {
  policy?: string;
}

/** `autopromo shadow report` and `shadow pilot`: the system's plans beside the planners'. */
export function registerShadowCommand(program: Command, o: Output): void {
  const shadow = program
    .command("shadow")
    .description("shadow mode: the system's plans beside the planners' calendar");
  withCommon(
    shadow
      .command("report")
      .description(
        "agreement, differences and the margin difference with 90 % intervals, per category and market",
      ),
  )
    .option(
      "--policy <file>",
      "policy whose shadow.minSettledWeeks applies (default: the shipped one)",
    )
    .action(async (f: ShadowFlags) => {
      const policy = loadPolicy(f.policy).policy;
      const report = await withDb(f, (db) =>
        compareShadow(db, { minSettledWeeks: policy.shadow.minSettledWeeks }),
      );
      if (f.json) return printJson(o, report);
      o.out(renderShadowReport(report));
    });
  registerShadowPilot(shadow, o);
}
