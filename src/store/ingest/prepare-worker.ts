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
let inFlight = 0;
let wake: (() => void) | undefined;
port.on("message", () => {
  inFlight--;
  wake?.();
});
const send = (m: WorkerMessage) => port.postMessage(m, m.type === "batch" ? transferables(m.batch) : []);

async function run(): Promise<void> {
  const db = new Database(job.dbPath, { readonly: true, fileMustExist: true });
  try {
    const prepare = createPreparer(db, job.kind, job.source);
    const t = job.transform;
    const format: FileFormat = job.format;
    const spec = kindSpec(job.kind);
    const { width } = new RowEncoder(spec.table);
    const batches = format === "csv" ? readCsv(job.file, requiredKeys(spec.rowSchema, t)) : readJsonl(job.file);
    for await (const batch of batches) {
      while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((r) => (wake = r));
      inFlight++;
      send({ type: "batch", batch: pack(batch.map((r) => prepare(t ? transformRecord(r, t) : r)), width) });
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
