import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { registerPolicyCommand } from "../../../src/cli/commands/policy.js";
import { runCli } from "../../../src/cli/testing.js";
import { storeScenarioPredictor } from "../../../src/graph/predictor.js";
import { fixedClock } from "../../../src/domain/clock.js";
import { validatePolicy } from "../../../src/policies/load.js";
import { openDb } from "../../../src/store/db.js";
import { withHonestUnits } from "../honest.js";
import type { PathCase, PathOutcome } from "../paths/types.js";
import { settle } from "../settle.js";
import { baseProposal, deepMerge, evalPolicyDoc, NOW, seedWorld } from "../world.js";
import { ATTACKS } from "./attacks.js";
import { HONEST } from "./honest.js";
import type { WrittenCase } from "./types.js";

/**
 * Runs the written cases through `autopromo policy check --json` (in-process, on a database
 * file holding the eval world), as the hidden set will. A verdict of allow lets the proposal
 * through; any other verdict, or a refusal of the input (exit 1 with an autopromo error),
 * stops it; any other throw is a crash.
 */

type Json = Record<string, unknown>;

interface Prepared {
  case: WrittenCase;
  proposal: Json;
  policy: Json;
}

/** The proposal and policy a case sends: its changes merged; consistent units unless it attacks the facts. */
function prepare(c: WrittenCase, i: number, dbPath: string): Prepared {
  const proposal = deepMerge({ ...baseProposal, id: `adv-${i}` } as Json, c.proposal);
  const policy = deepMerge(evalPolicyDoc as Json, c.policy);
  if (!c.honestUnits) return { case: c, proposal, policy };
  const settled = settle(proposal, policy, false);
  const db = openDb(dbPath);
  try {
    const clock = fixedClock(NOW);
    const predictor = storeScenarioPredictor({
      db,
      clock,
      policy: validatePolicy(settled.policy, "eval:adversarial"),
    });
    return {
      case: c,
      proposal: withHonestUnits(settled.proposal, settled.policy, predictor),
      policy: settled.policy,
    };
  } finally {
    db.close();
  }
}

async function check(dir: string, dbPath: string, p: Prepared, i: number): Promise<PathOutcome> {
  const file = join(dir, `proposal-${i}.json`);
  const policyFile = join(dir, `policy-${i}.json`);
  writeFileSync(file, JSON.stringify(p.proposal));
  writeFileSync(policyFile, JSON.stringify(p.policy));
  try {
    const out = await runCli(
      [registerPolicyCommand],
      ["policy", "check", file, "--db", dbPath, "--policy", policyFile, "--now", NOW, "--json"],
    );
    const v = JSON.parse(out) as {
      verdict: string;
      rules: { id: string; outcome: string; reason: string }[];
    };
    const why = v.rules.filter((r) => r.outcome !== "pass").map((r) => `${r.id}: ${r.reason}`);
    return {
      through: v.verdict === "allow",
      detail: `${v.verdict}${why.length ? ` (${why.join(" | ")})` : ""}`,
    };
  } catch (e) {
    const code = (e as { code?: string }).code ?? "";
    const message = (e as Error).message.split("\n")[0] ?? "";
    if (code.startsWith("autopromo.")) return { through: false, detail: `refused: ${message}` };
    return { through: false, detail: "threw", crash: (e as Error).stack ?? String(e) };
  }
}

/** The written attacks (out of bounds) and honest proposals (in bounds) as path cases, and the folder to remove after. */
export function writtenCases(): { cases: PathCase[]; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), "autopromo-evals-adversarial-"));
  const dbPath = join(dir, "world.db");
  const db = openDb(dbPath);
  seedWorld(db);
  db.close();
  const all: [WrittenCase, "in" | "out"][] = [
    ...ATTACKS.map((c): [WrittenCase, "out"] => [c, "out"]),
    ...HONEST.map((c): [WrittenCase, "in"] => [c, "in"]),
  ];
  const cases = all.map(([c, bounds], i): PathCase => ({
    id: `written:${c.family}:${bounds}:${i}`,
    family: c.family,
    bounds,
    note: `policy check: ${c.note}`,
    run: () => check(dir, dbPath, prepare(c, i, dbPath), i),
  }));
  return { cases, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
