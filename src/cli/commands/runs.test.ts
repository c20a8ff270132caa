import type { RunnableConfig } from "@langchain/core/runnables";
import type { Checkpoint, CheckpointMetadata } from "@langchain/langgraph";
import type { ChannelVersions } from "@langchain/langgraph-checkpoint";
import { Command, CommanderError } from "commander";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqliteCheckpointer } from "../../checkpoint/index.js";
import { createPromotionGraph, getDecision } from "../../graph/index.js";
import { DEMO_NOW, demoDb } from "../../graph/testing/demo-db.js";
import { loadPolicy } from "../../policies/index.js";
import { fixedClock } from "../../domain/index.js";
import type { Db } from "../../store/index.js";
import { registerRunCommands } from "./run.js";
import { registerRunsCommand } from "./runs.js";

// Issue #27 item 1: a typo stores nothing, a run that fails before deciding blocks nothing, and
// `runs` / `runs abandon` show and clear what a crash left.

/** Fails the `put` of the checkpoint for `step`: the run stops as if killed right before it. */
class FailingSaver extends SqliteCheckpointer {
  constructor(
    db: Db,
    private readonly failAtStep: number,
  ) {
    super(db);
  }
  override async put(
    config: RunnableConfig,
    checkpoint: Checkpoint,
    metadata: CheckpointMetadata,
    versions: ChannelVersions,
  ): Promise<RunnableConfig> {
    if (metadata.step === this.failAtStep)
      throw new Error(`simulated crash before checkpoint ${this.failAtStep}`);
    return super.put(config, checkpoint, metadata, versions);
  }
}

let db: Db;
let path: string;
beforeAll(async () => ({ db, path } = await demoDb()), 300_000);
afterAll(() => db.close());

const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
const stored = () =>
  count("SELECT count(*) AS n FROM checkpoints") + count("SELECT count(*) AS n FROM decisions");

/** Runs the CLI in-process as `main.ts` configures it; returns what a person sees and the exit code. */
async function cli(args: string[], now = DEMO_NOW): Promise<{ text: string; code: number }> {
  const lines: string[] = [];
  const p = new Command("autopromo")
    .exitOverride()
    .showHelpAfterError()
    .configureOutput({
      writeOut: (s) => void lines.push(s.trimEnd()),
      writeErr: (s) => void lines.push(s.trimEnd()),
    });
  const out = { out: (t: string) => void lines.push(t), err: (t: string) => void lines.push(t) };
  registerRunCommands(p, out);
  registerRunsCommand(p, out);
  try {
    const listing = args[0] === "runs" && args[1] !== "abandon"; // the list takes no clock
    await p.parseAsync([
      "node",
      "autopromo",
      ...args,
      "--db",
      path,
      ...(listing ? [] : ["--now", now]),
    ]);
    return { text: lines.join("\n"), code: 0 };
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    return { text: lines.join("\n"), code: e.exitCode };
  }
}

describe("mistyped scopes, failed runs and `autopromo runs`", () => {
  it("refuses an unknown category or market naming the valid ones, closest first, and stores nothing", async () => {
    const before = stored();
    const r = await cli(["run", "--category", "Snacks", "--market", "US-WEST"]);
    expect(r.code).toBe(1);
    expect(r.text).toMatch(/unknown category "Snacks"; valid categories: snacks, /);
    expect(r.text).toMatch(/unknown market "US-WEST"; valid markets: US-EAST, /);
    expect(r.text).not.toMatch(/Usage:/); // a data error prints the error, not the usage
    const m = await cli(["run", "--category", "snacks", "--market", "uk"]);
    expect(m.text).toMatch(/unknown market "uk"; valid markets: UK, /);
    expect(m.text).not.toMatch(/unknown category/);
    expect(stored()).toBe(before);
    expect((await cli(["runs"])).text).toBe("no unfinished runs");
  });

  it("records a run that fails before deciding as failed, so the next run is not blocked", async () => {
    // Before the demo's data begins there are no sales to plan from: the demand agent fails.
    const failed = await cli(
      ["run", "--category", "cereal", "--market", "DE"],
      "2020-01-01T12:00:00Z",
    );
    expect(failed.code).toBe(1);
    expect(failed.text).toMatch(/no recent sales of cereal in DE/);
    const row = db.prepare("SELECT id FROM decisions WHERE status = 'failed'").get() as {
      id: string;
    };
    expect(getDecision(db, row.id).outcome.reason).toMatch(/no recent sales/);
    expect(JSON.parse((await cli(["runs", "--json"])).text)).toEqual([]);
    const next = await cli(["run", "--category", "cereal", "--market", "DE", "--json"]);
    expect(next.code).toBe(0);
    expect(next.text).not.toMatch(/could not be resumed|warning/);
  }, 120_000);

  it("lists a run a crash left unfinished and abandons it, recorded in the decision log", async () => {
    const clock = fixedClock(DEMO_NOW);
    const graph = createPromotionGraph({
      db,
      clock,
      policy: loadPolicy(),
      checkpointer: new FailingSaver(db, 2),
    });
    const id = "dec-frozen-UK-20261123120000-abcdef";
    const config = { configurable: { thread_id: id }, durability: "sync" as const };
    await expect(
      graph.invoke(
        {
          decisionId: id,
          scope: { category: "frozen", market: "UK" },
          trigger: { kind: "scope" },
          startedAt: DEMO_NOW,
        },
        config,
      ),
    ).rejects.toThrow(/simulated crash/);

    const open = JSON.parse((await cli(["runs", "--json"])).text) as {
      id: string;
      category: string;
      market: string;
      status: string | null;
    }[];
    expect(open).toEqual([
      expect.objectContaining({ id, category: "frozen", market: "UK", status: null }),
    ]);
    expect((await cli(["runs"])).text).toMatch(/frozen\/UK .*not decided/);
    expect((await cli(["runs", "abandon", "dec-nope", "--reason", "x"])).text).toMatch(
      /no unfinished run dec-nope \(autopromo runs lists them: dec-frozen-UK-/,
    );

    const done = await cli([
      "runs",
      "abandon",
      id.slice(0, 20),
      "--by",
      "ana",
      "--reason",
      "planted by a test",
    ]);
    expect(done.text).toBe(`${id}: failed — abandoned by ana: planted by a test`);
    const rec = getDecision(db, id);
    expect(rec).toMatchObject({
      status: "failed",
      scope: { category: "frozen", market: "UK" },
      outcome: { reason: "abandoned by ana: planted by a test" },
    });
    expect((await cli(["decisions"])).text).toMatch(new RegExp(`${id}.*failed`));
    expect((await cli(["runs"])).text).toBe("no unfinished runs");
  }, 120_000);
});
