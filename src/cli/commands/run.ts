import type { Command } from "commander";
import { guardError } from "../guard.js";
import { createAdapters, deliverPending, httpConfigFromEnv } from "../../channels/index.js";
import {
  answerApproval,
  resumeUnfinishedRuns,
  runCycleInWorkers,
  createPromotionGraph,
  explainDecision,
  getDecision,
  GraphError,
  listDecisions,
  replayDecision,
  whatIfDecision,
  whatIfSchema,
  runCycle,
  runScope,
  type RunContext,
} from "../../graph/index.js";
import { createReasonerFromEnv } from "../../llm/index.js";
import { runOnEvents } from "../../triggers/index.js";
import { loadPolicy, PolicyError } from "../../policies/index.js";
import { fixedClock, systemClock, type Clock } from "../../domain/index.js";
import { openDb, resolveDbPath, startWalCheckpointer } from "../../store/index.js";
import { progress } from "../progress.js";
import { printJson, processOutput, table, wrap, WIDTH, type Output } from "../output.js";
import { dataEndNote } from "../data-horizon.js";
import { renderRunSummary } from "./run-summary.js";
import { runCycleOnQueue } from "./queue-cycle.js";
import { withPolicyAndClock } from "../context.js";
import { renderWhatIf } from "./what-if-summary.js";
import { existsSync, readFileSync } from "node:fs";
import { answerEdit, editRequestOf, type EditAnswer } from "./approve-edit.js";

/** Answers an edit's approval request when `id` names one; null when it names a decision. */
function editAnswer(opts: RunOpts, id: string, answer: EditAnswer) {
  const db = openDb(resolveDbPath(opts.db));
  try {
    const edit = editRequestOf(db, id);
    return edit
      ? answerEdit(db, edit, answer, { policy: loadPolicy(opts.policy), clock: runClock(opts) })
      : null;
  } finally {
    db.close();
  }
}

export interface RunOpts {
  whatIf?: string;
  workers?: number;
  db?: string;
  json?: boolean;
  policy?: string;
  now?: string;
  asOf?: string;
  category?: string;
  market?: string;
  events?: boolean;
  shadow?: boolean;
  as?: string;
  comment?: string;
  approver?: string;
  queue?: boolean;
  databaseUrl?: string;
  queueTimeout?: number;
  queueSchema?: string;
}

/**
 * The run's "now": --now (or --as-of), else the wall clock. Never the data's latest date: a
 * future-dated row must not move the plans (DESIGN: the clock is the clock).
 */
export function runClock(opts: { now?: string; asOf?: string } = {}): Clock {
  const given = opts.now ?? opts.asOf;
  if (given === undefined) return systemClock();
  // An --as-of date means noon UTC that day: the same calendar day in every market's zone.
  const bareDate = opts.now === undefined && /^\d{4}-\d{2}-\d{2}$/.test(given);
  const iso = bareDate ? `${given}T12:00:00Z` : given;
  const c = fixedClock(iso);
  if (Number.isNaN(c.now().getTime()))
    throw new PolicyError("INVALID_INPUT", `--now: not a date/time: ${given}`);
  return c;
}

/** Executed decisions sit in the outbox until delivered: the CLI delivers right after its runs (sandbox channels unless configured). */
export async function deliverQueued(ctx: RunContext, o: Output, quiet: boolean): Promise<void> {
  const r = await deliverPending(
    ctx.db,
    createAdapters({ http: httpConfigFromEnv(), clock: ctx.clock }),
    ctx.clock,
  );
  if (!quiet && r.delivered + r.retrying + r.failed + r.held > 0)
    o.err(
      `channels: delivered ${r.delivered}, retrying ${r.retrying}, failed ${r.failed}, held by the kill switch ${r.held}; ${liveNow(r.wentLive)}`,
    );
}

/** Names the campaigns that went live, or counts them when there are many. */
function liveNow(ids: readonly string[]): string {
  if (ids.length === 0) return "none went live";
  return ids.length <= 3
    ? `live now: ${ids.join(", ")}`
    : `${ids.length} campaigns went live (autopromo campaigns list)`;
}

/** Opens the database, builds the graph on the run's clock and policy, runs `fn`, and closes everything. */
export async function withRun<T>(opts: RunOpts, fn: (ctx: RunContext) => Promise<T>): Promise<T> {
  const db = openDb(resolveDbPath(opts.db));
  const walCheckpoints = startWalCheckpointer(db);
  try {
    const clock = runClock(opts);
    const reasoner = createReasonerFromEnv(process.env);
    const graph = createPromotionGraph({
      db,
      clock,
      policy: loadPolicy(opts.policy),
      lightRunContext: true,
      reasoner,
      shadow: opts.shadow === true,
    });
    return await fn({ graph, db, clock });
  } finally {
    await walCheckpoints.stop();
    db.close();
  }
}

