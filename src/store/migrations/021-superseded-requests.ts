/**
 * One pending approval request per scope and plan. `approval_requests` gains the scope its plan
 * is for (`category`, `market`; NULL for a campaign edit's request), the status and resolution
 * `superseded`, and `superseded_by` (the request that replaced it). A partial unique index keeps
 * one pending plan request per scope, so two concurrent re-plans cannot both open one.
 *
 * SQLite cannot widen a CHECK in place: the table is rebuilt (foreign keys off for the swap,
 * checked before commit), every row and vote kept. Files from before this migration may hold
 * several pending requests for one scope: the newest stays pending, the others are superseded by
 * it and their decisions closed with the reason.
 */
export const supersededRequests = `
CREATE TABLE approval_requests_v21 (
  id TEXT PRIMARY KEY,
  proposal_id TEXT NOT NULL,
  proposal TEXT NOT NULL,
  policy_version TEXT NOT NULL,
  verdict TEXT NOT NULL,
  all_of TEXT NOT NULL,
  any_of TEXT NOT NULL,
  status TEXT NOT NULL
    CHECK (status IN ('pending', 'approved', 'rejected', 'superseded')),
  resolution TEXT
    CHECK (resolution IN ('approved', 'rejected', 'expired', 'superseded')),
  created_at TEXT NOT NULL,
  deadline_at TEXT NOT NULL,
  decided_at TEXT,
  expired_at TEXT,
  category TEXT,
  market TEXT,
  superseded_by TEXT
);
INSERT INTO approval_requests_v21 (id, proposal_id, proposal, policy_version, verdict,
    all_of, any_of, status, resolution, created_at, deadline_at, decided_at, expired_at,
    category, market)
  SELECT r.id, r.proposal_id, r.proposal, r.policy_version, r.verdict,
    r.all_of, r.any_of, r.status, r.resolution, r.created_at, r.deadline_at, r.decided_at,
    r.expired_at, d.category, d.market
  FROM approval_requests r
  LEFT JOIN (SELECT approval_request_id, min(category) AS category, min(market) AS market
               FROM decisions WHERE approval_request_id IS NOT NULL
              GROUP BY approval_request_id) d ON d.approval_request_id = r.id;
DROP TABLE approval_requests;
ALTER TABLE approval_requests_v21 RENAME TO approval_requests;
CREATE INDEX approval_requests_status ON approval_requests(status, deadline_at);
CREATE INDEX approval_requests_proposal ON approval_requests(proposal_id);
CREATE INDEX approval_requests_superseded ON approval_requests(superseded_by);

UPDATE approval_requests AS r
   SET status = 'superseded', resolution = 'superseded',
       decided_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
       superseded_by = (SELECT n.id FROM approval_requests n
                         WHERE n.category = r.category AND n.market = r.market
                           AND n.status = 'pending'
                         ORDER BY n.created_at DESC, n.id DESC LIMIT 1)
 WHERE r.status = 'pending' AND r.category IS NOT NULL
   AND r.id <> (SELECT n.id FROM approval_requests n
                 WHERE n.category = r.category AND n.market = r.market
                   AND n.status = 'pending'
                 ORDER BY n.created_at DESC, n.id DESC LIMIT 1);

UPDATE decisions
   SET status = 'rejected',
       updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
       record = json_set(record, '$.status', 'rejected',
         '$.outcome', json_object('status', 'rejected', 'reason',
           'approval superseded by ' || (SELECT r.superseded_by FROM approval_requests r
                                          WHERE r.id = decisions.approval_request_id)
           || ' (migration 021: one pending request per scope, the newest kept)'))
 WHERE status = 'awaiting_approval'
   AND approval_request_id IN (SELECT id FROM approval_requests WHERE status = 'superseded');

CREATE UNIQUE INDEX approval_requests_one_pending_plan
  ON approval_requests(category, market)
  WHERE status = 'pending' AND category IS NOT NULL;
`;
