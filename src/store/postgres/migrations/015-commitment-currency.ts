/** Spend commitments in one currency, the original amount beside it (SQLite 015). */
export const commitmentCurrency = `
ALTER TABLE spend_commitments
  ADD COLUMN currency text COLLATE "C",
  ADD COLUMN original_amount double precision,
  ADD COLUMN original_currency text COLLATE "C";
UPDATE spend_commitments SET original_amount = amount WHERE original_amount IS NULL;
`;
