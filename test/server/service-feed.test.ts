import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { pauseCampaign } from "../../src/channels/index.js";
import { setKillSwitch } from "../../src/policies/index.js";
import { recordVote } from "../../src/policies/index.js";
import { createEventBus, type ServerEvent } from "../../src/server/index.js";
import { createTableFeed, type TableFeed } from "../../src/server/service/index.js";
import { openDb, type Db } from "../../src/store/index.js";
import { liveCampaign, pendingApproval, steppingClock } from "./helpers.js";

const open: Db[] = [];
const feeds: TableFeed[] = [];
afterEach(() => {
  for (const f of feeds.splice(0)) f.stop();
  for (const d of open.splice(0)) d.close();
});

/** Two connections to one file: the server's, and another process's (`autopromo approve`, `autopromo run`). */
function twoConnections() {
  const path = join(mkdtempSync(join(tmpdir(), "autopromo-feed-")), "feed.db");
  const server = openDb(path);
  const other = openDb(path);
  open.push(other, server);
  return { server, other };
}

/** A decision row as the graph writes it (the feed reads only the columns). */
function writeDecision(db: Db, id: string, status: string, verdict: string | null = "escalate") {
  db.prepare(
    `INSERT INTO decisions (id, thread_id, trigger, category, market, status, verdict, model_version, reasoner, record, created_at, updated_at)
     VALUES (?, ?, 'event', 'snacks', 'US-EAST', ?, ?, 'm1', 'offline', '{}', '2025-02-20', '2025-02-20')
     ON CONFLICT(id) DO UPDATE SET status = excluded.status`,
  ).run(id, id, status, verdict);
}

