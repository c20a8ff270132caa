// Child process: ingests one file into one database and prints the report (or the error) as JSON.
// Killed with SIGKILL by crash-ingest.test.ts; run two or three at once by concurrent-ingest.test.ts.
import { ingestFile, openDb } from "../../../../src/store/index.js";

const [dbPath, kind, file] = process.argv.slice(2) as [string, string, string];
const db = openDb(dbPath);
console.log("ready");
try {
  const report = await ingestFile(db, {
    kind,
    file,
    parallel: process.env.INGEST_PARALLEL === "1",
  });
  console.log(
    JSON.stringify({ ok: true, report: { ...report, rejections: report.rejections.slice(0, 3) } }),
  );
} catch (e) {
  const err = e as { name?: string; code?: string; message?: string };
  console.log(JSON.stringify({ ok: false, name: err.name, code: err.code, message: err.message }));
  process.exitCode = 3;
} finally {
  db.close();
}
