/**
 * `autopromo/testing`: what a test of a composed graph needs, offline and deterministic — a demo
 * database, a scripted reasoner, fixed and stepping clocks.
 * @example import { demoDb, DEMO_NOW, fixedClock, createScriptedReasoner } from "autopromo/testing";
 */
export { demoDb, DEMO_NOW, ESCALATING_POLICY } from "./graph/testing/demo-db.js";
export { createScriptedReasoner } from "./llm/index.js";
export { fixedClock } from "./domain/index.js";
export type { Clock } from "./domain/index.js";
export { steppingClock } from "./testing/clock.js";
