import { existsSync, readdirSync } from "node:fs";
import { sandboxReceipts } from "../../../src/channels/index.js";
import type { Channel } from "../../../src/domain/channel.js";
import { openDb } from "../../../src/store/index.js";
import { tableDigests } from "./invariants.js";

/**
 * What a finished crash-scenario database holds, as multisets of keys, so a run that was killed
 * and resumed can be compared with the same run left alone: a key seen more often than in the
 * reference is a duplicate, a key seen less often (or a status that differs) is a loss.
 */
export interface ScenarioSnapshot {
  /** `<id> <status>` per decision record. */
  decisions: string[];
  /** `<request> <role> <decision>` per vote. */
  votes: string[];
  /** `<id> <status>` per approval request. */
  approvalRequests: string[];
  /** `<campaign> <decision>` per campaign row. */
  campaigns: string[];
  /** `<campaign> <status>` per spend commitment. */
  commitments: string[];
  /** `<proposal>` per logged policy verdict. */
  verdicts: string[];
  /** `<idempotency key> <status>` per outbox row. */
  outbox: string[];
  /** Idempotency keys in the channels' sandbox ledgers (what the receivers applied). */
  received: string[];
  /** `<campaign> <from>→<to>` per lifecycle event. */
  campaignEvents: string[];
  /** sha256 of every signal and catalog table. */
  signals: Record<string, string>;
}

/** The harmonised signals and the catalog they hang on: a crash in a run must not touch them. */
const SIGNAL_TABLES = [
  "sales",
  "inventory",
  "production",
  "competitor_prices",
  "consumer_signals",
  "markets",
  "locations",
  "products",
  "sku_aliases",
  "fx_rates",
  "ingests",
  "quarantine",
  "fact_history",
];

/** Reads the scenario's records from `dbPath` and the receivers' ledgers under `sandboxDir`. */
export function snapshotScenario(dbPath: string, sandboxDir: string): ScenarioSnapshot {
  const db = openDb(dbPath);
  try {
    const col = (sql: string) =>
      (db.prepare(sql).raw().all() as unknown[][]).map((r) => r.join(" "));
    const digests = tableDigests(db);
    const channels = existsSync(sandboxDir) ? readdirSync(sandboxDir) : [];
    return {
      decisions: col("SELECT id, status FROM decisions"),
      votes: col("SELECT request_id, role, decision FROM approval_votes"),
      approvalRequests: col("SELECT id, status FROM approval_requests"),
      campaigns: col("SELECT id, decision_id FROM campaigns"),
      commitments: col("SELECT campaign_id, status FROM spend_commitments"),
      verdicts: col("SELECT proposal_id FROM policy_verdicts"),
      outbox: col("SELECT idempotency_key, status FROM outbox"),
      received: channels.flatMap((ch) =>
        sandboxReceipts(sandboxDir, ch as Channel).map((r) => r.idempotencyKey),
      ),
      campaignEvents: col(
        "SELECT campaign_id, coalesce(from_status, '∅') || '→' || to_status FROM campaign_events",
      ),
      signals: Object.fromEntries(
        SIGNAL_TABLES.filter((t) => digests[t]).map((t) => [t, digests[t]!.sha256]),
      ),
    };
  } finally {
    db.close();
  }
}

/** Duplicates and losses of `got` against the undisturbed `ref`, each described in words. */
export interface Differences {
  duplicates: string[];
  losses: string[];
}

const count = (xs: string[]) =>
  xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>());
const idOf = (k: string) => k.split(" ")[0]!;

/**
 * Compares record by record. For records with a status (decisions, approval requests, spend
 * commitments, outbox rows) an id seen more often than in the reference is a duplicate, and an
 * id missing or left in another status (a decision still `running`, a message still `pending`)
 * is a loss. The other lists are compared as multisets of whole keys.
 */
export function compareSnapshots(ref: ScenarioSnapshot, got: ScenarioSnapshot): Differences {
  const out: Differences = { duplicates: [], losses: [] };
  for (const what of ["decisions", "approvalRequests", "commitments", "outbox"] as const) {
    const [r, g] = [count(ref[what].map(idOf)), count(got[what].map(idOf))];
    for (const id of new Set([...r.keys(), ...g.keys()])) {
      const [nr, ng] = [r.get(id) ?? 0, g.get(id) ?? 0];
      if (ng > nr) out.duplicates.push(`${what}: ${id} ×${ng}, reference ×${nr}`);
      if (ng < nr) out.losses.push(`${what}: ${id} missing`);
    }
    const statuses = new Set(got[what]);
    for (const k of ref[what])
      if (g.has(idOf(k)) && !statuses.has(k))
        out.losses.push(
          `${what}: ${idOf(k)} is ${got[what].find((x) => idOf(x) === idOf(k))?.split(" ")[1]}, reference ${k.split(" ")[1]}`,
        );
  }
  for (const what of ["votes", "campaigns", "verdicts", "received", "campaignEvents"] as const) {
    const [r, g] = [count(ref[what]), count(got[what])];
    for (const k of new Set([...r.keys(), ...g.keys()])) {
      const [nr, ng] = [r.get(k) ?? 0, g.get(k) ?? 0];
      if (ng > nr) out.duplicates.push(`${what}: "${k}" ×${ng}, reference ×${nr}`);
      if (ng < nr) out.losses.push(`${what}: "${k}" ×${ng}, reference ×${nr}`);
    }
  }
  for (const [t, sha] of Object.entries(ref.signals))
    if (got.signals[t] !== sha) out.losses.push(`signals: table ${t} changed`);
  return out;
}
