import { mkdtempSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { openDb, type Db } from "./db.js";
import { startWalCheckpointer } from "./wal-checkpointer.js";
import { writeTx } from "./write-tx.js";

const PAGE = 4096;
const COMMITS = 150;

/**
 * Small transactions of 4 pages each, with a pause between them, as a cycle's runs commit: at
 * least COMMITS, then on until `enough()` holds (a loaded machine may start the checkpoint
 * thread late) or 30 s pass. Returns how many were written.
 */
async function writeSlowly(db: Db, enough: () => boolean = () => true): Promise<number> {
  db.exec("CREATE TABLE IF NOT EXISTS filler (n INTEGER, body BLOB)");
  const insert = db.prepare("INSERT INTO filler VALUES (?, ?)");
  const deadline = Date.now() + 30_000;
  let i = 0;
  while (i < COMMITS || (!enough() && Date.now() < deadline)) {
    writeTx(db, () => insert.run(i, Buffer.alloc(4 * PAGE - 200, i % 251)));
    i++;
    await sleep(2);
  }
  return i;
}

/** Pages in the WAL now (a NOOP checkpoint only reports). */
const walPages = (db: Db) => (db.pragma("wal_checkpoint(NOOP)") as { log: number }[])[0]!.log;
const autocheckpoint = (db: Db) => db.pragma("wal_autocheckpoint", { simple: true });

describe("startWalCheckpointer", () => {
  const dirs: string[] = [];
  const fresh = (name: string) => {
    const dir = mkdtempSync(join(tmpdir(), "autopromo-wal-"));
    dirs.push(dir);
    return openDb(join(dir, name));
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it("checkpoints the WAL on its own thread while the connection's own checkpoints are off, and gives them back on stop", async () => {
    // Without it: automatic checkpoints off and nobody checkpointing, the WAL holds every page written.
    const control = fresh("control.db");
    control.pragma("wal_autocheckpoint = 0");
    await writeSlowly(control);
    expect(walPages(control)).toBeGreaterThanOrEqual(COMMITS * 4);
    control.close();

    const db = fresh("ckpt.db");
    const ckpt = startWalCheckpointer(db, { intervalMs: 5 });
    expect(autocheckpoint(db)).toBe(0);
    const written = await writeSlowly(db, () => walPages(db) < COMMITS);
    // Checkpointed along the way, the WAL was restarted from its start again and again.
    expect(walPages(db)).toBeLessThan(COMMITS);
    await ckpt.stop();
    await ckpt.stop(); // stopping twice is harmless
    expect(autocheckpoint(db)).toBe(1000);
    expect(db.prepare("SELECT count(*) AS n, sum(n) AS s FROM filler").get()).toEqual({
      n: written,
      s: (written * (written - 1)) / 2,
    });
    db.close();
  });

  it("gives the connection its automatic checkpoints back when the thread cannot open the file", async () => {
    const db = fresh("moved.db");
    renameSync(db.name, `${db.name}.moved`); // the thread opens by path, with fileMustExist
    const ckpt = startWalCheckpointer(db, { intervalMs: 5 });
    await ckpt.stop();
    expect(autocheckpoint(db)).toBe(1000);
    db.close();
  });

  it("starts nothing for an in-memory database", async () => {
    const db = openDb(":memory:");
    const ckpt = startWalCheckpointer(db);
    expect(autocheckpoint(db)).toBe(1000);
    await ckpt.stop();
    db.close();
  });
});
