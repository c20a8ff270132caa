import type { ChannelAdapters, DeliveryReport } from "../../channels/index.js";
import {
  createPromotionGraph,
  resumeUnfinishedRuns,
  runScope,
  type PromotionGraph,
  type RunResult,
} from "../../graph/index.js";
import { sqliteCheckpointer } from "../../checkpoint/index.js";
import { createReasonerFromEnv, type Reasoner } from "../../llm/index.js";
import { monitorCampaigns, type MonitorReport } from "../../monitoring/index.js";
import { loadPolicy, type LoadedPolicy } from "../../policies/index.js";
import { systemClock, type Clock } from "../../domain/index.js";
import { redactSecrets } from "../../redact.js";
import { openDb, startWalCheckpointer, type Db } from "../../store/index.js";
import { createEventBus, type EventBus, type ServerEvent } from "../events.js";
import { langGraphPort } from "../graph/langgraph.js";
import { startServer, type RunningServer, type StartOptions } from "../start.js";
import { createDeliveryWorker } from "./delivery-worker.js";
import { createTableFeed } from "./feed.js";
import { planningClock } from "./planning-clock.js";
import {
  createCycleScheduler,
  createTriggers,
  createWorkQueue,
  eventTrigger,
  runScheduledCycle,
  type CycleReport,
  type IngestSummary,
  type Scope,
  type ScopeJob,
  type TickOutcome,
  type Timers,
  type Trigger,
} from "../../triggers/index.js";
import { createSalesWatch } from "./sales-watch.js";

/** What the service tells its operator (the CLI prints these lines; tests collect them). */
export type ServiceNote =
  | { kind: "cycle"; outcome: TickOutcome<CycleReport> }
  | {
      kind: "signal_run";
      scope: Scope;
      trigger: string;
      result?: RunResult;
      error?: string;
      ms: number;
    }
  | { kind: "delivery"; report: DeliveryReport }
  | { kind: "monitor"; report: MonitorReport }
  | { kind: "resumed"; results: RunResult[] }
  | { kind: "error"; where: string; error: string };

export interface ServiceOptions extends Omit<
  StartOptions,
  "db" | "events" | "graphPort" | "graph" | "clock" | "tableFeed"
> {
  /** Wall clock for tokens, audit and delivery; planning uses it too unless `now` is given. */
  clock?: Clock;
  /** Plan and monitor as of this instant (ISO) instead of the wall clock: `start --now`. */
  now?: string;
  /** Plan every scope in shadow mode, launching nothing: `start --shadow`. */
  shadow?: boolean;
  /** Milliseconds between autonomous cycles; 0 = no schedule (cycles only on runCycle()). */
  cycleEveryMs?: number;
  /** Milliseconds between outbox delivery passes (default 2 s); 0 = no background delivery. */
  deliverEveryMs?: number;
  /** Run the scopes a POST /signals touched (default true). */
  signalRuns?: boolean;
  /** On start, continue the graph runs a crash or kill left unfinished (default true). */
  resumeUnfinished?: boolean;
  /** How often the table feed looks for other processes' changes, and for sales they ingested (default 250 ms). */
  feedEveryMs?: number;
  /** On shutdown, how long to let the run in progress finish before abandoning it (default 30 s). */
  graceMs?: number;
  reasoner?: Reasoner;
  adapters?: ChannelAdapters;
  timers?: Timers;
  onNote?: (n: ServiceNote) => void;
  /** Progress of every cycle: 0 of total when it starts, then after each scope. */
  onCycleProgress?: (done: number, total: number) => void;
}

/** What shutdown did with the work in hand. */
export interface ShutdownReport {
  /** The scope whose run was still going when the grace period ended (left at its last checkpoint). */
  abandoned: Scope | null;
  /** Queued runs that never started (the next cycle plans those scopes again). */
  dropped: number;
}

/** The running service: the HTTP server plus its schedule, queue, feed and delivery. */
export interface RunningService extends Omit<RunningServer, "close"> {
  graph: PromotionGraph;
  planningClock: Clock;
  /** Runs a cycle now, or joins the one in progress (never two at once). */
  runCycle(): Promise<CycleReport>;
  /** Starts the schedule (the first tick one interval from now). */
  startSchedule(): void;
  /** Runs of one scope through the same queue as the cycles (as an event run). */
  runScopeNow(scope: Scope, reason: string): Promise<RunResult>;
  readonly stats: {
    cycles: { ran: number; skipped: number; failed: number };
    queued: number;
    busy: boolean;
  };
  /** Graceful shutdown: no new ticks, signals or runs; the run in progress finishes (or is abandoned after graceMs); deliveries settle. */
  close(): Promise<ShutdownReport>;
}

