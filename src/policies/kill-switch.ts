import type { Clock } from "../domain/clock.js";
import { systemClock } from "../domain/clock.js";
import { mergeApprovals, rolesOf, routeFor } from "./routing.js";
import type { Policy } from "./schema.js";
import type { PolicyVerdict, RuleResult } from "./types.js";
import type { Db } from "../store/db.js";
import { prepared } from "../store/sql.js";

/** The kill switch as last set; `on: false` with no `at` when it was never touched. */
export interface KillSwitchState {
  on: boolean;
  by?: string;
  reason?: string;
  at?: string;
}

/**
 * Turns the global kill switch on or off, recording who and why. While it is on, the delivery
 * worker holds every autonomous launch (retractions and human-approved launches still go out,
 * because stopping things must keep working).
 */
export function setKillSwitch(
  db: Db,
  on: boolean,
  by: string,
  reason: string,
  clock: Clock = systemClock(),
): KillSwitchState {
  const at = clock.now().toISOString();
  prepared(db, "INSERT INTO kill_switch_events (is_on, by, reason, at) VALUES (?, ?, ?, ?)").run(
    on ? 1 : 0,
    by,
    reason,
    at,
  );
  return { on, by, reason, at };
}

/** The kill switch's latest state. */
export function killSwitchState(db: Db): KillSwitchState {
  const r = prepared(
    db,
    "SELECT is_on, by, reason, at FROM kill_switch_events ORDER BY id DESC LIMIT 1",
  ).get() as { is_on: number; by: string; reason: string; at: string } | undefined;
  return r ? { on: r.is_on === 1, by: r.by, reason: r.reason, at: r.at } : { on: false };
}

/** True while the kill switch is on. */
export function killSwitchOn(db: Db): boolean {
  return killSwitchState(db).on;
}

/** The verdict line the kill switch adds; routed like the `autonomy` group (it is not a policy-file rule). */
export const KILL_SWITCH_RULE_ID = "autonomy.kill_switch";

/**
 * While the kill switch is on nothing is autonomous: an allowed verdict becomes an escalation to
 * the roles the policy routes `autonomy` to, with the switch's who and why as the reason. Blocks
 * stay blocks and escalations already wait for people.
 */
export function escalateWhileKillSwitchOn(
  db: Db,
  verdict: PolicyVerdict,
  policy: Policy,
): PolicyVerdict {
  const k = killSwitchState(db);
  if (!k.on || verdict.verdict !== "allow") return verdict;
  const approvals = routeFor(policy, KILL_SWITCH_RULE_ID);
  const rule: RuleResult = {
    id: KILL_SWITCH_RULE_ID as RuleResult["id"],
    outcome: "escalate",
    reason: `kill switch on since ${k.at ?? "?"} (${k.by ?? "?"}: ${k.reason ?? ""}): autonomous actions need a person`,
    approvals,
    roles: rolesOf(approvals),
  };
  const required = mergeApprovals([approvals]);
  return {
    ...verdict,
    verdict: "escalate",
    rules: [...verdict.rules, rule],
    requiredApprovals: required,
    roles: rolesOf(required),
  };
}
