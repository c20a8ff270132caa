import type { Clock } from "../policies/clock.js";
import { systemClock } from "../policies/clock.js";
import type { Db } from "../store/db.js";

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
export function setKillSwitch(db: Db, on: boolean, by: string, reason: string, clock: Clock = systemClock()): KillSwitchState {
  const at = clock.now().toISOString();
  db.prepare("INSERT INTO kill_switch_events (is_on, by, reason, at) VALUES (?, ?, ?, ?)").run(on ? 1 : 0, by, reason, at);
  return { on, by, reason, at };
}

/** The kill switch's latest state. */
export function killSwitchState(db: Db): KillSwitchState {
  const r = db.prepare("SELECT is_on, by, reason, at FROM kill_switch_events ORDER BY id DESC LIMIT 1").get() as
    | { is_on: number; by: string; reason: string; at: string }
    | undefined;
  return r ? { on: r.is_on === 1, by: r.by, reason: r.reason, at: r.at } : { on: false };
}

/** True while the kill switch is on. */
export function killSwitchOn(db: Db): boolean {
  return killSwitchState(db).on;
}