/**
 * The service's connection waits this long for a lock inside SQLite, on the thread that serves
 * HTTP; past it, runs and ingests wait on timers (retryWhileBusy, beginWrite) and requests that
 * write wait before they start (writableSoon), so another process's lock never stops the API.
 */
export const SERVICE_BUSY_TIMEOUT_MS = 50;

/** The ingest an `ingest` event announces (fields the route publishes; absent ones count 0). */
function ingestOf(data: Record<string, unknown>): IngestSummary {
  const n = (v: unknown) => (typeof v === "number" ? v : 0);
  return {
    ingestId: n(data.ingestId),
    kind: typeof data.kind === "string" ? data.kind : "?",
    stored: n(data.stored),
    corrected: n(data.corrected),
  };
}

/** An error as the operator's terminal shows it, minus any secret it may quote. */
const errorText = (e: unknown) => redactSecrets(e instanceof Error ? e.message : String(e));

/**
 * Starts the autopromo service on one database: the HTTP API and dashboard, the promotion graph
 * shared by HTTP runs, scheduled cycles and signal-triggered runs, a table feed that publishes
 * every decision, approval and campaign change (this process's or another's) on the live event
 * bus, and background outbox delivery.
 * @example const s = await startService({ dbPath: "autopromo.db", port: 8787, cycleEveryMs: 15 * 60_000 }); await s.runCycle(); s.startSchedule();
 */
export async function startService(o: ServiceOptions): Promise<RunningService> {
  const db: Db = openDb(o.dbPath, { busyTimeoutMs: SERVICE_BUSY_TIMEOUT_MS });
  try {
    return await assemble(db, o);
  } catch (e) {
    db.close();
    throw e;
  }
}

