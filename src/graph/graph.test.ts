import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPolicy } from "../policies/index.js";
import { fixedClock } from "../domain/index.js";
import type { Db } from "../store/index.js";
import {
  createPromotionGraph,
  getDecision,
  listCampaigns,
  replayDecision,
  runScope,
  type RunContext,
} from "./index.js";
import { DEMO_NOW, demoDb } from "./testing/demo-db.js";

let db: Db;
let path: string;
let policyFile: string;
let ctx: RunContext;

beforeAll(async () => {
  ({ db, path, policyFile } = await demoDb());
  const clock = fixedClock(DEMO_NOW);
  ctx = { graph: createPromotionGraph({ db, clock, policy: loadPolicy(policyFile) }), db, clock };
});
afterAll(() => db.close());

/** Runs the CLI's approve/reject in a separate Node process, as an approver would. */
function cli(args: string[]): string {
  const code = `import { Command } from "commander"; import { registerRunCommands } from "./src/cli/commands/run.ts";
    const p = new Command("autopromo"); registerRunCommands(p); await p.parseAsync(["node", "autopromo", ...JSON.parse(process.argv[1])]);`;
  return execFileSync(
    process.execPath,
    ["--import", "tsx", "--input-type=module", "-e", code, JSON.stringify(args)],
    { encoding: "utf8" },
  );
}

describe("promotion graph on the demo market", () => {
  it("turns the planted UK frozen excess stock into a proposal that escalates, then resumes from a second process and executes once", async () => {
    const run = await runScope(
      ctx,
      { category: "frozen", market: "UK" },
      { kind: "event", reason: "excess stock" },
    );
    expect(run.interrupted).toBe(true);
    const waiting = getDecision(db, run.decisionId);
    expect(waiting.status).toBe("awaiting_approval");
    expect(waiting.findings.some((f) => f.kind === "excess_stock")).toBe(true);
    expect(waiting.chosen?.scenario.category).toBe("frozen");
    expect(waiting.policy?.verdict).toBe("escalate");
    expect(waiting.policy?.rules.find((r) => r.id === "autonomy.spend_per_campaign")?.outcome).toBe(
      "escalate",
    );

    const out = cli([
      "approve",
      run.decisionId,
      "--as",
      "category_manager",
      "--comment",
      "clear the freezer",
      "--db",
      path,
      "--policy",
      policyFile,
      "--now",
      DEMO_NOW,
      "--json",
    ]);
    expect(JSON.parse(out)).toMatchObject({
      decisionId: run.decisionId,
      status: "executed",
      interrupted: false,
    });

    const done = getDecision(db, run.decisionId);
    expect(done.outcome.status).toBe("executed");
    expect(done.approvals).toHaveLength(1);
    expect(done.checkpointId).toBeTruthy();
    expect(done.modelVersion).toMatch(/^lift@[0-9a-f]{12}$/);
    expect(listCampaigns(db).filter((c) => c.decisionId === run.decisionId)).toHaveLength(1);

    // A second answer cannot resume or launch it again.
    expect(() =>
      cli([
        "approve",
        run.decisionId,
        "--as",
        "category_manager",
        "--db",
        path,
        "--policy",
        policyFile,
        "--now",
        DEMO_NOW,
      ]),
    ).toThrow(/not awaiting approval/);
    const replay = await replayDecision(ctx.graph, db, run.decisionId);
    expect(replay.recordMatches).toBe(true);
    expect(replay.steps.map((s) => s.next.join("+"))).toContain("forecast_demand+assess_inventory");
  });

  it("records a rejection without launching anything", async () => {
    const run = await runScope(ctx, { category: "frozen", market: "UK" });
    cli([
      "reject",
      run.decisionId,
      "--as",
      "category_manager",
      "--comment",
      "not now",
      "--db",
      path,
      "--policy",
      policyFile,
      "--now",
      DEMO_NOW,
    ]);
    const rec = getDecision(db, run.decisionId);
    expect(rec.outcome.status).toBe("rejected");
    expect(listCampaigns(db).some((c) => c.decisionId === run.decisionId)).toBe(false);
  });

  it("never promotes the SKU whose supply is short (DE cola)", async () => {
    const clock = fixedClock(DEMO_NOW);
    const graph = createPromotionGraph({ db, clock, policy: loadPolicy() });
    const run = await runScope({ graph, db, clock }, { category: "beverages", market: "DE" });
    const rec = getDecision(db, run.decisionId);
    expect(rec.chosen?.scenario.sku).not.toBe("BEV-01");
    expect(rec.inputs.notPromotable).toEqual(
      expect.arrayContaining([expect.stringMatching(/^BEV-01: /)]),
    );
  });
});
