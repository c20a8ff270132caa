// Child process: one `autopromo worker` as the queue tests run it, with the crash harness's kill
// points. queue-workers.test.ts and queue-kill.slow.test.ts start three; one may be told to
// SIGKILL itself before the nth tick labelled CRASH_KILL_LABEL. Prints "ready" once it takes
// jobs; on SIGTERM it finishes the scope in hand and prints its report as JSON.
// argv: dbPath databaseUrl schema
import type { PromotionGraph } from "../../../../src/graph/index.js";
import { openScopeQueue, runScopeWorker } from "../../../../src/queue/index.js";
import { KillPoints } from "../kill-points.js";

const [dbPath, url, schema] = process.argv.slice(2) as [string, string, string];
const env = process.env;
const kill = env.CRASH_KILL_LABEL
  ? { label: env.CRASH_KILL_LABEL, nth: Number(env.CRASH_KILL_NTH ?? 1) }
  : null;
const kp = new KillPoints(kill, false);
kp.enter("run");

const queue = await openScopeQueue({
  url,
  schema,
  expireInSeconds: Number(env.QUEUE_EXPIRE_SECONDS ?? 2),
  retryDelaySeconds: 0,
});
const stop = new AbortController();
process.once("SIGTERM", () => stop.abort());
console.log("ready");
const jobs: string[] = [];
try {
  const report = await runScopeWorker({
    queue,
    dbPath,
    signal: stop.signal,
    idleMs: 100,
    onConnection: (db) => kp.instrument(db),
    wrapGraph: (g) => g.withConfig({ callbacks: [kp.handler()] }) as unknown as PromotionGraph,
    onJob: (j) => jobs.push(`${j.job?.decisionId ?? j.jobId} ${j.ended} ${j.error ?? ""}`),
  });
  console.log(JSON.stringify({ pid: process.pid, ...report, jobs }));
} finally {
  await queue.stop();
}