async function assemble(db: Db, o: ServiceOptions): Promise<RunningService> {
  const wall = o.clock ?? systemClock();
  const clock = planningClock(wall, o.now);
  const policy: LoadedPolicy = o.policy ?? loadPolicy(o.policyPath);
  const note = (n: ServiceNote) => o.onNote?.(n);
  let closing: Promise<ShutdownReport> | null = null;
  const checkpointer = sqliteCheckpointer(db, { yieldBeforeWrites: true });
  const walCheckpoints = startWalCheckpointer(db);
  const graph = createPromotionGraph({
    db,
    clock,
    policy,
    checkpointer,
    lightRunContext: true,
    shadow: o.shadow === true,
    reasoner: o.reasoner ?? createReasonerFromEnv(process.env),
  });
  const events: EventBus = createEventBus(wall);
  const feed = createTableFeed(db, events);
  const delivery = createDeliveryWorker({
    db,
    clock: wall,
    ...(o.adapters ? { adapters: o.adapters } : {}),
    everyMs: o.deliverEveryMs || 2_000,
    onPass: (report) => {
      feed.poll(); // campaigns that went live
      note({ kind: "delivery", report });
    },
    onError: (e) => note({ kind: "error", where: "delivery", error: errorText(e) }),
  });
  let current: Scope | null = null;
  const queue = createWorkQueue<RunResult>(
    async (job: ScopeJob) => {
      current = job.scope;
      try {
        // A scope already waiting on its approvers is planned again: the same plan joins its
        // pending request (the result is the waiting decision), a different one supersedes it.
        const result = await runScope({ graph, db, clock }, job.scope, job.trigger);
        if (result.status === "executed") delivery.kick();
        return result;
      } finally {
        current = null;
        feed.poll(); // the decision shows now, not at the next tick
      }
    },
    { restRatio: 0.5 },
  );

  async function cycle(signal: AbortSignal): Promise<CycleReport> {
    const t0 = performance.now();
    const report = await runScheduledCycle({
      db,
      clock,
      queue,
      signal,
      errorText,
      ...(o.onCycleProgress ? { onProgress: o.onCycleProgress } : {}),
    });
    // Campaigns end with the calendar, not only with new sales: every cycle also monitors.
    if (!report.aborted) monitorNow();
    report.ms = Math.round(performance.now() - t0);
    return report;
  }
  const scheduler = createCycleScheduler<CycleReport>({
    everyMs: o.cycleEveryMs || 1, // unused without startSchedule()
    cycle,
    ...(o.timers ? { timers: o.timers } : {}),
    onTick: (outcome) => note({ kind: "cycle", outcome }),
  });

  const runEvent = async ({ scope, reason, facts }: Trigger): Promise<RunResult> => {
    const t0 = performance.now();
    const ms = () => Math.round(performance.now() - t0);
    try {
      const result = await queue.submit({ scope, trigger: eventTrigger({ reason, facts }) });
      note({ kind: "signal_run", scope, trigger: reason, result, ms: ms() });
      return result;
    } catch (e) {
      note({ kind: "signal_run", scope, trigger: reason, error: errorText(e), ms: ms() });
      throw e;
    }
  };

  // Actuals arrive as sales: compare live campaigns with their forecasts (stop-loss), once per burst of ingests.
  const monitorNow = () => {
    if (closing) return;
    try {
      const report = monitorCampaigns(db, clock, policy);
      feed.poll(); // paused or ended campaigns
      if (
        report.paused.length ||
        report.ended.length ||
        report.stopped.length ||
        report.escalations.length
      )
        note({ kind: "monitor", report });
    } catch (e) {
      note({ kind: "error", where: "monitoring", error: errorText(e) });
    }
  };
  let monitorDue = false;
  const monitorSoon = () => {
    if (monitorDue) return;
    monitorDue = true;
    setImmediate(() => {
      monitorDue = false;
      monitorNow();
    });
  };
  // Sales another process ingested (`autopromo ingest sales`) are actuals too.
  const sales = createSalesWatch(db);
  const salesTimer = setInterval(() => {
    try {
      if (!sales.moved()) return;
      monitorSoon();
    } catch (e) {
      note({ kind: "error", where: "monitoring", error: errorText(e) });
    }
  }, o.feedEveryMs ?? 250);
  salesTimer.unref?.();

  const triggers = createTriggers({ db, clock });
  const onEvent = (e: ServerEvent) => {
    if (e.type === "ingest" && e.data.kind === "sales" && (e.data.stored || e.data.corrected)) {
      monitorSoon();
    }
    if (e.type === "ingest" && o.signalRuns !== false) {
      const ingest = ingestOf(e.data);
      // Other processes' ingests ride along: nothing else starts runs for them.
      const asked = triggers.triggersFor({
        kind: "ingest",
        via: "POST /signals",
        ingests: [ingest],
        alsoOthers: true,
      });
      for (const t of asked) void runEvent(t).catch(() => undefined); // noted above
    }
    // An approval answered over HTTP executes in the resumed run: send its launch now.
    if ((e.type === "decision" && e.data.status === "executed") || e.type === "campaign")
      delivery.kick();
  };
  const unsubscribe = events.subscribe(onEvent);

  if (o.resumeUnfinished !== false) {
    // Before listening: a run a crash cut short is finished (or re-paused at its approval) first.
    try {
      const results = await resumeUnfinishedRuns({ graph, db, clock });
      if (results.length) note({ kind: "resumed", results });
    } catch (e) {
      // The others were resumed; the failures are named, and serving goes on.
      note({ kind: "error", where: "resuming unfinished runs", error: errorText(e) });
    }
  }
  const port = langGraphPort({ db, clock, policy, graph });
  const server = await startServer({
    ...o,
    db,
    events,
    clock: wall,
    policy,
    graphPort: port,
    tableFeed: false,
  });
  feed.start(o.feedEveryMs ?? 250);
  if (o.deliverEveryMs !== 0) delivery.start();

  async function shutdown(): Promise<ShutdownReport> {
    unsubscribe();
    clearInterval(salesTimer);
    const schedulerStopped = scheduler.stop();
    const dropped = queue.waiting;
    const finished = queue.close().then(() => true);
    const inHand = current as Scope | null;
    const inTime = await Promise.race([
      finished,
      new Promise<false>((r) => setTimeout(() => r(false), o.graceMs ?? 30_000).unref?.()),
    ]);
    // The cycle returns once its scope in hand did; an abandoned one is left to fail on the closed database.
    if (inTime) await schedulerStopped;
    await delivery.stop();
    try {
      feed.poll();
    } catch {
      // nothing more to announce
    }
    feed.stop();
    await server.close();
    await walCheckpoints.stop();
    db.close();
    return { abandoned: inTime ? null : inHand, dropped };
  }

  return {
    url: server.url,
    port: server.port,
    db,
    events,
    firstAdminToken: server.firstAdminToken,
    graph,
    planningClock: clock,
    runCycle: () => scheduler.runNow(),
    startSchedule: () => {
      if (o.cycleEveryMs) scheduler.start();
    },
    runScopeNow: (scope, reason) => runEvent({ scope, reason, facts: [] }),
    get stats() {
      return { cycles: { ...scheduler.stats }, queued: queue.waiting, busy: queue.busy };
    },
    close: () => (closing ??= shutdown()),
  };
}
