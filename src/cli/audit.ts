import { createHash } from "node:crypto";
import { hostname, userInfo } from "node:os";
import type { Command } from "commander";
import { appendAudit } from "../server/auth/audit.js";
import { openDb, resolveDbPath } from "../store/index.js";
import type { Clock } from "../domain/clock.js";

/** Commands that change governed state: each success is appended to the audit chain. */
export const AUDITED_COMMANDS: ReadonlySet<string> = new Set([
  "approve",
  "reject",
  "kill-switch on",
  "kill-switch off",
  "campaigns pause",
  "campaigns resume",
  "campaigns stop",
  "campaigns edit",
  "token create",
  "token revoke",
  "runs abandon",
]);

/** The person at the terminal as the operating system knows them: user@host. */
export function cliActor(): string {
  let user: string;
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry (some containers): the environment is all there is.
    user = process.env.USER ?? process.env.USERNAME ?? `uid-${process.getuid?.() ?? "unknown"}`;
  }
  return `${user}@${hostname()}`;
}

/** `campaigns pause`, `token create`: the command's path below the program. */
function pathOf(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(" ");
}

/**
 * Appends every successful governed CLI action to the same hash chain as the API's mutations:
 * the OS user and host as actor, the command and its arguments as route, and the sha256 of its
 * options (never a secret: the token a `token create` prints is output, not an option).
 */
export function auditCliActions(program: Command, clock: Clock): void {
  program.hook("postAction", (_root, action) => {
    const path = pathOf(action);
    if (!AUDITED_COMMANDS.has(path)) return;
    const opts = action.opts() as { db?: string };
    const route = `autopromo ${[path, ...action.args].join(" ")}`.slice(0, 300);
    const body = createHash("sha256")
      .update(JSON.stringify({ args: action.args, opts }))
      .digest("hex");
    const db = openDb(resolveDbPath(opts.db));
    try {
      appendAudit(db, {
        at: clock.now().toISOString(),
        tokenId: "cli",
        actor: cliActor(),
        role: "cli",
        method: "CLI",
        route,
        status: 0,
        bodySha256: body,
      });
    } finally {
      db.close();
    }
  });
}
