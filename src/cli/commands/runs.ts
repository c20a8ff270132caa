import type { Command } from "commander";
import { abandonRun, listUnfinishedRuns } from "../../graph/index.js";
import { openDb, resolveDbPath } from "../../store/index.js";
import { withCommon, withPolicyAndClock } from "../context.js";
import { printJson, table, type Output } from "../output.js";
import { withRun, type RunOpts } from "./run.js";
import { guardData } from "../guard.js";

interface AbandonOpts extends RunOpts {
  by: string;
  reason: string;
}

/** Adds `runs` (the unfinished runs) and `runs abandon <id>` (recorded in the decision log). */
export function registerRunsCommand(program: Command, o: Output): void {
  const runs = withCommon(
    program
      .command("runs")
      .description(
        "list runs a stop, crash or failure left unfinished (the next run resumes them)",
      ),
  ).action(function (this: Command, opts: RunOpts) {
    const db = openDb(resolveDbPath(opts.db));
    try {
      const open = listUnfinishedRuns(db);
      if (opts.json) return printJson(o, open);
      if (open.length === 0) return o.out("no unfinished runs");
      o.out(
        table(
          ["run", "scope", "status", "checkpoints"],
          open.map((r) => [
            r.id,
            `${r.category ?? "?"}/${r.market ?? "?"}`,
            r.status ?? "not decided",
            r.checkpoints,
          ]),
        ),
      );
      o.out(
        "'autopromo runs abandon <run> --reason …' records one as failed; the next run passes it by.",
      );
    } finally {
      db.close();
    }
  });
  withPolicyAndClock(
    runs
      .command("abandon <run>")
      .description(
        "give up an unfinished run: its decision is recorded as failed, with who and why",
      ),
  )
    .option("--by <name>", "who abandons it", process.env.USER ?? "cli")
    .requiredOption("--reason <text>", "why (kept in the decision record)")
    .action(async function (this: Command, id: string, own: AbandonOpts) {
      // `runs` has --db and --json too: commander gives them to the parent when both define them.
      const opts = {
        ...this.optsWithGlobals<AbandonOpts>(),
        ...Object.fromEntries(Object.entries(own).filter(([, v]) => v !== undefined)),
      } as AbandonOpts;
      await guardData(this, async () => {
        const r = await withRun(opts, (ctx) =>
          abandonRun(ctx, id, { by: opts.by, reason: opts.reason }),
        );
        if (opts.json) return printJson(o, r);
        o.out(`${r.id}: ${r.status} — ${r.outcome.reason}`);
      });
    });
}
