import type { z } from "zod";
import type { Db } from "../db.js";
import { CatalogCache } from "../harmonise/catalog-cache.js";
import { Harmoniser } from "../harmonise/harmoniser.js";
import { RowRejection } from "../harmonise/rejection.js";
import { kindSpec } from "../kinds/index.js";
import { keyToColumn } from "./columns.js";
import type { SourceRecord } from "./readers.js";
import { RowEncoder, type RowParams } from "./row-params.js";
import { rowParser } from "./row-parser.js";
import { stateOf } from "../connection.js";
import { factsVersion } from "../versions.js";

/** A record ready to store (its encoded row) or to quarantine (field and reason). */
export type PreparedRow =
  | { line: number; params: RowParams }
  | { line: number; field?: string; reason: string; raw: string };

/**
 * Validates, harmonises and encodes records against the catalog as it is now. Pure CPU work with
 * no writes, so it can run on another thread while the writer stores the previous batch.
 */
export function createPreparer(
  db: Db,
  kind: string,
  source: string,
): (rec: SourceRecord) => PreparedRow {
  const spec = kindSpec(kind);
  const harmoniser = new Harmoniser(currentCatalog(db));
  const encoder = new RowEncoder(spec.table);
  const parse = parserOf(db, spec.rowSchema);
  return (rec) => {
    if ("unreadable" in rec) return { line: rec.line, reason: rec.unreadable, raw: rec.raw };
    const parsed = parse(rec.values);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.length ? keyToColumn(String(issue.path[0])) : undefined;
      return {
        line: rec.line,
        ...(field ? { field } : {}),
        reason: describeIssue(issue, rec.values, field),
        raw: JSON.stringify(rec.values),
      };
    }
    try {
      const params = encoder.encode(spec.harmonise(parsed.data, harmoniser, source));
      const overflow = encoder.nonFinite(params);
      // 1e308 units × a case pack is Infinity: refuse it here, naming the column, rather than store it.
      if (overflow)
        throw new RowRejection(
          overflow,
          `value out of range (${String(params[spec.table.columns.indexOf(overflow)])}) after unit and currency conversion`,
        );
      return { line: rec.line, params: encoder.withHash(params) };
    } catch (e) {
      if (!(e instanceof RowRejection)) throw e;
      return {
        line: rec.line,
        ...(e.field ? { field: e.field } : {}),
        reason: e.reason,
        raw: JSON.stringify(rec.values),
      };
    }
  };
}

/**
 * The catalog as it is now, kept on the connection and read again only after reference data
 * (markets, locations, products, codes, rates) has been ingested: a signal of one row must not
 * reread every product.
 */
function currentCatalog(db: Db): CatalogCache {
  const version = factsVersion(db, []);
  const cached = stateOf(db).slot("ingest:catalog", () => ({
    version: "",
    catalog: undefined as CatalogCache | undefined,
  }));
  if (cached.version !== version || !cached.catalog)
    Object.assign(cached, { version, catalog: new CatalogCache(db) });
  return cached.catalog!;
}

type RowParser = ReturnType<typeof rowParser>;

/**
 * A kind's row parser, built once per connection: it compiles a schema per field, which cost
 * more than a one-row signal's whole ingest.
 */
function parserOf(db: Db, schema: z.ZodType): RowParser {
  const parsers = stateOf(db).slot("ingest:row-parsers", () => new Map<z.ZodType, RowParser>());
  let parse = parsers.get(schema);
  if (!parse) parsers.set(schema, (parse = rowParser(schema, { blankIsAbsent: true })));
  return parse;
}

function describeIssue(
  issue: z.core.$ZodIssue,
  values: Record<string, unknown>,
  field: string | undefined,
): string {
  if (!field) return issue.message;
  const given = Object.entries(values).find(([k]) => keyToColumn(k) === field)?.[1];
  const shown = given === undefined || given === "" ? "missing" : `'${String(given).slice(0, 60)}'`;
  return `${field} ${shown}: ${issue.message}`;
}
