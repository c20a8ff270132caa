import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { Command } from "commander";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describePostgres } from "../../../test/support/postgres.js";
import { DEMO_NOW, demoDb } from "../../graph/testing/demo-db.js";
import { registerRunCommands } from "./run.js";
import { registerWorkerCommand } from "./worker.js";

// `autopromo worker` as a process and `autopromo run --queue` in this one, on the demo market's
// frozen category (4 scopes): the run prints today's summary once workers have run every scope;
// a worker given SIGTERM mid-cycle finishes the scope in hand, exits 0, and leaves the rest to
// the next worker.

let path: string;
let dir: string;
beforeAll(async () => {
  const demo = await demoDb();
  demo.db.close();
  ({ path, dir } = demo);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MAIN = join(import.meta.dirname, "..", "main.ts");

/** The CLI's `worker` in a child process; `lines` fills with what it prints on stderr. */
function startWorker(url: string, schema: string) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", MAIN, "worker", "--db", path, "--queue-schema", schema],
    { env: { ...process.env, AUTOPROMO_DATABASE_URL: url }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let err = "";
  const waiters: [RegExp, () => void][] = [];
  child.stderr.on("data", (d: Buffer) => {
    err += d.toString();
    for (const [re, go] of waiters) if (re.test(err)) go();
  });
  const exited = new Promise<number | null>((r) => child.on("close", (code) => r(code)));
  return {
    child,
    exited,
    stderr: () => err,
    printed: (re: RegExp) =>
      new Promise<void>((go) => (re.test(err) ? go() : waiters.push([re, go]))),
  };
}

async function cli(args: string[]): Promise<{ text: string; error?: unknown }> {
  const lines: string[] = [];
  const p = new Command("autopromo").exitOverride();
  const o = { out: (t: string) => lines.push(t), err: (t: string) => lines.push(t) };
  registerRunCommands(p, o);
  registerWorkerCommand(p, o);
  try {
    await p.parseAsync(["node", "autopromo", ...args, "--db", path, "--now", DEMO_NOW]);
    return { text: lines.join("\n") };
  } catch (error) {
    return { text: lines.join("\n"), error };
  }
}

describePostgres("autopromo worker and run --queue", (pg) => {
  it("runs a cycle through worker processes; SIGTERM finishes the scope in hand", async () => {
    const first = startWorker(pg.url, "cli_q");
    await first.printed(/worker \d+: /);
    const run = cli([
      "run",
      "--queue",
      "--category",
      "frozen",
      ...["--queue-schema", "cli_q", "--database-url", pg.url],
    ]);
    // Stop the first worker as soon as it has finished one scope: it must not take another.
    await Promise.race([
      first.printed(/frozen \/ \w+: executed/),
      run.then((r) => {
        throw new Error(`run ended first: ${r.text} ${String(r.error)}`);
      }),
    ]);
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    const done = /worker stopped: (\d+) completed, 0 failed/.exec(first.stderr());
    expect(done, first.stderr()).not.toBeNull();
    expect(first.stderr()).toMatch(/SIGTERM: finishing the scope in hand/);
    const second = startWorker(pg.url, "cli_q");
    const { text, error } = await run;
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
    expect(error).toBeUndefined();
    expect(text).toMatch(/queued 4 scope\(s\) of cycle [0-9a-f]{16}/);
    expect(text).toMatch(/4 scopes: 4 executed, 0 awaiting approval, 0 blocked, 0 failed\./);
    const second2 = /worker stopped: (\d+) completed/.exec(second.stderr());
    expect(Number(done![1]) + Number(second2![1])).toBe(4);
  }, 120_000);

  it("says which URL is wrong, without its password", async () => {
    const bad = await cli(["run", "--queue", "--database-url", "mysql://u:hunter22@h/db"]);
    expect(String(bad.error)).toMatch(/mysql:\/\/u:\*\*\*@h\/db: the queue runs on PostgreSQL/);
  });
});
