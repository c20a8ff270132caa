import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INGEST_KINDS, type IngestKind } from "../../src/store/index.js";
import { openCopy, seededTemplate } from "./support/catalog.js";
import { feedCase, missesRequiredColumn, render, type FeedCase } from "./support/feeds.js";
import { ingestAndCheck, Tally, unexpected } from "./support/outcome.js";
import { tableDigests } from "./support/invariants.js";

// Deterministic by default; FUZZ_SEED=<n> explores elsewhere. fast-check prints seed and path on failure.
const SEED = Number(process.env.FUZZ_SEED ?? 90_210);
const RUNS_PER_KIND = Number(process.env.FUZZ_RUNS ?? 20);
const PARALLEL_RUNS = Number(process.env.FUZZ_PARALLEL_RUNS ?? 10);

let work: string;
let template: string;
let n = 0;
const tally = new Tally();

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "autopromo-fuzz-"));
  template = await seededTemplate(join(work, "template.db"));
});
afterAll(() => {
  console.log(
    `fuzz-ingest: cases ${tally.cases} (reports ${tally.reports}, refused whole ${tally.refused}), crashes ${tally.crashes}, ` +
      `contract breaches ${tally.breaches}, invalid rows stored ${tally.invalidRows}, invalid rows from reported bugs ${JSON.stringify(tally.knownBugRows)}, seed ${SEED}`,
  );
  rmSync(work, { recursive: true, force: true });
});

/** Writes a case to its own folder: a fresh database copy and the feed file. */
function materialise(c: FeedCase): { dir: string; file: string; damaged: boolean } {
  const dir = join(work, `case-${++n}`);
  const { bytes, damaged } = render(c);
  const file = join(work, `feed-${n}.${c.format}`);
  writeFileSync(file, bytes);
  return { dir, file, damaged };
}

async function checkOne(c: FeedCase): Promise<void> {
  const { dir, file, damaged } = materialise(c);
  const db = openCopy(template, `${dir}.db`);
  try {
    const r = await ingestAndCheck(db, c.kind, file, false);
    tally.add(r);
    if (process.env.FUZZ_DEBUG)
      console.log(
        c.kind,
        c.format,
        c.damage.type,
        r.outcome,
        r.error?.slice(0, 120),
        (
          JSON.stringify(
            r.report && { ...r.report, rejections: r.report.rejections.slice(0, 2) },
          ) ?? ""
        ).slice(0, 300),
      );
    const problems = unexpected(r);
    // An undamaged CSV is refused whole exactly when its header lacks a required column.
    if (c.format === "csv" && !damaged && (r.outcome === "refused") !== missesRequiredColumn(c))
      problems.push(
        `refused=${r.outcome === "refused"} but missing column=${missesRequiredColumn(c)}: ${r.error ?? ""}`,
      );
    // Undamaged, every generated row must be read: none may vanish between file and report.
    if (!damaged && r.report && r.report.rowsRead !== c.rows.length)
      problems.push(`read ${r.report.rowsRead} of ${c.rows.length} rows`);
    expect(problems, file).toEqual([]);
  } finally {
    db.close();
  }
}

describe.each(["csv", "jsonl"] as const)("fuzzed %s feeds", (format) => {
  it.each([...INGEST_KINDS])(
    "%s: never crashes, stores only valid rows, accounts for every row",
    async (kind) => {
      await fc.assert(fc.asyncProperty(feedCase(kind as IngestKind, format), checkOne), {
        seed: SEED,
        numRuns: RUNS_PER_KIND,
      });
    },
  );
});

describe("the worker-thread preparer", () => {
  it("gives the same report and the same tables as the in-process path", async () => {
    const anyCase = fc
      .constantFrom(...INGEST_KINDS)
      .chain((kind) =>
        fc.constantFrom("csv", "jsonl").chain((f) => feedCase(kind, f as "csv" | "jsonl")),
      );
    await fc.assert(
      fc.asyncProperty(anyCase, async (c) => {
        const { dir, file } = materialise(c);
        const [inline, worker] = [
          openCopy(template, `${dir}-a.db`),
          openCopy(template, `${dir}-b.db`),
        ];
        try {
          const a = await ingestAndCheck(inline, c.kind, file, false);
          const b = await ingestAndCheck(worker, c.kind, file, true);
          tally.add(b);
          expect(unexpected(b), file).toEqual([]);
          expect({ outcome: b.outcome, report: b.report, error: b.error }).toEqual({
            outcome: a.outcome,
            report: a.report,
            error: a.error,
          });
          expect(tableDigests(worker)).toEqual(tableDigests(inline));
        } finally {
          inline.close();
          worker.close();
        }
      }),
      { seed: SEED, numRuns: PARALLEL_RUNS },
    );
  });
});
