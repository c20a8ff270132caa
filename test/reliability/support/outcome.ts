import { InputError } from "../../../src/errors.js";
import { ingestFile, kindSpec, type Db, type IngestReport } from "../../../src/store/index.js";
import { knownCrash, storedRowViolations, tableDigests, type Violation } from "./invariants.js";

/** What one ingest of one file did, checked against the ingestion contract. */
export interface CaseResult {
  outcome: "report" | "refused" | "crash";
  report?: IngestReport;
  error?: string;
  /** Contract breaches other than invalid stored rows (accounting, quarantine, atomicity, errors). */
  breaches: string[];
  violations: Violation[];
}

export const FIXED_NOW = () => new Date("2024-06-01T00:00:00Z");

/**
 * Ingests `file` and checks: the promise resolves with a report or rejects with an InputError
 * naming the file; every read row is accounted for; every quarantined row has a line and a reason;
 * a refused file leaves every table as it was; no stored row breaks a schema or an SQL rule.
 */
export async function ingestAndCheck(
  db: Db,
  kind: string,
  file: string,
  parallel: boolean,
): Promise<CaseResult> {
  const table = kindSpec(kind).table.table;
  const count = (t: string) =>
    (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  const before = { rows: count(table), history: count("fact_history"), digests: tableDigests(db) };
  const breaches: string[] = [];
  let report: IngestReport;
  try {
    report = await ingestFile(db, { kind, file, now: FIXED_NOW, parallel });
  } catch (e) {
    const digestsAfter = tableDigests(db);
    if (JSON.stringify(digestsAfter) !== JSON.stringify(before.digests))
      breaches.push("a refused file changed the store");
    if (!(e instanceof InputError)) {
      return {
        outcome: "crash",
        error: `${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`,
        breaches,
        violations: storedRowViolations(db),
      };
    }
    if (!e.message.includes(file)) breaches.push(`InputError does not name the file: ${e.message}`);
    return { outcome: "refused", error: e.message, breaches, violations: storedRowViolations(db) };
  }
  const r = report;
  if (r.rowsRead !== r.stored + r.corrected + r.duplicates + r.quarantined)
    breaches.push(`rows not accounted for: ${JSON.stringify(r)}`);
  if (count(table) - before.rows !== r.stored)
    breaches.push(`table grew by ${count(table) - before.rows}, report says ${r.stored} stored`);
  if (count("fact_history") - before.history !== r.corrected)
    breaches.push(
      `fact_history grew by ${count("fact_history") - before.history}, report says ${r.corrected} corrected`,
    );
  const quarantined = db
    .prepare("SELECT line, reason, file FROM quarantine WHERE ingest_id = ?")
    .all(r.ingestId) as { line: number; reason: string; file: string }[];
  if (quarantined.length !== r.quarantined - r.alreadyQuarantined)
    breaches.push(
      `quarantine holds ${quarantined.length} rows, report says ${r.quarantined - r.alreadyQuarantined} new`,
    );
  for (const q of quarantined) {
    if (!(Number.isInteger(q.line) && q.line >= 1))
      breaches.push(`quarantined row without a line: ${JSON.stringify(q)}`);
    if (!q.reason.trim()) breaches.push(`quarantined row without a reason at line ${q.line}`);
    if (q.file !== file) breaches.push(`quarantined row names ${q.file}`);
  }
  return { outcome: "report", report: r, breaches, violations: storedRowViolations(db) };
}

/** Counters a suite prints so CI output shows what was tried and found. */
export class Tally {
  cases = 0;
  reports = 0;
  refused = 0;
  crashes = 0;
  breaches = 0;
  invalidRows = 0;
  /** Invalid rows (and crashing cases) due to bugs already reported, by bug. */
  knownBugRows: Record<string, number> = {};

  add(r: CaseResult): void {
    this.cases++;
    if (r.outcome === "report") this.reports++;
    else if (r.outcome === "refused") this.refused++;
    else if (knownCrash(r.error ?? ""))
      this.knownBugRows["reference-correction-crash"] =
        (this.knownBugRows["reference-correction-crash"] ?? 0) + 1;
    else this.crashes++;
    this.breaches += r.breaches.length;
    for (const v of r.violations) {
      if (v.knownBug) this.knownBugRows[v.knownBug] = (this.knownBugRows[v.knownBug] ?? 0) + 1;
      else this.invalidRows++;
    }
  }
}

/** The failures of a case that are not already-reported bugs. */
export function unexpected(r: CaseResult): string[] {
  return [
    ...(r.outcome === "crash" && !knownCrash(r.error ?? "") ? [`crash: ${r.error}`] : []),
    ...r.breaches,
    ...r.violations
      .filter((v) => !v.knownBug)
      .map((v) => `invalid ${v.table} row ${v.rowid}: ${v.problem}`),
  ];
}
