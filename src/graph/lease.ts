import { hostname } from "node:os";
import { systemClock, type Clock } from "../policies/clock.js";
import type { Db } from "../store/index.js";

/** How a process holds the runs it works on. */
export interface LeaseOptions {
  /** This process: host:pid (threads of one process share it, so a worker's runs are its own). */
  owner: string;
  /** How long a lease lives without a heartbeat (default 60 s). */
  ttlMs: number;
  /** Wall time for expiry: never a planning clock fixed by --now. */
  clock: Clock;
}

/** Leases for this process: owner host:pid, 60 s without a heartbeat, the wall clock. */
export function defaultLease(over: Partial<LeaseOptions> = {}): LeaseOptions {
  return { owner: `${hostname()}:${process.pid}`, ttlMs: 60_000, clock: systemClock(), ...over };
}

/** A held lease: beats until released. */
export interface HeldLease {
  release(): void;
}

/** True when `owner` names a process on this host that no longer exists (killed, crashed). */
function ownerGone(owner: string): boolean {
  const at = owner.lastIndexOf(":");
  if (at < 0 || owner.slice(0, at) !== hostname()) return false;
  const pid = Number(owner.slice(at + 1));
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as { code?: string }).code === "ESRCH";
  }
}

/** True when another live owner holds `threadId`'s lease: that run is not ours to resume. */
export function heldByOther(db: Db, threadId: string, o: LeaseOptions): boolean {
  const row = db.prepare("SELECT owner, expires_at FROM run_leases WHERE thread_id = ?").get(threadId) as { owner: string; expires_at: string } | undefined;
  if (!row || row.owner === o.owner) return false;
  if (row.expires_at <= o.clock.now().toISOString()) return false;
  return !ownerGone(row.owner);
}

/**
 * Takes the lease of `threadId` unless another live owner holds it (then `null`), and keeps it
 * alive with a heartbeat every third of its lifetime until released.
 */
export function acquireLease(db: Db, threadId: string, o: LeaseOptions): HeldLease | null {
  const stamp = () => {
    const now = o.clock.now();
    return [now.toISOString(), new Date(now.getTime() + o.ttlMs).toISOString()] as const;
  };
  // Check and take under one write lock: two processes cannot both find it free.
  const took = db.transaction((): boolean => {
    if (heldByOther(db, threadId, o)) return false;
    const [at, until] = stamp();
    db.prepare(
      `INSERT INTO run_leases (thread_id, owner, heartbeat_at, expires_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(thread_id) DO UPDATE SET owner = excluded.owner, heartbeat_at = excluded.heartbeat_at, expires_at = excluded.expires_at`,
    ).run(threadId, o.owner, at, until);
    return true;
  }).immediate();
  if (!took) return null;
  const beat = setInterval(() => {
    try {
      const [now, next] = stamp();
      db.prepare("UPDATE run_leases SET heartbeat_at = ?, expires_at = ? WHERE thread_id = ? AND owner = ?").run(now, next, threadId, o.owner);
    } catch {
      // A busy or closed database: the next beat tries again, or the lease lapses as it should.
    }
  }, Math.max(1_000, Math.floor(o.ttlMs / 3)));
  beat.unref?.();
  return {
    release() {
      clearInterval(beat);
      try {
        db.prepare("DELETE FROM run_leases WHERE thread_id = ? AND owner = ?").run(threadId, o.owner);
      } catch {
        // Closed under us (an abandoned run at shutdown): the lease lapses, the next start resumes it.
      }
    },
  };
}
