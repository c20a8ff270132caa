/** Who is running a graph thread right now (SQLite 014). */
export const runLeases = `
CREATE TABLE run_leases (
  thread_id text COLLATE "C" PRIMARY KEY,
  owner text COLLATE "C" NOT NULL,
  heartbeat_at text COLLATE "C" NOT NULL,
  expires_at text COLLATE "C" NOT NULL
);
`;
