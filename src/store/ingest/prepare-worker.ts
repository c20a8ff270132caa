// Worker thread: reads, validates and harmonises a feed file, posting prepared batches to the
// writer on the main thread, packed (see packed-batch.ts). At most MAX_IN_FLIGHT batches wait
// unacknowledged, so memory stays flat however large the file and however slow the writer; enough
// of them that a pause on either side (GC, a page flush) does not stall the other.
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";
import { isAutopromoError } from "../../errors.js";
import { kindSpec } from "../kinds/index.js";
import { requiredKeys, transformRecord } from "../formats/transforms.js";
import { pack, transferables } from "./packed-batch.js";
import { createPreparer } from "./prepare.js";
import { readCsv, readJsonl, type FileFormat } from "./readers.js";
import { RowEncoder } from "./row-params.js";
import type { WorkerJob, WorkerMessage } from "./parallel.js";

const MAX_IN_FLIGHT = 16;
const job = workerData as WorkerJob;
const port = parentPort!;
const send = (m: WorkerMessage) =>
  port.postMessage(m, m.type === "batch" ? transferables(m.batch) : []);

/** Batches sent and not yet acknowledged by the writer; `settled` resolves when one is. */
function inFlightCount(): { count: number; settled: () => Promise<void> } {
  let wake: (() => void) | undefined;
  const flow = { count: 0, settled: () => new Promise<void>((r) => (wake = r)) };
  port.on("message", () => {
    flow.count--;
    wake?.();
  });
  return flow;
}

async function run(): Promise<void> {
  const inFlight = inFlightCount();
  const db = new Database(job.dbPath, { readonly: true, fileMustExist: true });
  try {
    const prepare = createPreparer(db, job.kind, job.source);
    const t = job.transform;
    const format: FileFormat = job.format;
    const spec = kindSpec(job.kind);
    const { width } = new RowEncoder(spec.table);
    const batches =
      format === "csv" ? readCsv(job.file, requiredKeys(spec.rowSchema, t)) : readJsonl(job.file);
    for await (const batch of batches) {
      while (inFlight.count >= MAX_IN_FLIGHT) await inFlight.settled();
      inFlight.count++;
      send({
        type: "batch",
        batch: pack(
          batch.map((r) => prepare(t ? transformRecord(r, t) : r)),
          width,
        ),
      });
    }
    send({ type: "end" });
  } finally {
    db.close();
  }
}

run().catch((e: unknown) => {
  const err = e as { code?: string; message?: string; file?: string; field?: string };
  send({
    type: "error",
    known: isAutopromoError(e),
    code: err.code ?? "STORE_ERROR",
    message: err.message ?? String(e),
    ...(err.file ? { file: err.file } : {}),
    ...(err.field ? { field: err.field } : {}),
  });
});
