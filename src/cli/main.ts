#!/usr/bin/env -S node --max-semi-space-size=64
// A 64 MB semi-space: planning allocates short-lived objects fast (see YOUNG_GENERATION_MB in src/graph/parallel.ts).
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
