/**
 * Shoppers for the targeting agent.
 *
 * - `shoppers`: one row per shopper and market. `features` (JSON name → number) are behavioural
 *   signals the models may learn from; `attributes` (JSON) are descriptive and never drive a
 *   choice — protected or vulnerability attributes may sit there, so the agent can prove it ignores them.
 * - `shopper_consents`: an append-only log of opt-ins and withdrawals per channel; the latest row
 *   at or before a time is the consent in force then (no row: no consent).
 * - `shopper_contacts`: every contact sent, for weekly frequency caps.
 * - `contact_experiments`: past randomised contacts (control / contact / contact with a discount)
 *   and what followed, the data the uplift models learn from.
 * - `audience_members`: the shoppers an audience segment resolves to (a campaign names the
 *   segment, never people), with the channel and whether the contact carries a discount.
 */
export const shoppers = `
CREATE TABLE shoppers (
  id TEXT PRIMARY KEY,
  market TEXT NOT NULL,
  features TEXT NOT NULL CHECK (json_valid(features)),
  attributes TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(attributes)),
  origin TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX shoppers_market ON shoppers(market, id);

CREATE TABLE shopper_consents (
  id INTEGER PRIMARY KEY,
  shopper_id TEXT NOT NULL REFERENCES shoppers(id),
  channel TEXT NOT NULL,
  granted INTEGER NOT NULL CHECK (granted IN (0, 1)),
  as_of TEXT NOT NULL,
  source TEXT NOT NULL
);
CREATE INDEX shopper_consents_lookup ON shopper_consents(shopper_id, channel, as_of);

CREATE TABLE shopper_contacts (
  id INTEGER PRIMARY KEY,
  shopper_id TEXT NOT NULL REFERENCES shoppers(id),
  channel TEXT NOT NULL,
  at TEXT NOT NULL,
  campaign_id TEXT
);
CREATE INDEX shopper_contacts_recent ON shopper_contacts(shopper_id, at);

CREATE TABLE contact_experiments (
  experiment_id TEXT NOT NULL,
  shopper_id TEXT NOT NULL REFERENCES shoppers(id),
  market TEXT NOT NULL,
  category TEXT NOT NULL,
  channel TEXT NOT NULL,
  arm TEXT NOT NULL CHECK (arm IN ('control', 'contact', 'contact_discount')),
  assigned_at TEXT NOT NULL,
  converted INTEGER NOT NULL CHECK (converted IN (0, 1)),
  units REAL NOT NULL CHECK (units >= 0),
  margin REAL NOT NULL,
  PRIMARY KEY (experiment_id, shopper_id)
);
CREATE INDEX contact_experiments_channel ON contact_experiments(channel, arm);

CREATE TABLE audience_members (
  segment TEXT NOT NULL,
  shopper_id TEXT NOT NULL REFERENCES shoppers(id),
  channel TEXT NOT NULL,
  discount INTEGER NOT NULL CHECK (discount IN (0, 1)),
  expected_margin REAL NOT NULL,
  PRIMARY KEY (segment, shopper_id)
);
`;
