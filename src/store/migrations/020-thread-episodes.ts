/**
 * An API thread that took more than one decision: each start after the first runs on a graph
 * thread of its own (the new decision's id), in order, so the server thread reads its latest
 * decision while every earlier one keeps its checkpoints and record.
 */
export const threadEpisodes = `
CREATE TABLE IF NOT EXISTS thread_episodes (
  thread_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  decision_id TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  PRIMARY KEY (thread_id, seq)
);
`;
