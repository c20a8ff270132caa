import type { Command } from "commander";
import { isAutopromoError } from "../errors.js";

/**
 * Fails the command with one error line and exit code 1. The usage text is for a mistyped
 * command line, not for bad data: it would bury the error, so it is left out here.
 */
export function failWith(
  cmd: Command,
  message: string,
  opts: { code?: string; exitCode?: number } = {},
): never {
  cmd.showHelpAfterError(false);
  cmd.error(message, { exitCode: opts.exitCode ?? 1, ...(opts.code ? { code: opts.code } : {}) });
}

/** An autopromo error (bad input, missing data) fails the command with its message; others propagate. */
export function guardError(cmd: Command, e: unknown): never {
  if (isAutopromoError(e)) failWith(cmd, `error: ${e.message}`, { code: `autopromo.${e.code}` });
  throw e;
}

/** Runs `fn`, turning an autopromo error into {@link guardError}'s one line. */
export async function guardData(cmd: Command, fn: () => Promise<void> | void): Promise<void> {
  try {
    await fn();
  } catch (e) {
    guardError(cmd, e);
  }
}
