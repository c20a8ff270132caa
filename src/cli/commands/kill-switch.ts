import type { Command } from "commander";
import { failWith } from "../guard.js";
import { killSwitchState, setKillSwitch } from "../../policies/index.js";
import { systemClock } from "../../domain/index.js";
import { withCommon, withDb } from "../context.js";
import { printJson, processOutput, type Output } from "../output.js";

interface Opts {
  db?: string;
  json?: boolean;
  by?: string;
  reason?: string;
}

/** One line saying what the switch does now, and who set it and why. */
export function describeKillSwitch(k: ReturnType<typeof killSwitchState>): string {
  const state = k.on
    ? "ON: autonomous launches are held and every decision escalates"
    : "off: autonomy active";
  return `kill switch ${state}${k.at ? ` (set ${k.at} by ${k.by}: ${k.reason})` : ""}`;
}

/**
 * Adds `kill-switch on|off|status`: the global stop for autonomous execution, as
 * `POST /autonomy/kill-switch` and the dashboard's button do, recorded with who and why. Whoever
 * can write the database file is trusted with it, as with `token create`.
 */
export function registerKillSwitchCommand(program: Command, o: Output = processOutput): void {
  const ks = program
    .command("kill-switch")
    .description(
      "stop (on) or restore (off) autonomous execution; every change is recorded with who and why",
    );
  for (const on of [true, false]) {
    withCommon(
      ks
        .command(on ? "on" : "off")
        .description(
          on
            ? "hold every autonomous launch; decisions escalate to people"
            : "let the policy allow autonomous launches again",
        ),
    )
      .option("--by <name>", "who you are (recorded)", process.env.USER ?? "cli")
      .requiredOption("--reason <text>", "why (recorded)")
      .action(async function (this: Command, opts: Opts) {
        const by = opts.by?.trim();
        const reason = opts.reason?.trim();
        if (!by) failWith(this, "error: --by: a name is required");
        if (!reason) failWith(this, "error: --reason: a reason is required");
        const state = await withDb(opts, (db) =>
          setKillSwitch(db, on, by!, reason!, systemClock()),
        );
        if (opts.json) return printJson(o, state);
        o.out(describeKillSwitch(state));
      });
  }
  withCommon(
    ks.command("status").description("the kill switch's state, who set it and why"),
  ).action(async (opts: Opts) => {
    const state = await withDb(opts, (db) => killSwitchState(db));
    if (opts.json) return printJson(o, state);
    o.out(describeKillSwitch(state));
  });
}
