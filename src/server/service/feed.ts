import type { Db } from "../../store/index.js";
import type { EventBus } from "../events.js";

/** A decision status that can still change; the feed keeps watching these ids. */
const OPEN = new Set(["running", "awaiting_approval"]);
const ACTION_OF: Record<string, string> = {
  scheduled: "schedule",
  live: "go_live",
  paused: "pause",
  ended: "end",
  stopped: "stop",
};

interface DecisionRow {
  rid: number;
  id: string;
  status: string;
  verdict: string | null;
  category: string | null;
  market: string | null;
  trigger: string;
}
interface CampaignEventRow {
  id: number;
  campaign_id: string;
  version: number;
  from_status: string | null;
  to_status: string;
  by: string;
  reason: string;
}
interface RequestRow {
  rid: number;
  id: string;
  proposal_id: string;
  status: string;
}
interface KillSwitchRow {
  id: number;
  is_on: number;
  by: string;
  reason: string;
  at: string;
}
interface VoteRow {
  id: number;
  request_id: string;
  role: string;
  approver: string;
  decision: string;
  status: string;
  proposal_id: string;
}

/** What one poll published, by type. */
export interface FeedPoll {
  decisions: number;
  campaigns: number;
  approvals: number;
  killSwitch: number;
}

/**
 * Publishes what the database says changed — decisions settled or answered, approval requests
 * and votes, campaign lifecycle changes, the kill switch — whoever made the change: this server's scheduled or
 * HTTP runs, or another process (`autopromo run`, `autopromo approve`, `autopromo kill-switch on`) on the same file.
 */
export interface TableFeed {
  /** Reads every table past its cursor and publishes; cheap when nothing changed. */
  poll(): FeedPoll;
  /**
   * Polls every `everyMs` when another connection has committed, and every `fullEveryMs` anyway
   * (a safety net for this process's writers that do not call poll()); also after every run.
   */
  start(everyMs?: number, fullEveryMs?: number): void;
  stop(): void;
}

/**
 * Creates a feed whose cursors start at the tables' current ends: history is not replayed, but
 * decisions already waiting for approval are watched so a later answer from any process shows.
 * Row ids are the cursors (decisions and approval requests by rowid, which an upsert keeps; a
 * VACUUM may renumber those two, so restart the service after one).
 * @example const feed = createTableFeed(db, events); feed.start(250);
 */
