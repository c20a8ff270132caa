/**
 * Decision records and executed campaigns (SQLite 004). The record stays JSON text, as in SQLite,
 * so it reads back byte for byte; `campaigns.decision_id` UNIQUE keeps one launch per decision.
 */
export const decisions = `
CREATE TABLE decisions (
  id text PRIMARY KEY,
  thread_id text NOT NULL,
  trigger text NOT NULL,
  category text,
  market text,
  status text NOT NULL CHECK (status IN ('running', 'awaiting_approval', 'executed', 'blocked',
    'rejected', 'no_action', 'failed')),
  verdict text CHECK (verdict IN ('allow', 'escalate', 'block')),
  proposal_id text,
  approval_request_id text,
  checkpoint_id text,
  policy_version text,
  model_version text NOT NULL,
  reasoner text NOT NULL,
  record text NOT NULL,
  created_at text NOT NULL,
  updated_at text NOT NULL
);
CREATE INDEX decisions_created ON decisions(created_at);
CREATE INDEX decisions_status ON decisions(status, created_at);
CREATE UNIQUE INDEX decisions_thread ON decisions(thread_id);

CREATE TABLE campaigns (
  id text PRIMARY KEY,
  decision_id text NOT NULL UNIQUE REFERENCES decisions(id),
  proposal text NOT NULL,
  category text NOT NULL,
  markets text NOT NULL,
  start_date text NOT NULL,
  end_date text NOT NULL,
  status text NOT NULL CHECK (status IN ('scheduled', 'live', 'stopped', 'finished')),
  approval_request_id text,
  policy_version text NOT NULL,
  created_at text NOT NULL
);
CREATE INDEX campaigns_dates ON campaigns(start_date, end_date);
`;
