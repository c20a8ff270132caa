import { Command } from "commander";
import { registerAffinityCommand } from "./commands/affinity.js";
import { registerAssessCommand } from "./commands/assess.js";
import { registerBacktestCommand } from "./commands/backtest.js";
import { registerCampaignsCommand } from "./commands/campaigns.js";
import { registerEvalsCommand } from "./commands/evals.js";
import { registerIngestCommand } from "./commands/ingest.js";
import { registerMonitorCommand } from "./commands/monitor.js";
import { registerInitCommand } from "./commands/init.js";
import { registerKillSwitchCommand } from "./commands/kill-switch.js";
import { registerMigrateToPostgresCommand } from "./commands/migrate-to-postgres.js";
import { registerPilotCommand } from "./commands/pilot.js";
import { registerPolicyCommand } from "./commands/policy.js";
import { registerQuarantineCommand } from "./commands/quarantine.js";
import { registerRunCommands } from "./commands/run.js";
import { registerRunsCommand } from "./commands/runs.js";
import { registerServeCommand } from "./commands/serve.js";
import { registerShadowCommand } from "./commands/shadow.js";
import { registerStartCommand } from "./commands/start.js";
import { registerStatusCommand } from "./commands/status.js";
import { registerTuneCommand } from "./commands/tune.js";
import { registerUpliftCommand } from "./commands/uplift.js";
import { registerWorkerCommand } from "./commands/worker.js";
import { systemClock } from "../domain/clock.js";
import { auditCliActions } from "./audit.js";
import { processOutput, type Output } from "./output.js";

/** The `autopromo` command tree; `out` is injectable so tests capture what a person sees. */
export function buildProgram(out: Output = processOutput): Command {
  const program = new Command("autopromo")
    .description(
      "autonomous, governed retail promotions: ingest signals, decide, check, launch, learn",
    )
    .showHelpAfterError()
    .configureOutput({
      writeOut: (s) => out.out(s.trimEnd()),
      writeErr: (s) => out.err(s.trimEnd()),
    });
  registerInitCommand(program, out);
  registerIngestCommand(program, out);
  registerStatusCommand(program, out);
  registerQuarantineCommand(program, out);
  registerRunCommands(program, out);
  registerRunsCommand(program, out);
  registerPolicyCommand(program);
  registerBacktestCommand(program, out);
  registerAssessCommand(program, out);
  registerUpliftCommand(program);
  registerAffinityCommand(program, out);
  registerServeCommand(program, out);
  registerCampaignsCommand(program, out);
  registerKillSwitchCommand(program, out);
  registerMonitorCommand(program, out);
  registerStartCommand(program, out);
  registerEvalsCommand(program, out);
  registerPilotCommand(program, out);
  registerTuneCommand(program, out);
  registerShadowCommand(program, out);
  registerMigrateToPostgresCommand(program, out);
  registerWorkerCommand(program, out);
  auditCliActions(program, systemClock());
  return program;
}
