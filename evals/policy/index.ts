// The policy eval suite, for the eval runner.
export { runPolicyEval, runPolicyCase } from "./run.js";
export { generatePolicyCases, ruleFamilies } from "./generate.js";
export { scorePolicyEval } from "./score.js";
export type { PolicyEvalReport, RuleScore } from "./score.js";
export type { PolicyEvalCase, RuleFamily, Variant } from "./types.js";
export { FAMILY_LABELS, familyOfRule } from "./families.js";
export { pathCases } from "./paths/index.js";
export type { PathCase, PathOutcome } from "./paths/types.js";
