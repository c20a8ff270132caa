import { stateOf, type Db } from "../../store/index.js";
import type { Clock } from "../../domain/clock.js";
import { canonicalJson } from "../load.js";
import type { LoadedPolicy } from "../load.js";
import type { PolicyVerdict } from "../types.js";
import { prepared } from "../../store/sql.js";

/** Stores a policy version once (by hash), so every verdict's policyVersion can be looked up. */
export function recordPolicyVersion(db: Db, loaded: LoadedPolicy, clock: Clock): void {
  // Once per connection and version: every run checks against the same policy, and its canonical JSON is not free.
  const seen = stateOf(db).slot("policy versions recorded", () => new Set<string>());
  if (seen.has(loaded.version)) return;
  prepared(
    db,
    "INSERT OR IGNORE INTO policy_versions (version, source, body, first_seen_at) VALUES (?, ?, ?, ?)",
  ).run(loaded.version, loaded.source, canonicalJson(loaded.policy), clock.now().toISOString());
  // Inside a transaction the row may still be rolled back: only remember what is committed.
  if (!db.inTransaction) seen.add(loaded.version);
}

/** Appends a verdict to the decision record; returns its row id. */
export function recordVerdict(
  db: Db,
  verdict: PolicyVerdict,
  loaded: LoadedPolicy,
  clock: Clock,
): number {
  recordPolicyVersion(db, loaded, clock);
  const res = prepared(
    db,
    "INSERT INTO policy_verdicts (proposal_id, policy_version, verdict, body, checked_at) VALUES (?, ?, ?, ?, ?)",
  ).run(
    verdict.proposalId,
    verdict.policyVersion,
    verdict.verdict,
    JSON.stringify(verdict),
    verdict.checkedAt,
  );
  return Number(res.lastInsertRowid);
}

/**
 * Logs a verdict unless the same check result (same proposal, policy version, verdict and rule
 * results; the check time aside) is already logged: a graph node re-run after a crash checks the
 * proposal again but must not log it twice. Returns the row id, old or new.
 */
export function recordVerdictOnce(
  db: Db,
  verdict: PolicyVerdict,
  loaded: LoadedPolicy,
  clock: Clock,
): number {
  const body = JSON.stringify(verdict);
  const logged = prepared(
    db,
    "SELECT id FROM policy_verdicts WHERE proposal_id = ? AND policy_version = ? AND json_remove(body, '$.checkedAt') = json_remove(?, '$.checkedAt') LIMIT 1",
  ).get(verdict.proposalId, verdict.policyVersion, body) as { id: number } | undefined;
  return logged ? logged.id : recordVerdict(db, verdict, loaded, clock);
}
