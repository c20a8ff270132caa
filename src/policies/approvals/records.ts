import type { Db } from "../../store/db.js";
import type { Clock } from "../clock.js";
import { canonicalJson } from "../load.js";
import type { LoadedPolicy } from "../load.js";
import type { PolicyVerdict } from "../types.js";

/** Stores a policy version once (by hash), so every verdict's policyVersion can be looked up. */
export function recordPolicyVersion(db: Db, loaded: LoadedPolicy, clock: Clock): void {
  db.prepare("INSERT OR IGNORE INTO policy_versions (version, source, body, first_seen_at) VALUES (?, ?, ?, ?)").run(
    loaded.version,
    loaded.source,
    canonicalJson(loaded.policy),
    clock.now().toISOString(),
  );
}

/** Appends a verdict to the decision record; returns its row id. */
export function recordVerdict(db: Db, verdict: PolicyVerdict, loaded: LoadedPolicy, clock: Clock): number {
  recordPolicyVersion(db, loaded, clock);
  const res = db
    .prepare("INSERT INTO policy_verdicts (proposal_id, policy_version, verdict, body, checked_at) VALUES (?, ?, ?, ?, ?)")
    .run(verdict.proposalId, verdict.policyVersion, verdict.verdict, JSON.stringify(verdict), verdict.checkedAt);
  return Number(res.lastInsertRowid);
}
