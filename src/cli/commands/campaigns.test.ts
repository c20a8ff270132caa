import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { beforeAll, describe, expect, it } from "vitest";
import { steppingClock } from "../../channels/testing.js";
import { addWeek, liveTestCampaign, seedCatalog, WEEK_ENDS } from "../../monitoring/testing.js";
import { openDb } from "../../store/index.js";
import { registerCampaignsCommand } from "./campaigns.js";
import { registerMonitorCommand } from "./monitor.js";

let path: string;
let policyFile: string;
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "autopromo-campaigns-cli-"));
  path = join(dir, "a.db");
  policyFile = join(dir, "policy.yaml");
  writeFileSync(policyFile, "approvalRequired:\n  newMarket: false\n  newMechanic: false\n");
  const db = openDb(path);
  seedCatalog(db);
  await liveTestCampaign(db, "c-1", steppingClock("2025-02-20T10:00:00Z"));
  for (const w of WEEK_ENDS.slice(0, 3)) addWeek(db, w, 98);
  db.close();
});

async function cli(args: string[], now = "2025-03-25T10:00:00Z"): Promise<string> {
  const lines: string[] = [];
  const p = new Command("autopromo")
    .exitOverride()
    .configureOutput({ writeErr: (s) => lines.push(s), writeOut: (s) => lines.push(s) });
  const out = { out: (t: string) => lines.push(t), err: (t: string) => lines.push(t) };
  registerCampaignsCommand(p, out);
  registerMonitorCommand(p, out);
  await p.parseAsync([
    "node",
    "autopromo",
    ...args,
    "--db",
    path,
    ...(args[0] === "accuracy" ? [] : ["--now", now]),
  ]);
  return lines.join("\n");
}

describe("autopromo campaigns / monitor / accuracy", () => {
  it("lists, edits with a policy re-check, monitors (stop-loss) and reports accuracy", async () => {
    const list = JSON.parse(await cli(["campaigns", "list", "--json"])) as {
      id: string;
      status: string;
    }[];
    expect(list).toMatchObject([{ id: "c-1", status: "live" }]);
    const edit = JSON.parse(
      await cli([
        "campaigns",
        "edit",
        "c-1",
        "--discount",
        "28",
        "--by",
        "mia",
        "--reason",
        "rival cut",
        "--policy",
        policyFile,
        "--json",
        "--now",
        "2025-03-05T10:00:00Z",
      ]),
    ) as { status: string };
    expect(edit).toMatchObject({ status: "applied", toVersion: 2 });
    await expect(
      cli(["campaigns", "edit", "c-1", "--discount", "lots", "--reason", "x"]),
    ).rejects.toThrow(/--discount: not a number: lots/);
    const report = JSON.parse(await cli(["monitor", "--json"])) as {
      paused: string[];
      escalations: { roles: string[] }[];
    };
    expect(report.paused).toEqual(["c-1"]);
    expect(report.escalations[0]!.roles).toEqual(["category_manager", "finance"]);
    expect(await cli(["campaigns", "show", "c-1"])).toMatch(/c-1: paused \(version 2\)/);
    expect(await cli(["monitor"], "2025-04-03T10:00:00Z")).toMatch(/ended, settled/);
    expect(JSON.parse(await cli(["accuracy", "--json"]))).toEqual([
      expect.objectContaining({ promotionType: "tpr", market: "US-EAST", n: 1, signRate: 0 }),
    ]);
  });
});
