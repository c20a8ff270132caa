/**
 * Governance records: policy versions seen, verdicts, approval requests with their votes, and the
 * ledger of spend committed by approved or launched campaigns (read back by the policy context
 * for spend caps, budgets and promotion history). JSON columns hold arrays of ids or roles.
 */
export const governance = `
CREATE TABLE policy_versions (
  version TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  body TEXT NOT NULL,
  first_seen_at TEXT NOT NULL
);

CREATE TABLE policy_verdicts (
  id INTEGER PRIMARY KEY,
  proposal_id TEXT NOT NULL,
  policy_version TEXT NOT NULL REFERENCES policy_versions(version),
  verdict TEXT NOT NULL CHECK (verdict IN ('allow', 'escalate', 'block')),
  body TEXT NOT NULL,
  checked_at TEXT NOT NULL
);
CREATE INDEX policy_verdicts_proposal ON policy_verdicts(proposal_id, checked_at);

CREATE TABLE approval_requests (
  id TEXT PRIMARY KEY,
  proposal_id TEXT NOT NULL,
  proposal TEXT NOT NULL,
  policy_version TEXT NOT NULL,
  verdict TEXT NOT NULL,
  all_of TEXT NOT NULL,
  any_of TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
  resolution TEXT CHECK (resolution IN ('approved', 'rejected', 'expired')),
  created_at TEXT NOT NULL,
  deadline_at TEXT NOT NULL,
  decided_at TEXT,
  expired_at TEXT
);
CREATE INDEX approval_requests_status ON approval_requests(status, deadline_at);
CREATE INDEX approval_requests_proposal ON approval_requests(proposal_id);

CREATE TABLE approval_votes (
  id INTEGER PRIMARY KEY,
  request_id TEXT NOT NULL REFERENCES approval_requests(id),
  role TEXT NOT NULL,
  approver TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('approve', 'reject')),
  comment TEXT NOT NULL,
  voted_at TEXT NOT NULL
);
CREATE UNIQUE INDEX approval_votes_once ON approval_votes(request_id, role);

CREATE TABLE spend_commitments (
  campaign_id TEXT PRIMARY KEY,
  category TEXT NOT NULL,
  markets TEXT NOT NULL,
  skus TEXT NOT NULL,
  mechanic TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  amount REAL NOT NULL CHECK (amount >= 0),
  status TEXT NOT NULL CHECK (status IN ('approved', 'launched', 'cancelled')),
  approval_request_id TEXT REFERENCES approval_requests(id),
  policy_version TEXT,
  committed_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX spend_commitments_dates ON spend_commitments(start_date, end_date);
CREATE INDEX spend_commitments_category ON spend_commitments(category, start_date);
`;
