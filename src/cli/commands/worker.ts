import type { Command } from "commander";
import { resolveDbPath } from "../../store/index.js";
import { withCommon } from "../context.js";
import { guardData } from "../guard.js";
import { printJson, type Output } from "../output.js";

/** The `worker` command's options. */
export interface WorkerOpts {
  db?: string;
  json?: boolean;
  databaseUrl?: string;
  concurrency?: number;
  expireSeconds?: number;
  queueSchema?: string;
  quiet?: boolean;
}

const int = (v: string) => Number.parseInt(v, 10);

/** Adds `worker`: take scope jobs from the queue until SIGTERM or SIGINT. */
export function registerWorkerCommand(program: Command, o: Output): void {
  withCommon(
    program
      .command("worker")
      .description(
        "take the scopes of cycles from the job queue (pg-boss on PostgreSQL) and run them " +
          "against the SQLite file; SIGTERM finishes the scope in hand, then exits",
      ),
  )
    .option("--database-url <url>", "the queue's PostgreSQL (env AUTOPROMO_DATABASE_URL)")
    .option("--concurrency <n>", "scopes at once, each on its own connection (default 1)", int)
    .option(
      "--expire-seconds <s>",
      "a job without a heartbeat this long is retried (default 60)",
      int,
    )
    .option("--queue-schema <name>", "pg-boss's schema (default pgboss)")
    .option("--quiet", "no line per scope")
    .action(async function (this: Command, opts: WorkerOpts) {
      await guardData(this, async () => {
        const { databaseUrlFrom, openScopeQueue, QueueError, redactUrl, runScopeWorker } =
          await import("../../queue/index.js");
        const url = databaseUrlFrom(opts.databaseUrl);
        const concurrency = opts.concurrency ?? 1;
        if (!Number.isInteger(concurrency) || concurrency < 1)
          throw new QueueError(
            "INVALID_OPTION",
            `--concurrency: expected a whole number ≥ 1, got ${String(opts.concurrency)}`,
          );
        const queue = await openScopeQueue({
          url,
          ...(opts.queueSchema ? { schema: opts.queueSchema } : {}),
          ...(opts.expireSeconds ? { expireInSeconds: opts.expireSeconds } : {}),
          onError: (e) => o.err(`queue: ${e.message}`),
        });
        const stop = new AbortController();
        const onSignal = (sig: string) => () => {
          if (!opts.json) o.err(`${sig}: finishing the scope in hand, then stopping`);
          stop.abort();
        };
        const onTerm = onSignal("SIGTERM");
        const onInt = onSignal("SIGINT");
        process.once("SIGTERM", onTerm);
        process.once("SIGINT", onInt);
        const dbPath = resolveDbPath(opts.db);
        if (!opts.json)
          o.err(`worker ${process.pid}: ${dbPath}, queue ${queue.name} on ${redactUrl(url)}`);
        try {
          const report = await runScopeWorker({
            queue,
            dbPath,
            concurrency,
            signal: stop.signal,
            onJob: (j) => {
              if (opts.quiet || opts.json) return;
              const scope = j.job ? `${j.job.scope.category} / ${j.job.scope.market}` : j.jobId;
              const what =
                j.outcome && "status" in j.outcome ? j.outcome.status : `failed: ${j.error}`;
              o.err(`${scope}: ${j.ended === "completed" ? what : `retry later (${j.error})`}`);
            },
          });
          if (opts.json) printJson(o, report);
          else o.err(`worker stopped: ${report.completed} completed, ${report.failed} failed`);
        } finally {
          process.off("SIGTERM", onTerm);
          process.off("SIGINT", onInt);
          await queue.stop();
        }
      });
    });
}
