import { beforeAll, describe, expect, it } from "vitest";
import { campaignHistory, campaignOutbox, enqueueLaunch } from "../../channels/index.js";
import { killSwitchState } from "../../policies/index.js";
import { channelPolicy, makeCampaign, steppingClock } from "../../channels/testing.js";
import { openDb } from "../../store/index.js";
import { cliTestDb, runCli } from "../testing.js";
import { registerCampaignsCommand } from "./campaigns.js";
import { registerKillSwitchCommand } from "./kill-switch.js";

let path: string;
beforeAll(async () => ({ path } = await cliTestDb("overrides-cli")));

const cli = (args: string[]) =>
  runCli([registerCampaignsCommand, registerKillSwitchCommand], [...args, "--db", path]);

const inDb = <T>(fn: (db: ReturnType<typeof openDb>) => T): T => {
  const db = openDb(path);
  try {
    return fn(db);
  } finally {
    db.close();
  }
};

describe("overrides from the CLI: pause, resume, stop and the kill switch, each recorded with who and why", () => {
  it("pauses, resumes and stops a campaign, recording the person and the reason on each change", async () => {
    await cli([
      "campaigns",
      "pause",
      "c-1",
      "--by",
      "mia",
      "--reason",
      "shelf label wrong",
      "--now",
      "2025-03-03T09:00:00Z",
    ]);
    await cli(["campaigns", "deliver", "--now", "2025-03-03T09:01:00Z"]); // the retraction goes out
    await cli([
      "campaigns",
      "resume",
      "c-1",
      "--by",
      "mia",
      "--reason",
      "labels fixed",
      "--now",
      "2025-03-03T10:00:00Z",
    ]);
    await cli(["campaigns", "deliver", "--now", "2025-03-03T10:01:00Z"]);
    await cli([
      "campaigns",
      "stop",
      "c-1",
      "--by",
      "leo",
      "--reason",
      "claim not substantiated",
      "--now",
      "2025-03-04T08:00:00Z",
    ]);
    const history = inDb((db) => campaignHistory(db, "c-1"));
    expect(history.slice(2).map((h) => [h.to, h.by, h.reason.split(";")[0], h.at])).toEqual([
      ["paused", "mia", "shelf label wrong", "2025-03-03T09:00:00.000Z"],
      ["live", "mia", "labels fixed", "2025-03-03T10:01:00.000Z"],
      ["stopped", "leo", "claim not substantiated", "2025-03-04T08:00:00.000Z"],
    ]);
    await expect(cli(["campaigns", "pause", "c-1", "--by", "mia"])).rejects.toThrow(/--reason/);
  });

  it("turns the kill switch on and off with who and why; while on, `campaigns deliver` holds autonomous launches", async () => {
    expect(await cli(["kill-switch", "status"])).toBe("kill switch off: autonomy active");
    expect(
      await cli(["kill-switch", "on", "--by", "ops-oncall", "--reason", "pricing incident"]),
    ).toMatch(
      /^kill switch ON: autonomous launches are held and every decision escalates \(set .* by ops-oncall: pricing incident\)$/,
    );
    expect(JSON.parse(await cli(["kill-switch", "status", "--json"]))).toMatchObject({
      on: true,
      by: "ops-oncall",
      reason: "pricing incident",
    });
    // An autonomous launch (no approvers) reaching the outbox now must wait.
    inDb((db) =>
      enqueueLaunch(
        db,
        makeCampaign({ id: "auto-1", decisionId: "d-auto", skus: ["SKU-2"], channels: ["store"] }),
        { policy: channelPolicy(), clock: steppingClock() },
      ),
    );
    expect(await cli(["campaigns", "deliver", "--now", "2025-02-21T10:00:00Z"])).toMatch(
      /held by the kill switch 1/,
    );
    expect(inDb((db) => campaignOutbox(db, "auto-1").map((r) => r.status))).toEqual(["pending"]);
    await expect(
      cli(["kill-switch", "off", "--by", "ops-oncall", "--reason", " "]),
    ).rejects.toThrow(/--reason: a reason is required/);
    await cli(["kill-switch", "off", "--by", "ops-oncall", "--reason", "feed fixed"]);
    expect(inDb((db) => killSwitchState(db))).toMatchObject({
      on: false,
      by: "ops-oncall",
      reason: "feed fixed",
    });
    await cli(["campaigns", "deliver", "--now", "2025-02-21T11:00:00Z"]);
    expect(inDb((db) => campaignOutbox(db, "auto-1").map((r) => r.status))).toEqual(["delivered"]);
  });
});
