import type { Command } from "commander";
import { failWith } from "../guard.js";
import { progress } from "../progress.js";
import type { DeliveryReport } from "../../channels/index.js";
import { getDecision } from "../../graph/index.js";
import {
  ensureDemoMarket,
  parseDuration,
  startService,
  type CycleReport,
  type RunningService,
  type ServiceNote,
} from "../../server/index.js";
import { resolveDbPath } from "../../store/index.js";
import { withDb } from "../context.js";
import { processOutput, wrap, WIDTH, type Output } from "../output.js";
import { renderRunSummary } from "./run-summary.js";

interface StartOpts {
  now?: string;
  shadow?: boolean;
  db?: string;
  demo?: boolean;
  seed: number;
  port: string;
  host: string;
  policy?: string;
  every: string;
  deliverEvery: string;
  firstCycle: boolean;
  signalRuns: boolean;
  grace: string;
}

const time = () => new Date().toISOString().slice(11, 19);
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** One line per thing the running service did, for the terminal it runs in. */
export function describeNote(n: ServiceNote): string | null {
  if (n.kind === "cycle") {
    const o = n.outcome;
    if (o.kind === "skipped") return `${time()} cycle skipped: ${o.reason}`;
    if (o.kind === "failed")
      return `${time()} cycle failed: ${o.error instanceof Error ? o.error.message : String(o.error)}`;
    return `${time()} cycle: ${cycleLine(o.result)}`;
  }
  if (n.kind === "signal_run") {
    const what = n.result
      ? `${n.result.status.replace(/_/g, " ")} (${n.result.decisionId})`
      : `failed: ${n.error}`;
    return `${time()} ${n.trigger} → ${n.scope.category}/${n.scope.market}: ${what} in ${secs(n.ms)}`;
  }
  if (n.kind === "delivery") {
    const r = n.report;
    const parts = [
      r.wentLive.length ? `live: ${r.wentLive.join(", ")}` : "",
      r.retrying ? `${r.retrying} retrying` : "",
      r.failed ? `${r.failed} failed` : "",
      r.rolledBack.length ? `rolled back: ${r.rolledBack.join(", ")}` : "",
    ];
    return `${time()} delivery: ${r.delivered} sent${parts
      .filter(Boolean)
      .map((p) => `; ${p}`)
      .join("")}`;
  }
  if (n.kind === "monitor") {
    const r = n.report;
    return `${time()} monitoring: ${r.checks.length} campaigns checked; paused ${r.paused.join(", ") || "none"}; ended ${r.ended.join(", ") || "none"}; ${r.escalations.length} escalated`;
  }
  if (n.kind === "resumed")
    return `${time()} resumed ${n.results.length} run(s) a stop left unfinished: ${n.results.map((r) => `${r.decisionId} → ${r.status.replace(/_/g, " ")}`).join(", ")}`;
  return `${time()} ${n.where} error: ${n.error}`;
}

function cycleLine(r: CycleReport): string {
  const count = (s: string) => r.results.filter((x) => x.status === s).length;
  const failed = r.failed.length
    ? `, ${r.failed.length} failed (${r.failed.map((f) => `${f.scope.category}/${f.scope.market}: ${f.error}`).join("; ")})`
    : "";
  const skipped = r.skipped.length ? `, ${r.skipped.length} already acted on this week` : "";
  return `${r.results.length} scopes in ${secs(r.ms)}: ${count("executed")} executed, ${count("awaiting_approval")} awaiting approval, ${r.results.filter((x) => x.status.startsWith("block")).length} blocked${skipped}${failed}${r.aborted ? " (stopped early)" : ""}`;
}

