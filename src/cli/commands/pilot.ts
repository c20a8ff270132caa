import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { guardError } from "../guard.js";
import { fileURLToPath } from "node:url";
import { InvalidArgumentError, type Command } from "commander";
import { parse as parseYaml } from "yaml";
import {
  formatPilotReport,
  formatWorldsReport,
  parseSeeds,
  pilotScopeSchema,
  PilotError,
  runPilot,
  runWorlds,
  worldRefs,
  worldsMarkdown,
  worldsReportSchema,
  type PilotScope,
  type WorldsReport,
} from "../../pilot/index.js";
import { calibrateFromFrat } from "../../sim/market/index.js";
import { printJson, processOutput, type Output } from "../output.js";

interface PilotFlags {
  weeks: number;
  seeds: string;
  scope?: string;
  policy?: string;
  approveUpTo?: number;
  keep?: string;
  json?: boolean;
  world?: string;
  worlds?: string;
  baselines?: string;
  agent: boolean;
  jobs?: number;
  markdown?: boolean;
}

const positiveInt = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("expected an integer ≥ 1");
  return n;
};

/** Reads a pilot scope file (YAML or JSON: the policy's `pilot` section, bare or under `pilot:`). */
export function readScopeFile(file: string): PilotScope {
  if (!existsSync(file)) throw new PilotError("INVALID_INPUT", `--scope: file not found: ${file}`);
  const doc = parseYaml(readFileSync(file, "utf8")) as unknown;
  const body =
    doc && typeof doc === "object" && "pilot" in doc ? (doc as { pilot: unknown }).pilot : doc;
  const parsed = pilotScopeSchema.safeParse(body ?? {});
  if (!parsed.success)
    throw new PilotError(
      "INVALID_INPUT",
      `--scope ${file}: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`,
    );
  return parsed.data;
}

/** A saved worlds report, checked against the contract; errors name the file and field. */
export function readWorldsReport(file: string): WorldsReport {
  if (!existsSync(file)) throw new PilotError("INVALID_INPUT", `${file}: file not found`);
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new PilotError("INVALID_INPUT", `${file}: not JSON: ${(e as Error).message}`);
  }
  const parsed = worldsReportSchema.safeParse(doc);
  if (!parsed.success)
    throw new PilotError(
      "INVALID_INPUT",
      `${file}: not a worlds report: ${parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
        .join("; ")}`,
    );
  return parsed.data;
}

/** Adds `pilot` (the closed-loop pilot with three baselines) and `pilot calibrate`. */
export function registerPilotCommand(program: Command, o: Output = processOutput): void {
  const pilot = program
    .command("pilot")
    .description(
      "run the complete graph week by week in the simulated market against no promotions, last year's calendar and an oracle",
    )
    .option("--weeks <n>", "pilot weeks", positiveInt, 52)
    .option("--seeds <a..b>", "seeds: A..B, N or N,M,…", "1")
    .option(
      "--scope <file>",
      "pilot scope (YAML/JSON: categories, markets, mechanics, channels); default: two of three categories",
    )
    .option("--policy <file>", "policy file (its pilot section is used unless --scope is given)")
    .option(
      "--approve-up-to <eur>",
      "the approver approves escalations whose spend is at most this",
      Number,
    )
    .option("--keep <dir>", "keep each seed's database in this folder")
    .option(
      "--world <name|file>",
      "a shipped world (base, fatigue, s-curve, …) or a world module file; prints the worlds report",
    )
    .option("--worlds <all|a,b>", "several worlds: all shipped, or a comma list of names/files")
    .option(
      "--baselines <a,b>",
      "baselines beside the agent in a worlds report (default: every shipped one)",
    )
    .option("--no-agent", "worlds report of the baselines only (fast)")
    .option(
      "--jobs <n>",
      "worker processes for world × seed runs (default: one per core)",
      positiveInt,
    )
    .option("--json", "print JSON")
    .option("--markdown", "print the worlds report as docs/pilot.md's table")
    .action(async function (this: Command, f: PilotFlags) {
      try {
        const seeds = parseSeeds(f.seeds);
        const common = {
          weeks: f.weeks,
          seeds,
          ...(f.scope ? { scope: readScopeFile(f.scope) } : {}),
          ...(f.policy ? { policyPath: f.policy } : {}),
          ...(f.approveUpTo !== undefined ? { approveUpTo: f.approveUpTo } : {}),
          ...(f.keep ? { workDir: f.keep } : {}),
        };
        if (f.world || f.worlds || f.baselines || !f.agent || f.markdown) {
          const worlds = worldRefs(f.world, f.worlds);
          const extra = {
            ...(f.baselines ? { baselines: f.baselines.split(",").map((x) => x.trim()) } : {}),
            agent: f.agent,
          };
          const progress = (w: string, seed: number, week: number, of: number) =>
            process.stderr.write(`\r${w} seed ${seed}: week ${week}/${of}   `);
          const settings = f.jobs ? { jobs: f.jobs } : {};
          const report = await runWorlds(
            { ...common, ...extra },
            worlds,
            f.json ? undefined : progress,
            settings,
          );
          if (f.json) printJson(o, report);
          else if (f.markdown) o.out(worldsMarkdown([report]));
          else o.out(`\n${formatWorldsReport(report)}`);
          return;
        }
        const report = await runPilot(
          common,
          f.json
            ? undefined
            : (seed, week, of) => process.stderr.write(`\rseed ${seed}: week ${week}/${of}   `),
        );
        if (!f.json) process.stderr.write("\n");
        if (f.json) printJson(o, report);
        else o.out(formatPilotReport(report));
      } catch (e) {
        guardError(this, e);
      }
    });
  pilot
    .command("table")
    .description(
      "markdown tables (docs/pilot.md) from saved worlds reports, one file per approver setting",
    )
    .argument("<files...>", "JSON written by pilot --world(s) … --json")
    .action(function (this: Command, files: string[]) {
      try {
        o.out(worldsMarkdown(files.map(readWorldsReport)));
      } catch (e) {
        guardError(this, e);
      }
    });
  pilot
    .command("calibrate")
    .description(
      "fit the lift model on Breakfast at the Frat and write the simulator's calibration file",
    )
    .requiredOption("--data <dir>", "folder in the Breakfast at the Frat layout")
    .option(
      "--out <file>",
      "where to write it",
      fileURLToPath(new URL("../../sim/market/calibration.json", import.meta.url)),
    )
    .option("--json", "print the calibration")
    .action(async (f: { data: string; out: string; json?: boolean }) => {
      const cal = await calibrateFromFrat(f.data);
      writeFileSync(f.out, `${JSON.stringify(cal, null, 2)}\n`);
      if (f.json) printJson(o, cal);
      else
        o.out(
          `calibration written to ${f.out}: ${Object.keys(cal.categories).join(", ")}; noise sd ${cal.noiseSd}`,
        );
    });
}
