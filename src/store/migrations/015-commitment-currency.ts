/**
 * Spend commitments in one currency: `amount` is in the policy's currency (`currency`), with the
 * amount and currency the proposal was written in beside it. Rows from before keep their amount as
 * recorded (`currency` NULL: written before conversion) and copy it into `original_amount`.
 */
export const commitmentCurrency = `
ALTER TABLE spend_commitments ADD COLUMN currency TEXT;
ALTER TABLE spend_commitments ADD COLUMN original_amount REAL;
ALTER TABLE spend_commitments ADD COLUMN original_currency TEXT;
UPDATE spend_commitments SET original_amount = amount WHERE original_amount IS NULL;
`;
