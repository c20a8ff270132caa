import type { Command } from "commander";
import { guardError } from "../guard.js";
import { recommendTuning } from "../../pilot/index.js";
import { defaultPolicyPath, loadPolicy } from "../../policies/index.js";
import { withCommon, withDb, type CommonOptions } from "../context.js";
import { printJson, processOutput, table, type Output } from "../output.js";

/** Adds `tune`: recommendations from the accuracy record, and a proposed policy diff (never applied). */
export function registerTuneCommand(program: Command, o: Output = processOutput): void {
  withCommon(
    program
      .command("tune")
      .description(
        "recommend perception and autonomy changes from the accuracy record; prints a proposed policy diff, applies nothing",
      ),
  )
    .option("--policy <file>", "policy file to propose changes to (default: the shipped one)")
    .action(async function (this: Command, f: CommonOptions & { policy?: string }) {
      try {
        const file = f.policy ?? defaultPolicyPath();
        const report = await withDb(f, (db) => recommendTuning(db, loadPolicy(file).policy, file));
        if (f.json) return printJson(o, report);
        const p = (x: number | null) => (x === null ? "–" : `${(100 * x).toFixed(0)} %`);
        o.out(
          table(
            [
              "area",
              "subject",
              "action",
              "settled",
              "units error",
              "margin error",
              "in interval",
              "change",
            ],
            report.recommendations.map((r) => [
              r.area,
              r.subject,
              r.action,
              r.evidence.settled,
              p(r.evidence.unitsMape),
              p(r.evidence.marginMape),
              p(r.evidence.hitRate),
              r.change,
            ]),
          ),
        );
        o.out(report.policyDiff || "no policy change proposed");
      } catch (e) {
        guardError(this, e);
      }
    });
}
