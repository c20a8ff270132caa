/**
 * One pending approval request per scope and plan (SQLite 021). Postgres widens the CHECKs in
 * place where SQLite rebuilds the table. SQLite's clean-up of files holding several pending
 * requests for one scope is not repeated: no Postgres store predates this migration.
 */
export const supersededRequests = `
ALTER TABLE approval_requests
  DROP CONSTRAINT approval_requests_status_check,
  DROP CONSTRAINT approval_requests_resolution_check,
  ADD CONSTRAINT approval_requests_status_check
    CHECK (status IN ('pending', 'approved', 'rejected', 'superseded')),
  ADD CONSTRAINT approval_requests_resolution_check
    CHECK (resolution IN ('approved', 'rejected', 'expired', 'superseded')),
  ADD COLUMN category text COLLATE "C",
  ADD COLUMN market text COLLATE "C",
  ADD COLUMN superseded_by text COLLATE "C";
CREATE INDEX approval_requests_superseded ON approval_requests(superseded_by);
CREATE UNIQUE INDEX approval_requests_one_pending_plan
  ON approval_requests(category, market)
  WHERE status = 'pending' AND category IS NOT NULL;
`;
