/**
 * The embedded SQLite saver's checkpoint tables (SQLite 013), so a migrated store keeps them as
 * rows. LangGraph's Postgres saver does not read them: it keeps its own tables (`checkpoints`,
 * `checkpoint_blobs`, `checkpoint_writes`), which is why the store lives in a schema of its own.
 * BLOB columns are bytea.
 */
export const checkpoints = `
CREATE TABLE checkpoints (
  thread_id text COLLATE "C" NOT NULL,
  checkpoint_ns text COLLATE "C" NOT NULL DEFAULT '',
  checkpoint_id text COLLATE "C" NOT NULL,
  parent_checkpoint_id text COLLATE "C",
  type text COLLATE "C",
  checkpoint bytea,
  metadata bytea,
  PRIMARY KEY (thread_id, checkpoint_ns, checkpoint_id)
);
CREATE TABLE writes (
  thread_id text COLLATE "C" NOT NULL,
  checkpoint_ns text COLLATE "C" NOT NULL DEFAULT '',
  checkpoint_id text COLLATE "C" NOT NULL,
  task_id text COLLATE "C" NOT NULL,
  idx bigint NOT NULL,
  channel text COLLATE "C" NOT NULL,
  type text COLLATE "C",
  value bytea,
  task_path text COLLATE "C" NOT NULL DEFAULT '',
  PRIMARY KEY (thread_id, checkpoint_ns, checkpoint_id, task_id, idx)
);
CREATE TABLE checkpoint_blobs (
  thread_id text COLLATE "C" NOT NULL,
  checkpoint_ns text COLLATE "C" NOT NULL DEFAULT '',
  channel text COLLATE "C" NOT NULL,
  version text COLLATE "C" NOT NULL,
  type text COLLATE "C" NOT NULL,
  value bytea,
  PRIMARY KEY (thread_id, checkpoint_ns, channel, version)
);
`;