export function createTableFeed(db: Db, events: EventBus): TableFeed {
  const max = (sql: string) => (db.prepare(sql).get() as { m: number | null }).m ?? 0;
  let decisionCursor = max("SELECT max(rowid) AS m FROM decisions");
  let campaignCursor = max("SELECT max(id) AS m FROM campaign_events");
  let requestCursor = max("SELECT max(rowid) AS m FROM approval_requests");
  let voteCursor = max("SELECT max(id) AS m FROM approval_votes");
  let killSwitchCursor = max("SELECT max(id) AS m FROM kill_switch_events");
  const open = new Map<string, string>(
    (
      db
        .prepare(
          "SELECT id, status FROM decisions WHERE status IN ('running', 'awaiting_approval')",
        )
        .all() as { id: string; status: string }[]
    ).map((r) => [r.id, r.status]),
  );
  const cols = "rowid AS rid, id, status, verdict, category, market, trigger";
  const newDecisions = db.prepare(
    `SELECT ${cols} FROM decisions WHERE rowid > ? ORDER BY rowid LIMIT 1000`,
  );
  const openDecisions = db.prepare(
    `SELECT ${cols} FROM decisions WHERE id IN (SELECT value FROM json_each(?))`,
  );
  const newCampaignEvents = db.prepare(
    "SELECT id, campaign_id, version, from_status, to_status, by, reason FROM campaign_events WHERE id > ? ORDER BY id LIMIT 1000",
  );
  const newRequests = db.prepare(
    "SELECT rowid AS rid, id, proposal_id, status FROM approval_requests WHERE rowid > ? ORDER BY rowid LIMIT 1000",
  );
  const supersededBy = db.prepare(
    "SELECT id, proposal_id FROM approval_requests WHERE superseded_by = ? ORDER BY id",
  );
  const newVotes = db.prepare(
    `SELECT v.id, v.request_id, v.role, v.approver, v.decision, r.status, r.proposal_id FROM approval_votes v
       JOIN approval_requests r ON r.id = v.request_id WHERE v.id > ? ORDER BY v.id LIMIT 1000`,
  );
  const newKillSwitch = db.prepare(
    "SELECT id, is_on, by, reason, at FROM kill_switch_events WHERE id > ? ORDER BY id LIMIT 1000",
  );
  const dataVersion = () => db.pragma("data_version", { simple: true }) as number;
  let seenVersion = dataVersion();
  let timer: ReturnType<typeof setInterval> | undefined;
  let unsubscribe: (() => void) | undefined;

  function decision(r: DecisionRow): number {
    if (OPEN.has(r.status)) open.set(r.id, r.status);
    else open.delete(r.id);
    // A running record is an intermediate write inside a run; its settled status follows.
    if (r.status === "running") return 0;
    const e = events.publish("decision", {
      decisionId: r.id,
      status: r.status,
      verdict: r.verdict,
      category: r.category,
      market: r.market,
      trigger: r.trigger,
    });
    return e ? 1 : 0;
  }

  function poll(): FeedPoll {
    const out: FeedPoll = { decisions: 0, campaigns: 0, approvals: 0, killSwitch: 0 };
    // The same fields as POST /autonomy/kill-switch publishes, so the bus folds the two into one.
    for (const k of newKillSwitch.all(killSwitchCursor) as KillSwitchRow[]) {
      killSwitchCursor = k.id;
      if (
        events.publish("kill_switch", { on: k.is_on === 1, by: k.by, reason: k.reason, at: k.at })
      )
        out.killSwitch++;
    }
    // Approvals first: a decision is announced after the request it waits on, or the vote that settled it.
    for (const r of newRequests.all(requestCursor) as RequestRow[]) {
      requestCursor = r.rid;
      // Approvers of a request a re-plan replaced hear so first, with the one to answer instead.
      for (const old of supersededBy.all(r.id) as { id: string; proposal_id: string }[]) {
        const data = {
          requestId: old.id,
          proposalId: old.proposal_id,
          status: "superseded",
          supersededBy: r.id,
        };
        if (events.publish("approval", data)) out.approvals++;
      }
      if (
        events.publish("approval", {
          requestId: r.id,
          proposalId: r.proposal_id,
          status: "pending",
        })
      )
        out.approvals++;
    }
    for (const v of newVotes.all(voteCursor) as VoteRow[]) {
      voteCursor = v.id;
      if (
        events.publish("approval", {
          requestId: v.request_id,
          proposalId: v.proposal_id,
          status: v.status,
          vote: v.decision,
          by: v.approver,
          role: v.role,
        })
      )
        out.approvals++;
    }
    const changed = open.size
      ? (openDecisions.all(JSON.stringify([...open.keys()])) as DecisionRow[]).filter(
          (r) => open.get(r.id) !== r.status,
        )
      : [];
    for (const r of changed) out.decisions += decision(r);
    for (const r of newDecisions.all(decisionCursor) as DecisionRow[]) {
      decisionCursor = r.rid;
      out.decisions += decision(r);
    }
    for (const c of newCampaignEvents.all(campaignCursor) as CampaignEventRow[]) {
      campaignCursor = c.id;
      const data = {
        campaignId: c.campaign_id,
        action: ACTION_OF[c.to_status] ?? c.to_status,
        status: c.to_status,
        from: c.from_status,
        by: c.by,
        reason: c.reason,
        version: c.version,
      };
      if (events.publish("campaign", data)) out.campaigns++;
    }
    return out;
  }

  return {
    poll,
    start(everyMs = 250, fullEveryMs = 2_000) {
      if (timer) return;
      const safePoll = () => {
        try {
          poll();
        } catch {
          // A locked or closing database: the next tick tries again from the same cursors.
        }
      };
      let lastFull = Date.now();
      timer = setInterval(() => {
        // data_version moves only when another connection commits; this process's writers are
        // covered by the run events below, by callers of poll(), and by the slower full poll.
        const v = dataVersion();
        if (v === seenVersion && Date.now() - lastFull < fullEveryMs) return;
        seenVersion = v;
        lastFull = Date.now();
        safePoll();
      }, everyMs);
      timer.unref?.();
      // A run's end (HTTP thread runs) is when its approval request and campaign rows exist.
      unsubscribe = events.subscribe((e) => void (e.type === "run" && safePoll()));
    },
    stop() {
      if (timer) clearInterval(timer);
      unsubscribe?.();
      timer = undefined;
      unsubscribe = undefined;
    },
  };
}
