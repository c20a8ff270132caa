import { existsSync, readFileSync } from "node:fs";
import { guardError } from "../guard.js";
import type { Command } from "commander";
import { checkProposal, explainPolicy, loadPolicy, PolicyError } from "../../policies/index.js";
import { fixedClock, systemClock } from "../../domain/index.js";
import type { PolicyVerdict } from "../../policies/index.js";
import type { Clock } from "../../domain/index.js";
import { storeScenarioPredictor } from "../../graph/predictor.js";
import { openDb, resolveDbPath } from "../../store/db.js";

/** Where the commands write; tests pass a collector. */
export interface PolicyCommandIo {
  out?: (text: string) => void;
  clock?: Clock;
}

const MARK = { pass: "ok      ", escalate: "ESCALATE", block: "BLOCK   " } as const;

function readJson(file: string): unknown {
  if (!existsSync(file))
    throw new PolicyError("FILE_NOT_FOUND", `proposal file not found: ${file}`, { file });
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new PolicyError("INVALID_INPUT", `${file}: not valid JSON: ${(e as Error).message}`, {
      file,
      cause: e,
    });
  }
}

/** The stable JSON shape of `policy check --json`. */
export function verdictJson(v: PolicyVerdict): object {
  return {
    verdict: v.verdict,
    rules: v.rules.map((r) => ({
      id: r.id,
      outcome: r.outcome,
      reason: r.reason,
      ...(r.roles ? { roles: r.roles } : {}),
    })),
    policyVersion: v.policyVersion,
    proposalId: v.proposalId,
    ...(v.requiredApprovals ? { requiredApprovals: v.requiredApprovals } : {}),
    ...(v.corrections ? { corrections: v.corrections } : {}),
    checkedAt: v.checkedAt,
  };
}

function verdictText(v: PolicyVerdict): string {
  const lines = [
    `${v.verdict.toUpperCase()}: proposal ${v.proposalId} (policy ${v.policyVersion.slice(0, 12)})`,
  ];
  const order = { block: 0, escalate: 1, pass: 2 } as const;
  for (const r of [...v.rules].sort((a, b) => order[a.outcome] - order[b.outcome])) {
    lines.push(
      `  ${MARK[r.outcome]} ${r.id}: ${r.reason}${r.roles ? ` → ${r.roles.join(", ")}` : ""}`,
    );
  }
  const req = v.requiredApprovals;
  if (req)
    lines.push(
      `needs approval from: ${[...req.allOf, ...req.anyOf.map((g) => `one of ${g.join("|")}`)].join(", ")}`,
    );
  if (v.corrections?.referencePrice !== undefined)
    lines.push(`lawful reference price: ${v.corrections.referencePrice.toFixed(2)}`);
  return lines.join("\n");
}

/** Runs an action, turning autopromo errors into a commander error (exit code 1) with the message. */
function guarded(cmd: Command, action: () => void): void {
  try {
    action();
  } catch (e) {
    guardError(cmd, e);
  }
}

/**
 * Adds `policy check|validate|explain`. Exit code 0 for every verdict (allow, escalate, block —
 * read the verdict from the output); 1 for errors (bad file, invalid proposal or policy).
 */
export function registerPolicyCommand(program: Command, io: PolicyCommandIo = {}): void {
  const out = io.out ?? ((t: string) => void process.stdout.write(`${t}\n`));
  const policy = program
    .command("policy")
    .description(
      "check proposals against the governance policy; validate and explain policy files",
    );

  policy
    .command("check <proposal>")
    .description(
      "check a proposal JSON file against the policy, reading context (spend, history, prices, stock) from the store",
    )
    .option(
      "--policy <file>",
      "policy file (YAML or JSON); default: the shipped policies/default.yaml",
    )
    .option("--db <path>", "SQLite database (default: $AUTOPROMO_DB, then ./autopromo.db)")
    .option("--now <iso>", "evaluate as of this instant (default: now)")
    .option("--json", "print the verdict as JSON")
    .action(function (
      this: Command,
      file: string,
      opts: { policy?: string; db?: string; now?: string; json?: boolean },
    ) {
      guarded(this, () => {
        const proposal = readJson(file);
        const loaded = loadPolicy(opts.policy);
        const clock = opts.now ? fixedClock(opts.now) : (io.clock ?? systemClock());
        if (Number.isNaN(clock.now().getTime()))
          throw new PolicyError("INVALID_INPUT", `--now: not a date/time: ${opts.now}`);
        const db = openDb(resolveDbPath(opts.db));
        try {
          // Predictions are recomputed by the promotion agent's model for the same scenario.
          const verdict = checkProposal(db, proposal, loaded, clock, {
            predictor: storeScenarioPredictor({ db, clock, policy: loaded }),
          });
          out(opts.json ? JSON.stringify(verdictJson(verdict), null, 2) : verdictText(verdict));
        } finally {
          db.close();
        }
      });
    });

  policy
    .command("validate <file>")
    .description("validate a policy file and print its version (content hash)")
    .option("--json", "print { valid, version, policy } as JSON")
    .action(function (this: Command, file: string, opts: { json?: boolean }) {
      guarded(this, () => {
        const loaded = loadPolicy(file);
        out(
          opts.json
            ? JSON.stringify(
                { valid: true, version: loaded.version, policy: loaded.policy },
                null,
                2,
              )
            : `valid: ${file} (version ${loaded.version})`,
        );
      });
    });

  policy
    .command("explain")
    .description("print the active limits in plain words")
    .option("--policy <file>", "policy file; default: the shipped policies/default.yaml")
    .option("--json", "print { version, source, policy } as JSON")
    .action(function (this: Command, opts: { policy?: string; json?: boolean }) {
      guarded(this, () => {
        const loaded = loadPolicy(opts.policy);
        out(
          opts.json
            ? JSON.stringify(
                { version: loaded.version, source: loaded.source, policy: loaded.policy },
                null,
                2,
              )
            : explainPolicy(loaded).join("\n"),
        );
      });
    });
}