/** Adds `start`: the service — demo market, first cycle with its summary, API and dashboard, schedule, signals, delivery. */
export function registerStartCommand(program: Command, o: Output = processOutput): void {
  program
    .command("start")
    .description(
      "run the service: a first autonomous cycle, then the API and dashboard, cycles on a schedule, runs on signals, background delivery",
    )
    .option("--db <path>", "SQLite database file (env AUTOPROMO_DB, default ./autopromo.db)")
    .option("--demo", "load the seeded demo market first (skipped when it is already loaded)")
    .option("--seed <n>", "demo seed", (v) => Number.parseInt(v, 10), 1)
    .option("--port <n>", "port (0 picks a free one)", "8787")
    .option("--host <addr>", "address to listen on", "127.0.0.1")
    .option("--policy <file>", "policy file (default: the shipped policies/default.yaml)")
    .option("--now <iso>", "plan and monitor as of this instant (default: the wall clock)")
    .option(
      "--every <interval>",
      "autonomous cycle interval, e.g. 15m, 1h, 30s; off = no schedule",
      "15m",
    )
    .option(
      "--deliver-every <interval>",
      "outbox delivery interval; off = no background delivery",
      "2s",
    )
    .option(
      "--grace <interval>",
      "on Ctrl+C, how long the run in progress may take to finish",
      "30s",
    )
    .option("--no-first-cycle", "start serving without running a cycle first")
    .option(
      "--shadow",
      "plan every scope but launch nothing; each plan is recorded beside the planners' calendar",
    )
    .option("--no-signal-runs", "store signals without running the scopes they touch")
    .action(async function (this: Command, opts: StartOpts) {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        failWith(this, `error: --port: not a port: ${opts.port}`);
      const everyMs = parseDuration(opts.every, "--every");
      const deliverEveryMs = parseDuration(opts.deliverEvery, "--deliver-every");
      const graceMs = parseDuration(opts.grace, "--grace");
      const dbPath = resolveDbPath(opts.db);
      if (opts.demo) {
        o.err(
          wrap(
            `loading the demo market into ${dbPath} (two years of signals; about 30 s the first time)…`,
            WIDTH,
            "  ",
          ),
        );
        const demo = await withDb(opts, (db) =>
          ensureDemoMarket(db, opts.seed, (opts.now ?? new Date().toISOString()).slice(0, 10)),
        );
        o.out(
          wrap(
            demo.loaded
              ? `demo market loaded into ${dbPath}: ${demo.stored.toLocaleString("en-US")} new records`
              : `demo market already in ${dbPath}`,
            WIDTH,
            "  ",
          ),
        );
        o.out(
          wrap(
            `planted situations for the agents to find: ${demo.planted.join(", ")}`,
            WIDTH,
            "  ",
          ),
        );
      }
      const bar = progress("first cycle", "scopes", { out: o });
      let firstCycle = opts.firstCycle;
      const held: DeliveryReport[] = [];
      let service: RunningService;
      try {
        service = await startService({
          dbPath,
          port,
          hostname: opts.host,
          cycleEveryMs: everyMs,
          deliverEveryMs,
          graceMs,
          signalRuns: opts.signalRuns,
          ...(opts.policy ? { policyPath: opts.policy } : {}),
          ...(opts.now ? { now: opts.now } : {}),
          ...(opts.shadow ? { shadow: true } : {}),
          onCycleProgress: (done, total) =>
            void (firstCycle && (done === 0 ? bar.start(total) : bar.update(done))),
          onNote: (n) => {
            if (firstCycle && n.kind === "cycle") return; // the summary table says it
            if (firstCycle && n.kind === "delivery") return void held.push(n.report); // one line after the table
            const line = describeNote(n);
            if (line) o.out(line);
          },
        });
      } catch (e) {
        if ((e as { code?: string }).code === "EADDRINUSE")
          failWith(
            this,
            `error: port ${port} on ${opts.host} is in use (another autopromo?); stop it or pass --port 0`,
          );
        throw e;
      }
      if (firstCycle) {
        const report = await service.runCycle();
        bar.stop();
        firstCycle = false;
        o.out(renderRunSummary(report.results.map((r) => getDecision(service.db, r.decisionId))));
        for (const f of report.failed)
          o.out(wrap(`failed: ${f.scope.category}/${f.scope.market}: ${f.error}`, WIDTH, "  "));
        if (report.skipped.length) {
          const which = report.skipped
            .map((k) => `${k.scope.category}/${k.scope.market}`)
            .join(", ");
          o.out(
            wrap(
              `not planned again: ${report.skipped.length} scope(s) a cycle launched in within the last 7 days (${which}); signals and events still act at once`,
              WIDTH,
              "  ",
            ),
          );
        }
        const live = held.flatMap((r) => r.wentLive);
        const failing = held.reduce((n, r) => n + r.failed + r.retrying, 0);
        if (live.length || failing)
          o.out(
            `delivery so far: ${live.length} campaign(s) live in their channels${failing ? `, ${failing} delivery attempt(s) failing (see the dashboard)` : ""}`,
          );
      }
      o.out("");
      o.out(`autopromo is running: dashboard and API on ${service.url}`);
      o.out(`  (OpenAPI: ${service.url}/openapi.json)`);
      if (service.firstAdminToken) {
        // Shown once, to this terminal only: only its sha256 is stored.
        o.out(
          `First start: an admin token for this machine (keep it; it is not shown again):\n  ${service.firstAdminToken}`,
        );
      } else {
        o.out(
          "Admin token: created on the first start and not shown again; for a fresh one:\n  npx autopromo token create --role admin --name <you>",
        );
      }
      o.out(
        wrap(
          `${everyMs ? `Autonomous cycle every ${opts.every}` : "No scheduled cycles (--every off)"}; ` +
            `${opts.signalRuns ? "POST /signals/<kind> runs the scopes it touches" : "signals are stored only"}; ` +
            `${deliverEveryMs ? `outbox delivered every ${opts.deliverEvery}` : "no background delivery"}. Ctrl+C stops it gracefully.`,
          WIDTH,
        ),
      );
      service.startSchedule();

      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) {
          o.err(`${signal} again: exiting now; the run in progress stays at its last checkpoint`);
          process.exit(130);
        }
        stopping = true;
        o.out(
          `${time()} ${signal}: stopping — no new cycles or signal runs; finishing the run in progress (up to ${opts.grace})…`,
        );
        void service.close().then((r) => {
          if (r.abandoned)
            o.out(
              `abandoned the run for ${r.abandoned.category}/${r.abandoned.market} at its last checkpoint; the next cycle plans it again`,
            );
          if (r.dropped)
            o.out(`${r.dropped} queued run(s) dropped; the next cycle plans those scopes again`);
          o.out(`${time()} stopped`);
          process.exit(0);
        });
      };
      process.on("SIGINT", () => stop("SIGINT"));
      process.on("SIGTERM", () => stop("SIGTERM"));
    });
}
