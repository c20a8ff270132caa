/**
 * Decision records and executed campaigns. A decision is one run of the promotion graph for one
 * scope: its record (inputs, findings, scenarios, verdict, approvals, outcome) is JSON, with the
 * columns people filter on pulled out. `campaigns.decision_id` is UNIQUE so a resumed or replayed
 * run can never launch the same decision twice.
 */
export const decisions = `
CREATE TABLE decisions (
  id TEXT PRIMARY KEY,
  thread_id TEXT NOT NULL,
  trigger TEXT NOT NULL,
  category TEXT,
  market TEXT,
  status TEXT NOT NULL CHECK (status IN ('running', 'awaiting_approval', 'executed', 'blocked', 'rejected', 'no_action', 'failed')),
  verdict TEXT CHECK (verdict IN ('allow', 'escalate', 'block')),
  proposal_id TEXT,
  approval_request_id TEXT,
  checkpoint_id TEXT,
  policy_version TEXT,
  model_version TEXT NOT NULL,
  reasoner TEXT NOT NULL,
  record TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX decisions_created ON decisions(created_at);
CREATE INDEX decisions_status ON decisions(status, created_at);
CREATE UNIQUE INDEX decisions_thread ON decisions(thread_id);

CREATE TABLE campaigns (
  id TEXT PRIMARY KEY,
  decision_id TEXT NOT NULL UNIQUE REFERENCES decisions(id),
  proposal TEXT NOT NULL,
  category TEXT NOT NULL,
  markets TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('scheduled', 'live', 'stopped', 'finished')),
  approval_request_id TEXT,
  policy_version TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX campaigns_dates ON campaigns(start_date, end_date);
`;
