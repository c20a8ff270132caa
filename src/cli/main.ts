#!/usr/bin/env node
import { isAutopromoError } from "../errors.js";
import { buildProgram } from "./program.js";

/** Errors we expect (bad input, missing file) print one clear line; anything else keeps its stack. */
buildProgram()
  .parseAsync(process.argv)
  .catch((e: unknown) => {
    if (isAutopromoError(e)) process.stderr.write(`autopromo: ${e.message}\n`);
    else process.stderr.write(`autopromo: unexpected error: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exitCode = 1;
  });
