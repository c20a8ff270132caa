// The perception eval suite: labelled worlds, scorer and runner.
export { runPerceptionEval, perceptionCases } from "./run.js";
export type { PerceptionEvalReport, PerceptionEvalOptions } from "./run.js";
export { demoCases, demoLabels, DEMO_NOW } from "./cases-demo.js";
export { syntheticCases } from "./cases-synthetic.js";
export { smallWorld, SMALL_WORLD_NOW } from "./world.js";
export type { WorldSpec } from "./world.js";
export { matches, scoreCase, aggregate } from "./score.js";
export type { FindingLabel, PerceptionCase } from "./types.js";
