import { expect, it } from "vitest";
import { quoteIdent, toPg } from "./sql.js";

it("numbers the placeholders outside string literals", () => {
  expect(toPg("SELECT ? AS a, '?' AS b, x FROM t WHERE y = ? AND z = 'it''s ?' LIMIT ?")).toBe(
    "SELECT $1 AS a, '?' AS b, x FROM t WHERE y = $2 AND z = 'it''s ?' LIMIT $3",
  );
});

it("makes LIKE behave as SQLite's: ASCII case ignored, no escape character", () => {
  expect(toPg("SELECT 1 FROM d WHERE id = ? OR id LIKE ?")).toBe(
    "SELECT 1 FROM d WHERE id = $1 OR id ILIKE $2 ESCAPE ''",
  );
});

it("quotes identifiers", () => {
  expect(quoteIdent('we"ird')).toBe('"we""ird"');
});
