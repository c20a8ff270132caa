import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

// Issue #29, item 3: what starts a run lives in one layer, src/triggers/. Elsewhere no code maps
// signals to scopes, scans for inventory events or starts an event run of its own.

const ROOT = join(import.meta.dirname, "..");

/** Every non-test TypeScript file under src/, as a path relative to the repository. */
function sources(dir = join(ROOT, "src")): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /(?<!\.test)(?<!\.test-d)\.ts$/.test(e.name) ? [relative(ROOT, path)] : [];
  });
}

/** What a file may not do outside the folders that own it, and how to see it in its text. */
const OWNED: { what: string; owners: string[]; pattern: RegExp }[] = [
  {
    // A correction is a signal too: reading the corrections log is part of the mapping.
    what: "reads the corrections log (fact_history) to find what changed",
    owners: ["src/triggers/", "src/store/"],
    pattern: /\bFROM\s+fact_history\b/i,
  },
  {
    what: "maps fact rows to category × market scopes by row id",
    owners: ["src/triggers/"],
    pattern: /\bf\.id\s*(>|IN\b)/,
  },
  {
    what: "scans the inventory agent's assessments for events",
    owners: ["src/triggers/", "src/agents/inventory/"],
    pattern: /\.assess\([^)]*\)\s*\.events\b|\bview\.events\b/,
  },
  {
    what: "starts an event run itself",
    owners: ["src/triggers/", "src/domain/"],
    pattern: /kind:\s*["']event["']/,
  },
];

/** The files breaking a rule: `file: what it does`. */
function breaches(files: { file: string; text: string }[]): string[] {
  return OWNED.flatMap((rule) =>
    files
      .filter((f) => !rule.owners.some((o) => f.file.startsWith(o)) && rule.pattern.test(f.text))
      .map((f) => `${f.file}: ${rule.what}`),
  );
}

describe("structure: triggers in one layer", () => {
  it("only src/triggers/ maps signals to scopes, scans inventory events and starts event runs", () => {
    const files = sources().map((file) => ({
      file,
      text: readFileSync(join(ROOT, file), "utf8"),
    }));
    expect(files.some((f) => f.file === "src/triggers/signal-scopes.ts")).toBe(true);
    expect(breaches(files)).toEqual([]);
  });

  it("sees the code that used to live in graph/run.ts and the service (the checks bite)", () => {
    const before = [
      {
        file: "src/graph/run.ts",
        text: `for (const event of inventory.assess(scope).events)
          out.push(await runScope(ctx, scope, { kind: "event", reason: event.reason }));`,
      },
      {
        file: "src/server/service/signal-scopes.ts",
        text: `db.prepare(f.scopes.replace("%IDS%", "f.id > ? AND f.id <= ?"));
          "SELECT id, kind, fact_id AS factId FROM fact_history WHERE id > ?"`,
      },
    ];
    expect(breaches(before)).toEqual([
      "src/server/service/signal-scopes.ts: reads the corrections log (fact_history) to find what changed",
      "src/server/service/signal-scopes.ts: maps fact rows to category × market scopes by row id",
      "src/graph/run.ts: scans the inventory agent's assessments for events",
      "src/graph/run.ts: starts an event run itself",
    ]);
  });
});
