/** Who is running a graph thread right now (SQLite 014). */
export const runLeases = `
CREATE TABLE run_leases (
  thread_id text PRIMARY KEY,
  owner text NOT NULL,
  heartbeat_at text NOT NULL,
  expires_at text NOT NULL
);
`;
