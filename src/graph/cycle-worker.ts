// Worker thread: runs its share of a cycle's scopes on its own connection, reporting each result.
import { parentPort, workerData } from "node:worker_threads";
import { createReasonerFromEnv } from "../llm/index.js";
import { loadPolicy } from "../policies/index.js";
import { fixedClock } from "../domain/index.js";
import { openDb, WriteGate } from "../store/index.js";
import { createPromotionGraph } from "./graph.js";
import type { CycleJob, CycleMessage } from "./parallel.js";
import { runScope } from "./run.js";

const job = workerData as CycleJob;
const post = (m: CycleMessage) => parentPort!.postMessage(m);

const db = openDb(job.dbPath, { writeGate: new WriteGate(job.writeGate) });
if (job.walCheckpointsElsewhere) db.pragma("wal_autocheckpoint = 0");
try {
  const clock = fixedClock(job.now);
  const graph = createPromotionGraph({
    db,
    clock,
    policy: loadPolicy(job.policyPath),
    lightRunContext: true,
    reasoner: createReasonerFromEnv(process.env),
    shadow: job.shadow === true,
  });
  for (const scope of job.scopes)
    post({ type: "scope", result: await runScope({ graph, db, clock }, scope, { kind: "cycle" }) });
  post({ type: "end" });
} catch (e) {
  post({
    type: "error",
    message: e instanceof Error ? e.message : String(e),
    ...(e instanceof Error && e.stack ? { stack: e.stack } : {}),
  });
} finally {
  db.close();
}
