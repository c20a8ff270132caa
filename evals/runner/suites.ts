import { EvalError } from "./errors.js";
import { affinitySuite } from "./suites/affinity.js";
import { injectionSuite } from "./suites/injection.js";
import { latencySuite } from "./suites/latency.js";
import { liftBacktestSuite } from "./suites/lift-backtest.js";
import { perceptionSuite } from "./suites/perception.js";
import { pilotSuite } from "./suites/pilot.js";
import { pilotWorldsSuite } from "./suites/pilot-worlds.js";
import { policySuite } from "./suites/policy.js";
import { reasoningSuite } from "./suites/reasoning.js";
import { upliftSuite } from "./suites/uplift.js";
import type { Suite } from "./types.js";

/** Every shipped suite, in report order. A new suite is one line here. */
export function defaultSuites(): Suite[] {
  return [
    policySuite(),
    perceptionSuite(),
    liftBacktestSuite(),
    upliftSuite(),
    affinitySuite(),
    latencySuite(),
    reasoningSuite(),
    injectionSuite(),
    pilotSuite(),
    pilotWorldsSuite(),
  ];
}

/**
 * The suites to run: the named ones (in registry order), else the `--fast` subset, else all.
 * An unknown name is an error that lists the known ones.
 */
export function selectSuites(
  registry: readonly Suite[],
  names: readonly string[],
  fast: boolean,
): Suite[] {
  const unknown = names.filter((n) => !registry.some((s) => s.name === n));
  if (unknown.length) {
    throw new EvalError(
      "UNKNOWN_SUITE",
      `unknown suite ${unknown.join(", ")}; known: ${registry.map((s) => s.name).join(", ")}`,
    );
  }
  if (names.length) return registry.filter((s) => names.includes(s.name));
  return fast ? registry.filter((s) => s.fast) : [...registry];
}
