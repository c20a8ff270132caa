/**
 * A bulk ingest's rows wait in a stage table (`stage_<table>`, created with the table's columns
 * when first needed), committed in short batches, until one short transaction publishes them to
 * the fact tables: no writer holds the lock for a whole file, and a killed ingest leaves only
 * staged rows nobody reads (adopted by a re-run of the same input, or swept by the next ingest).
 */
export const ingestStages = `
CREATE TABLE IF NOT EXISTS ingest_stages (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  origin TEXT NOT NULL,
  file_sha256 TEXT,
  source TEXT NOT NULL,
  catalog_version TEXT NOT NULL,
  owner TEXT NOT NULL,
  started_at TEXT NOT NULL,
  heartbeat_at TEXT NOT NULL,
  -- Set in the publishing transaction: its rows are only waiting to be deleted.
  published_ingest_id INTEGER
);
`;
