/** An API thread's decisions after its first, each on a graph thread of its own (SQLite 020). */
export const threadEpisodes = `
CREATE TABLE thread_episodes (
  thread_id text COLLATE "C" NOT NULL,
  seq bigint NOT NULL,
  decision_id text COLLATE "C" NOT NULL UNIQUE,
  created_at text COLLATE "C" NOT NULL,
  PRIMARY KEY (thread_id, seq)
);
`;
