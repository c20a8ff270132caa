import { Command } from "commander";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_NOW, demoDb } from "../../graph/testing/demo-db.js";
import type { Db } from "../../store/index.js";
import { registerRunCommands } from "./run.js";

type Prediction = {
  prediction: { incrementalMargin: number; interval80: { incrementalMargin: [number, number] } };
};

let db: Db;
let path: string;
let policyFile: string;
beforeAll(async () => ({ db, path, policyFile } = await demoDb()));
afterAll(() => db.close());

async function cli(args: string[]): Promise<string> {
  const lines: string[] = [];
  const p = new Command("autopromo").exitOverride();
  registerRunCommands(p, { out: (t) => lines.push(t), err: (t) => lines.push(t) });
  await p.parseAsync(["node", "autopromo", ...args, "--db", path, "--now", DEMO_NOW]);
  return lines.join("\n");
}

describe("run / decisions / explain / reject / replay", () => {
  it("runs a scope, lists it, explains it with the counterfactual, rejects it and replays it", async () => {
    const [run] = JSON.parse(
      await cli([
        "run",
        "--category",
        "frozen",
        "--market",
        "UK",
        "--policy",
        policyFile,
        "--json",
      ]),
    ) as { decisionId: string; status: string }[];
    expect(run!.status).toBe("awaiting_approval");
    const list = JSON.parse(await cli(["decisions", "--json"])) as { id: string }[];
    expect(list.map((d) => d.id)).toContain(run!.decisionId);
    const text = await cli(["explain", run!.decisionId]);
    expect(text).toMatch(/Recommend .* FRZ-/);
    expect(text).toMatch(/Counterfactual: the best alternative/);
    expect(text).toMatch(/ESCALATE/);
    // Each figure once, and the one the record holds (issue #27: "852 USD, 0 less" then "622 USD").
    const rec = db.prepare("SELECT record FROM decisions WHERE id = ?").get(run!.decisionId) as {
      record: string;
    };
    const r = JSON.parse(rec.record) as {
      chosen: Prediction;
      alternatives: (Prediction & { scenario: { mechanic: string } })[];
      inputs: { currency: string };
    };
    const whole = (x: number) => Math.round(x).toLocaleString("en-US");
    const flat = text.replace(/\s+/g, " "); // explain wraps its prose at 100 columns
    const times = (needle: string) => flat.split(needle).length - 1;
    const margin = `${whole(r.chosen.prediction.incrementalMargin)} ${r.inputs.currency}`;
    expect(
      times(
        `margin ${margin} (80 % interval ${r.chosen.prediction.interval80.incrementalMargin.map(whole).join(" to ")})`,
      ),
    ).toBe(1);
    expect(times(margin)).toBe(1);
    const alt = r.alternatives.find((a) => a.scenario.mechanic !== "none")!;
    const altMargin = `${whole(alt.prediction.incrementalMargin)} ${r.inputs.currency}`;
    expect(times(altMargin)).toBe(1);
    expect(flat).toContain(`best alternative was`);
    expect(flat).toContain(
      `expected margin ${altMargin}, ${whole(r.chosen.prediction.incrementalMargin - alt.prediction.incrementalMargin)} less`,
    );
    expect(text).not.toMatch(/Best alternative/);
    expect(
      await cli([
        "reject",
        run!.decisionId,
        "--as",
        "category_manager",
        "--comment",
        "not now",
        "--policy",
        policyFile,
      ]),
    ).toMatch(/rejected/);
    const replay = JSON.parse(
      await cli(["replay", run!.decisionId, "--policy", policyFile, "--json"]),
    ) as { recordMatches: boolean };
    expect(replay.recordMatches).toBe(true);
  });
});
