import * as vitest from "vitest";

/**
 * Puts vitest's functions where Jest-style suites look for them (globals): LangGraph's
 * checkpoint-validation suite calls `describe`, `it`, `expect`… this project runs vitest without
 * globals. Call it before the suite is declared.
 */
export function installJestGlobals(): void {
  const { describe, it, test, expect, beforeAll, afterAll, beforeEach, afterEach } = vitest;
  Object.assign(globalThis, {
    describe,
    it,
    test,
    expect,
    beforeAll,
    afterAll,
    beforeEach,
    afterEach,
  });
}
