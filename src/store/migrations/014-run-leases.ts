/**
 * Who is running a graph thread right now: a lease with its owner (host:pid), last heartbeat and
 * expiry. Only a run whose lease expired (or whose owner process on this host is gone) is resumed
 * by another process, so a CLI `run` beside the service never takes over the service's live runs.
 */
export const runLeases = `
CREATE TABLE IF NOT EXISTS run_leases (
  thread_id TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  heartbeat_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
`;
