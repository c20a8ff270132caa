/**
 * Decision records and executed campaigns (SQLite 004). The record stays JSON text, as in SQLite,
 * so it reads back byte for byte; `campaigns.decision_id` UNIQUE keeps one launch per decision.
 */
export const decisions = `
CREATE TABLE decisions (
  id text COLLATE "C" PRIMARY KEY,
  thread_id text COLLATE "C" NOT NULL,
  trigger text COLLATE "C" NOT NULL,
  category text COLLATE "C",
  market text COLLATE "C",
  status text COLLATE "C" NOT NULL
    CHECK (status IN ('running', 'awaiting_approval', 'executed', 'blocked',
    'rejected', 'no_action', 'failed')),
  verdict text COLLATE "C" CHECK (verdict IN ('allow', 'escalate', 'block')),
  proposal_id text COLLATE "C",
  approval_request_id text COLLATE "C",
  checkpoint_id text COLLATE "C",
  policy_version text COLLATE "C",
  model_version text COLLATE "C" NOT NULL,
  reasoner text COLLATE "C" NOT NULL,
  record text COLLATE "C" NOT NULL,
  created_at text COLLATE "C" NOT NULL,
  updated_at text COLLATE "C" NOT NULL
);
CREATE INDEX decisions_created ON decisions(created_at);
CREATE INDEX decisions_status ON decisions(status, created_at);
CREATE UNIQUE INDEX decisions_thread ON decisions(thread_id);

CREATE TABLE campaigns (
  id text COLLATE "C" PRIMARY KEY,
  decision_id text COLLATE "C" NOT NULL UNIQUE REFERENCES decisions(id),
  proposal text COLLATE "C" NOT NULL,
  category text COLLATE "C" NOT NULL,
  markets text COLLATE "C" NOT NULL,
  start_date text COLLATE "C" NOT NULL,
  end_date text COLLATE "C" NOT NULL,
  status text COLLATE "C" NOT NULL CHECK (status IN ('scheduled', 'live', 'stopped', 'finished')),
  approval_request_id text COLLATE "C",
  policy_version text COLLATE "C" NOT NULL,
  created_at text COLLATE "C" NOT NULL
);
CREATE INDEX campaigns_dates ON campaigns(start_date, end_date);
`;
