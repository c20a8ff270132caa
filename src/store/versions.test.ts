import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDb, type Db } from "./db.js";
import { ingestRecords } from "./ingest/ingest.js";
import { factsVersion } from "./versions.js";

const market = (db: Db, id: string) =>
  ingestRecords(
    db,
    [[{ line: 1, values: { id, region: "r", currency: "EUR", timeZone: "UTC" } }]],
    { kind: "market", source: "test", origin: id },
  );

describe("factsVersion", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  /** Two connections to one fresh file. */
  const connections = (): [Db, Db] => {
    const dir = mkdtempSync(join(tmpdir(), "autopromo-versions-"));
    dirs.push(dir);
    return [openDb(join(dir, "v.db")), openDb(join(dir, "v.db"))];
  };

  it("moves with an ingest on this connection or another one, and stays put otherwise", async () => {
    const [a, b] = connections();
    const v0 = factsVersion(a, ["sales"]);
    expect(factsVersion(a, ["sales"])).toBe(v0);
    await market(a, "M1");
    const v1 = factsVersion(a, ["sales"]);
    expect(v1).not.toBe(v0);
    await market(b, "M2"); // committed by another connection: seen through the data version
    const v2 = factsVersion(a, ["sales"]);
    expect(v2).not.toBe(v1);
    expect(factsVersion(b, ["sales"])).toBe(v2);
    a.exec("CREATE TABLE scratch (x)");
    a.prepare("INSERT INTO scratch VALUES (1)").run(); // any write re-reads, and finds the same version
    expect(factsVersion(a, ["sales"])).toBe(v2);
    a.close();
    b.close();
  });

  it("sees another connection's ingest at its next read, and its own ingest's end at once", async () => {
    const [a, b] = connections();
    const v0 = factsVersion(a, ["sales"]);
    // What an ingest commits, written by another connection: no stretch of reads pins the old one.
    b.prepare(
      "INSERT INTO ingests (kind, file, source, started_at) VALUES ('market', 'm3', 'test', '2026-01-01')",
    ).run();
    const v1 = factsVersion(a, ["sales"]);
    expect(v1).not.toBe(v0);
    // The versions live on the connection: a fresh one reads the same, an ingest's end moves them.
    expect(factsVersion(b, ["sales"])).toBe(v1);
    await market(a, "M9");
    expect(factsVersion(a, ["sales"])).not.toBe(v1);
    a.close();
    b.close();
  });
});
