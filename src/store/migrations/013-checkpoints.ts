/**
 * The promotion graph's checkpoints, stored as LangGraph's Postgres saver stores them: a checkpoint
 * row holds channel versions only, and each channel's value is stored once per version in
 * `checkpoint_blobs`, so a run's large values (the plan, the policy verdict) are written once
 * rather than again with every later step.
 *
 * `checkpoints` and `writes` keep the layout `@langchain/langgraph-checkpoint-sqlite` created in
 * earlier versions (created here when absent); `writes` gains the task path LangGraph orders a
 * step's writes by. Checkpoints written the old way carry their values inline: each value moves
 * to a blob under its version (`->` keeps it as JSON text) and leaves the row, so every row reads
 * the same way and a thread started before the upgrade resumes after it.
 */
export const checkpoints = `
CREATE TABLE IF NOT EXISTS checkpoints (
  thread_id TEXT NOT NULL,
  checkpoint_ns TEXT NOT NULL DEFAULT '',
  checkpoint_id TEXT NOT NULL,
  parent_checkpoint_id TEXT,
  type TEXT,
  checkpoint BLOB,
  metadata BLOB,
  PRIMARY KEY (thread_id, checkpoint_ns, checkpoint_id)
);
CREATE TABLE IF NOT EXISTS writes (
  thread_id TEXT NOT NULL,
  checkpoint_ns TEXT NOT NULL DEFAULT '',
  checkpoint_id TEXT NOT NULL,
  task_id TEXT NOT NULL,
  idx INTEGER NOT NULL,
  channel TEXT NOT NULL,
  type TEXT,
  value BLOB,
  PRIMARY KEY (thread_id, checkpoint_ns, checkpoint_id, task_id, idx)
);
ALTER TABLE writes ADD COLUMN task_path TEXT NOT NULL DEFAULT '';
CREATE TABLE checkpoint_blobs (
  thread_id TEXT NOT NULL,
  checkpoint_ns TEXT NOT NULL DEFAULT '',
  channel TEXT NOT NULL,
  version TEXT NOT NULL,
  type TEXT NOT NULL,
  value BLOB,
  PRIMARY KEY (thread_id, checkpoint_ns, channel, version)
);
INSERT OR IGNORE INTO checkpoint_blobs (thread_id, checkpoint_ns, channel, version, type, value)
  SELECT c.thread_id, c.checkpoint_ns, v.key, CAST(v.value AS TEXT),
         CASE WHEN json_type(CAST(c.checkpoint AS TEXT), '$.channel_values."' || v.key || '"') IS NULL THEN 'empty' ELSE 'json' END,
         CAST(c.checkpoint AS TEXT) -> ('$.channel_values."' || v.key || '"')
    FROM checkpoints c, json_each(CAST(c.checkpoint AS TEXT), '$.channel_versions') v
   WHERE c.type = 'json';
UPDATE checkpoints SET checkpoint = json_remove(CAST(checkpoint AS TEXT), '$.channel_values') WHERE type = 'json';
`;
