import { rmSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describePostgres } from "../../../test/support/postgres.js";
import { cliTestDb, runCli } from "../testing.js";
import type { Output } from "../output.js";
import { registerMigrateToPostgresCommand } from "./migrate-to-postgres.js";

// The command's contract: where it reads its target, what it refuses, what it prints.

let dir: string;
let path: string;
beforeAll(async () => ({ dir, path } = await cliTestDb("migrate-pg")), 60_000);
afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

const withEnv =
  (env: NodeJS.ProcessEnv) =>
  (p: Command, o: Output): void =>
    registerMigrateToPostgresCommand(p, o, env);
const cli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  runCli([withEnv(env)], ["migrate-to-postgres", ...args]);

describe("migrate-to-postgres without a target", () => {
  it("asks for --database-url or AUTOPROMO_DATABASE_URL", async () => {
    await expect(cli(["--db", path])).rejects.toMatchObject({
      code: "CONFIG_ERROR",
      message: expect.stringContaining("--database-url (or AUTOPROMO_DATABASE_URL) is required"),
    });
  });

  it("names the field of a bad URL or schema", async () => {
    await expect(cli(["--db", path, "--database-url", "mysql://x/y"])).rejects.toMatchObject({
      code: "CONFIG_ERROR",
      message: expect.stringMatching(/^openPostgres: url: a postgres:\/\/ or postgresql:\/\//),
    });
    const env = { AUTOPROMO_DATABASE_URL: "postgres://u@127.0.0.1:1/d" };
    await expect(cli(["--db", path, "--schema", "Bad-Name"], env)).rejects.toMatchObject({
      code: "CONFIG_ERROR",
      message: expect.stringContaining("options.schema"),
    });
  });

  it("refuses a SQLite file that does not exist rather than creating one", async () => {
    const missing = join(dir, "missing.db");
    await expect(
      cli(["--db", missing, "--database-url", "postgres://u@127.0.0.1:1/d"]),
    ).rejects.toMatchObject({ code: "FILE_NOT_FOUND", file: missing });
  });
});

describePostgres("migrate-to-postgres", (pg) => {
  it("copies the store, prints a table a line, and --json the same report", async () => {
    const printed = await cli(["--db", path, "--schema", "cli"], {
      AUTOPROMO_DATABASE_URL: pg.url,
    });
    expect(printed).toMatch(/│ markets\s+│ \d+\s+│ [0-9a-f]{16} │/);
    expect(printed).toMatch(/empty, created: .*api_threads/);
    const words = printed.replace(/\s+/g, " ");
    expect(words).toMatch(/moved [\d,]+ rows in \d+ tables to schema "cli" of postgres:\/\//);
    expect(words).toContain("row counts and checksums read back equal");

    await expect(cli(["--db", path, "--schema", "cli", "--database-url", pg.url])).rejects.toThrow(
      /already holds rows .*pass --replace/,
    );
    type Report = { rows: number; tables: { table: string; rows: number; checksum: string }[] };
    const args = ["--db", path, "--schema", "cli", "--database-url", pg.url, "--replace", "--json"];
    const report = JSON.parse(await cli(args)) as Report;
    expect(report.tables.find((t) => t.table === "campaign_events")?.rows).toBeGreaterThan(0);
    expect(words).toContain(`moved ${report.rows.toLocaleString("en-US")} rows`);
    // Again: the same tables, rows and checksums.
    const again = JSON.parse(await cli(args)) as Report;
    const digest = (r: Report) => r.tables.map((t) => [t.table, t.rows, t.checksum]);
    expect(digest(again)).toEqual(digest(report));
  });
});
