import { systemClock, type Clock } from "../domain/clock.js";
import { ownerGone, processOwner, writeTx, type Db } from "../store/index.js";
import { GraphError } from "./errors.js";

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
  return { owner: processOwner(), ttlMs: 60_000, clock: systemClock(), ...over };
}

/** A held lease: beats until released. */
export interface HeldLease {
  release(): void;
}

/** True when another live owner holds `threadId`'s lease: that run is not ours to resume. */
export function heldByOther(db: Db, threadId: string, o: LeaseOptions): boolean {
  const row = db
    .prepare("SELECT owner, expires_at FROM run_leases WHERE thread_id = ?")
    .get(threadId) as { owner: string; expires_at: string } | undefined;
  if (!row || row.owner === o.owner) return false;
  if (row.expires_at <= o.clock.now().toISOString()) return false;
  return !ownerGone(row.owner);
}

const upsertLease = `INSERT INTO run_leases (thread_id, owner, heartbeat_at, expires_at)
  VALUES (?, ?, ?, ?)
  ON CONFLICT(thread_id) DO UPDATE SET owner = excluded.owner,
    heartbeat_at = excluded.heartbeat_at, expires_at = excluded.expires_at`;

function stampOf(o: LeaseOptions): readonly [string, string] {
  const now = o.clock.now();
  return [now.toISOString(), new Date(now.getTime() + o.ttlMs).toISOString()] as const;
}

function heartbeat(db: Db, threadId: string, o: LeaseOptions): ReturnType<typeof setInterval> {
  const beat = setInterval(
    () => {
      try {
        const [now, next] = stampOf(o);
        db.prepare(
          "UPDATE run_leases SET heartbeat_at = ?, expires_at = ? WHERE thread_id = ? AND owner = ?",
        ).run(now, next, threadId, o.owner);
      } catch {
        // A busy or closed database: the next beat tries again, or the lease lapses as it should.
      }
    },
    Math.max(1_000, Math.floor(o.ttlMs / 3)),
  );
  beat.unref?.();
  return beat;
}

/** A lease taken and dropped inside the commits a run makes anyway (see `deferredLease`). */
export interface DeferredLease extends HeldLease {
  /** The lease's insert, run in the transaction of the run's first commit. */
  take(): void;
  /** The lease's delete, run in the transaction of the run's last commit. */
  drop(): void;
}

/**
 * The lease of a run that has stored nothing yet. No other process can see such a run, so its
 * lease need not be taken before it starts: it is written with the run's first commit and
 * deleted with its last, and costs no commit of its own (a run makes one or two). `take` throws
 * RUN_BUSY, failing that commit, when another live owner took the same thread meanwhile.
 */
export function deferredLease(db: Db, threadId: string, o: LeaseOptions): DeferredLease {
  let beat: ReturnType<typeof setInterval> | undefined;
  let dropped = false;
  const remove = () => {
    db.prepare("DELETE FROM run_leases WHERE thread_id = ? AND owner = ?").run(threadId, o.owner);
  };
  return {
    take() {
      if (heldByOther(db, threadId, o)) {
        throw new GraphError("RUN_BUSY", `run ${threadId} is in progress in another process`);
      }
      db.prepare(upsertLease).run(threadId, o.owner, ...stampOf(o));
      beat ??= heartbeat(db, threadId, o);
    },
    drop() {
      remove();
      dropped = true;
    },
    release() {
      if (beat) clearInterval(beat);
      if (dropped) return;
      try {
        remove();
      } catch {
        // Closed under us (an abandoned run at shutdown): the lease lapses, the next start resumes it.
      }
    },
  };
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
  const took = writeTx(db, (): boolean => {
    if (heldByOther(db, threadId, o)) return false;
    const [at, until] = stamp();
    db.prepare(
      `INSERT INTO run_leases (thread_id, owner, heartbeat_at, expires_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(thread_id) DO UPDATE SET owner = excluded.owner, heartbeat_at = excluded.heartbeat_at, expires_at = excluded.expires_at`,
    ).run(threadId, o.owner, at, until);
    return true;
  });
  if (!took) return null;
  const beat = setInterval(
    () => {
      try {
        const [now, next] = stamp();
        db.prepare(
          "UPDATE run_leases SET heartbeat_at = ?, expires_at = ? WHERE thread_id = ? AND owner = ?",
        ).run(now, next, threadId, o.owner);
      } catch {
        // A busy or closed database: the next beat tries again, or the lease lapses as it should.
      }
    },
    Math.max(1_000, Math.floor(o.ttlMs / 3)),
  );
  beat.unref?.();
  return {
    release() {
      clearInterval(beat);
      try {
        db.prepare("DELETE FROM run_leases WHERE thread_id = ? AND owner = ?").run(
          threadId,
          o.owner,
        );
      } catch {
        // Closed under us (an abandoned run at shutdown): the lease lapses, the next start resumes it.
      }
    },
  };
}
