// Runs one dunnhumby ingest in a fresh process so its peak RSS is its own; prints JSON.
import { ingestDunnhumbyBtf, openDb } from "../src/store/index.js";

const [dir, dbPath] = process.argv.slice(2);
const db = openDb(dbPath!);
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const r = await ingestDunnhumbyBtf(db, dir!);
const seconds = (performance.now() - t0) / 1000;
// Every thread of the process (the preparing worker too): the work done, whatever else loads the machine.
const cpu = process.cpuUsage(cpu0);
db.close();
process.stdout.write(
  JSON.stringify({
    rows: r.sales.rowsRead,
    stored: r.sales.stored,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