async function until(
  events: ServerEvent[],
  ok: (e: ServerEvent[]) => boolean,
  ms = 5_000,
): Promise<void> {
  for (const t0 = Date.now(); !ok(events);) {
    if (Date.now() - t0 > ms)
      throw new Error(`timed out; saw ${JSON.stringify(events.map((e) => [e.type, e.data]))}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("table feed", () => {
  it("publishes decisions, approvals and campaign changes made by another connection, once each, without replaying history", async () => {
    const { server, other } = twoConnections();
    const clock = steppingClock();
    writeDecision(other, "dec-old", "executed", "allow"); // history: never announced
    const bus = createEventBus(clock);
    const seen: ServerEvent[] = [];
    bus.subscribe((e) => seen.push(e));
    const feed = createTableFeed(server, bus);
    feeds.push(feed);
    feed.start(10, 60_000); // only the other connection's commits wake it

    const requestId = pendingApproval(other, clock, "p-x", { financeOnly: true });
    writeDecision(other, "dec-1", "running"); // an intermediate write inside a run: not announced
    writeDecision(other, "dec-1", "awaiting_approval");
    await until(seen, (e) => e.some((x) => x.type === "decision"));
    recordVote(
      other,
      {
        requestId,
        role: "finance",
        approver: "fiona (finance)",
        decision: "approve",
        comment: "ok",
      },
      clock,
    );
    writeDecision(other, "dec-1", "executed");
    await liveCampaign(other, clock, "c-9");
    await until(
      seen,
      (e) =>
        e.filter((x) => x.type === "campaign").length >= 2 &&
        e.filter((x) => x.type === "decision").length >= 2,
    );
    feed.poll(); // nothing new: nothing published twice

    expect(
      seen.map((e) => [
        e.type,
        e.data.decisionId ?? e.data.requestId ?? e.data.campaignId,
        e.data.status,
        e.data.vote ?? e.data.action ?? null,
      ]),
    ).toEqual([
      ["approval", requestId, "pending", null],
      ["decision", "dec-1", "awaiting_approval", null],
      ["approval", requestId, "approved", "approve"],
      ["decision", "dec-1", "executed", null],
      ["campaign", "c-9", "scheduled", "schedule"],
      ["campaign", "c-9", "live", "go_live"],
    ]);
    expect(seen.find((e) => e.type === "decision")!.data).toMatchObject({
      category: "snacks",
      market: "US-EAST",
      verdict: "escalate",
      trigger: "event",
    });
  });

  it("sees a commit made by a separate OS process", async () => {
    const { server } = twoConnections();
    const bus = createEventBus(steppingClock());
    const seen: ServerEvent[] = [];
    bus.subscribe((e) => seen.push(e));
    const feed = createTableFeed(server, bus);
    feeds.push(feed);
    feed.start(20, 60_000);
    const file = server.name;
    // What `autopromo run` in another terminal does to the table, minus the graph.
    const script = `const D = require("better-sqlite3"); const db = new D(${JSON.stringify(file)});
      db.prepare("INSERT INTO decisions (id, thread_id, trigger, category, market, status, verdict, model_version, reasoner, record, created_at, updated_at) VALUES ('dec-cli', 'dec-cli', 'scope', 'frozen', 'UK', 'blocked', 'block', 'm', 'offline', '{}', 'x', 'x')").run();
      db.close();`;
    execFileSync(process.execPath, ["-e", script], { cwd: process.cwd() });
    await until(seen, (e) => e.some((x) => x.type === "decision"));
    expect(seen.map((e) => e.data)).toEqual([
      {
        decisionId: "dec-cli",
        status: "blocked",
        verdict: "block",
        category: "frozen",
        market: "UK",
        trigger: "scope",
      },
    ]);
  });

  it("publishes the kill switch turned on or off by another process (`autopromo kill-switch on`), once even when the route announced it", async () => {
    const { server, other } = twoConnections();
    const clock = steppingClock();
    setKillSwitch(other, true, "old", "history", clock); // before the feed: not replayed
    const bus = createEventBus(clock);
    const seen: ServerEvent[] = [];
    bus.subscribe((e) => seen.push(e));
    const feed = createTableFeed(server, bus);
    feeds.push(feed);
    feed.start(10, 60_000);
    clock.advance(1_000);
    setKillSwitch(other, false, "ops-oncall", "feed fixed", clock);
    await until(seen, (e) => e.some((x) => x.type === "kill_switch"));
    clock.advance(1_000);
    // What POST /autonomy/kill-switch does: write, then publish the same state the feed will read.
    bus.publish("kill_switch", {
      ...setKillSwitch(server, true, "mia (marketing)", "price error", clock),
    });
    feed.poll();
    expect(seen.map((e) => [e.type, e.data.on, e.data.by, e.data.reason])).toEqual([
      ["kill_switch", false, "ops-oncall", "feed fixed"],
      ["kill_switch", true, "mia (marketing)", "price error"],
    ]);
  });

  it("a change announced by the route that made it and then seen in the table goes out once", async () => {
    const { server } = twoConnections();
    const clock = steppingClock();
    await liveCampaign(server, clock, "c-1");
    const bus = createEventBus(clock);
    const seen: ServerEvent[] = [];
    bus.subscribe((e) => seen.push(e));
    const feed = createTableFeed(server, bus);
    pauseCampaign(server, "c-1", { by: "mia (marketing)", reason: "price error" }, clock);
    // What POST /campaigns/:id/pause publishes, then the feed's own reading of the same change.
    bus.publish("campaign", {
      campaignId: "c-1",
      action: "pause",
      status: "paused",
      by: "mia (marketing)",
      reason: "price error",
    });
    feed.poll();
    expect(seen.filter((e) => e.type === "campaign")).toHaveLength(1);
    // A later, different change is announced again.
    bus.publish("decision", { decisionId: "d-2", status: "awaiting_approval" });
    bus.publish("decision", { decisionId: "d-2", status: "awaiting_approval" });
    bus.publish("decision", { decisionId: "d-2", status: "executed" });
    expect(seen.filter((e) => e.type === "decision").map((e) => e.data.status)).toEqual([
      "awaiting_approval",
      "executed",
    ]);
  });
});