const common = withPolicyAndClock;

function guard(cmd: Command, e: unknown): never {
  guardError(cmd, e);
}

/** Adds run, decisions, explain, approve, reject and replay. */
export function registerRunCommands(program: Command, o: Output = processOutput): void {
  common(
    program
      .command("run")
      .description(
        "run the promotion graph: one scope, a cycle over every scope, or the inventory's excess-stock events",
      ),
  )
    .option("--category <c>", "category")
    .option("--market <m>", "market")
    .option("--events", "start runs only where the inventory agent raises excess stock")
    .option("--workers <n>", "run a cycle's scopes on this many threads (default 1)", (v) =>
      Number.parseInt(v, 10),
    )
    .option(
      "--shadow",
      "plan as usual but launch nothing; record each plan beside the planners' calendar",
    )
    .option("--queue", "put the cycle's scopes on the job queue; `autopromo worker`s run them")
    .option("--database-url <url>", "the queue's PostgreSQL (env AUTOPROMO_DATABASE_URL)")
    .option("--queue-timeout <s>", "with --queue: give up waiting after this long", (v) =>
      Number.parseInt(v, 10),
    )
    .option("--queue-schema <name>", "with --queue: pg-boss's schema (default pgboss)")
    .action(async function (this: Command, opts: RunOpts) {
      try {
        const bar = progress("planning", "scopes", { out: o, quiet: !!opts.json });
        const onScope = (done: number, total: number) =>
          done === 0 ? bar.start(total) : bar.update(done);
        const filter = {
          ...(opts.category ? { category: opts.category } : {}),
          ...(opts.market ? { market: opts.market } : {}),
        };
        const { results, records, failedJobs } = await withRun(opts, async (ctx) => {
          const note = dataEndNote(ctx.db, ctx.clock);
          if (note) o.err(wrap(note, WIDTH, "  "));
          // A run a crash cut short is finished first; runs another process holds (the service's
          // live ones) are left to it, and a run that cannot be resumed is named, not fatal.
          try {
            const resumed = await resumeUnfinishedRuns(ctx);
            if (resumed.length > 0 && !opts.json)
              o.err(`resumed ${resumed.length} run(s) left unfinished by an earlier stop`);
          } catch (e) {
            o.err(`warning: ${(e as Error).message}; planning goes on`);
          }
          let failedJobs: string[] = [];
          const results = opts.events
            ? await runOnEvents(ctx)
            : opts.queue
              ? await runCycleOnQueue(
                  ctx,
                  {
                    filter,
                    onScope,
                    shadow: opts.shadow === true,
                    quiet: !!opts.json,
                    ...(opts.databaseUrl ? { databaseUrl: opts.databaseUrl } : {}),
                    ...(opts.policy ? { policyPath: opts.policy } : {}),
                    ...(opts.queueTimeout ? { timeoutSeconds: opts.queueTimeout } : {}),
                    ...(opts.queueSchema ? { queueSchema: opts.queueSchema } : {}),
                  },
                  o,
                ).then((r) => ((failedJobs = r.failed), r.results))
              : opts.category && opts.market
                ? [await runScope(ctx, { category: opts.category, market: opts.market })]
                : (opts.workers ?? 1) > 1
                  ? (
                      await runCycleInWorkers({
                        dbPath: ctx.db.name,
                        now: ctx.clock.now().toISOString(),
                        workers: opts.workers!,
                        filter,
                        onScope,
                        shadow: opts.shadow === true,
                        ...(opts.policy ? { policyPath: opts.policy } : {}),
                      })
                    ).results
                  : await runCycle(ctx, filter, onScope);
          bar.stop();
          await deliverQueued(ctx, o, !!opts.json);
          const records = results.map((r) => getDecision(ctx.db, r.decisionId));
          return { results, records, failedJobs };
        });
        if (opts.json) printJson(o, results);
        else o.out(renderRunSummary(records));
        if (failedJobs.length > 0)
          throw new GraphError(
            "RUN_FAILED",
            `${failedJobs.length} scope job(s) failed after every retry: ${failedJobs.join("; ")}`,
          );
      } catch (e) {
        guard(this, e);
      }
    });

  common(program.command("decisions").description("list decision records, newest first")).action(
    async function (this: Command, opts: RunOpts) {
      const db = openDb(resolveDbPath(opts.db));
      try {
        const all = listDecisions(db);
        if (opts.json) return printJson(o, all);
        // The id names the scope and must stay whole to be copied: the other columns give way.
        const idWidth = Math.min(52, 2 + Math.max(8, ...all.map((r) => r.id.length)));
        o.out(
          table(
            ["decision", "status", "verdict", "margin"],
            all.map((r) => [
              r.id,
              r.status.replace(/_/g, " "),
              r.policy?.verdict ?? "",
              r.chosen ? Math.round(r.chosen.prediction.incrementalMargin) : "",
            ]),
            [idWidth, 20, 10, 10],
          ),
        );
      } finally {
        db.close();
      }
    },
  );

  common(
    program
      .command("explain <id>")
      .description("a decision in plain language, with its numbers and the best alternative"),
  ).action(async function (this: Command, id: string, opts: RunOpts) {
    const db = openDb(resolveDbPath(opts.db));
    try {
      const r = getDecision(db, id);
      if (opts.json) return printJson(o, { id: r.id, explanation: explainDecision(r), record: r });
      // Prose for a terminal: each statement on its own lines, none wider than the tables.
      o.out(
        explainDecision(r)
          .split("\n")
          .map((l) => wrap(l, WIDTH, "  "))
          .join("\n"),
      );
    } catch (e) {
      guard(this, e);
    } finally {
      db.close();
    }
  });

  for (const decision of ["approve", "reject"] as const) {
    common(
      program
        .command(`${decision} <id>`)
        .description(
          `${decision} an escalated decision (and resume its run) or a campaign edit's approval request (its id or edit-<n>)`,
        ),
    )
      .requiredOption("--as <role>", "your approver role")
      .option("--approver <name>", "your name", process.env.USER ?? "cli")
      .option("--comment <text>", "why", `${decision}d from the CLI`)
      .action(async function (this: Command, id: string, opts: RunOpts) {
        try {
          const answer = {
            role: opts.as!,
            approver: opts.approver ?? "cli",
            decision,
            comment: opts.comment ?? decision,
          };
          // An edit's approval request (or edit-<n>) has no run to resume: the vote goes to the request.
          const edit = editAnswer(opts, id, answer);
          if (edit) {
            if (opts.json) return printJson(o, edit);
            return o.out(
              `${id}: ${edit.status.request.status}${edit.applied.length ? ` — edit #${edit.applied[0]!.id} ${edit.applied[0]!.status}` : ""}`,
            );
          }
          const r = await withRun(opts, async (ctx) => {
            const res = await answerApproval(ctx, id, {
              role: opts.as!,
              approver: opts.approver ?? "cli",
              decision,
              comment: opts.comment ?? decision,
            });
            await deliverQueued(ctx, o, !!opts.json);
            return res;
          });
          if (opts.json) return printJson(o, r);
          o.out(`${r.decisionId}: ${r.status}`);
        } catch (e) {
          guard(this, e);
        }
      });
  }

  common(
    program
      .command("replay <id>")
      .description(
        "rebuild a decision's run from its checkpoint history; --what-if re-plans it with changed inputs",
      ),
  )
    .option(
      "--what-if <json|file>",
      'changed inputs, e.g. \'{"demandFactor":0.8,"stockFactor":0.5,"unitCostFactor":1.1,"limits":{"maxDepthPct":20}}\'',
    )
    .action(async function (this: Command, id: string, opts: RunOpts) {
      try {
        if (opts.whatIf !== undefined) {
          const changes = readWhatIf(opts.whatIf);
          const rep = await withRun(opts, (ctx) =>
            whatIfDecision(
              ctx.graph,
              {
                db: ctx.db,
                policy: loadPolicy(opts.policy),
                reasoner: createReasonerFromEnv(process.env),
              },
              id,
              changes,
            ),
          );
          if (opts.json) return printJson(o, rep);
          return o.out(renderWhatIf(rep));
        }
        const rep = await withRun(opts, (ctx) => replayDecision(ctx.graph, ctx.db, id));
        if (opts.json)
          return printJson(o, {
            decisionId: rep.decisionId,
            steps: rep.steps,
            recordMatches: rep.recordMatches,
          });
        o.out(
          table(
            ["step", "checkpoint", "next", "status", "attempt", "verdict", "chosen"],
            rep.steps.map((s) => [
              s.step,
              s.checkpointId,
              s.next.join(", "),
              s.status,
              s.attempt,
              s.verdict,
              s.chosen,
            ]),
          ),
        );
        o.out(
          rep.recordMatches
            ? "the checkpoint history agrees with the decision record"
            : "WARNING: the checkpoint history differs from the decision record",
        );
      } catch (e) {
        guard(this, e);
      }
    });
}

/** --what-if takes inline JSON or a path to a JSON file; either is validated field by field. */
function readWhatIf(arg: string) {
  const text = arg.trim().startsWith("{")
    ? arg
    : existsSync(arg)
      ? readFileSync(arg, "utf8")
      : null;
  if (text === null)
    throw new GraphError("INVALID_INPUT", `--what-if: neither JSON nor an existing file: ${arg}`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new GraphError("INVALID_INPUT", `--what-if: not valid JSON (${(e as Error).message})`);
  }
  const parsed = whatIfSchema.safeParse(raw);
  if (!parsed.success)
    throw new GraphError(
      "INVALID_INPUT",
      `--what-if: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`,
    );
  return parsed.data;
}
