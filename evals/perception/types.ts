import type { FindingKind } from "../../src/domain/findings.js";
import type { Dataset } from "../../src/store/index.js";

/** A scope a finding is matched against: kind and market always, sku / category / location when given. */
export interface FindingLabel {
  kind: FindingKind;
  market: string;
  sku?: string;
  category?: string;
  location?: string;
}

/** One labelled world. Labels come from how the world was built, never from running the agent. */
export interface PerceptionCase {
  id: string;
  family: string;
  /** Builds (or returns a cached) dataset; `origin` keys the per-run DB cache. */
  world: { key: string; build: () => Dataset };
  now: string;
  /** Findings that must be reported. */
  positives: FindingLabel[];
  /** Scopes that must stay quiet (near-threshold but legitimate situations). */
  negatives: FindingLabel[];
  /** Findings the construction makes legitimate but does not require (e.g. a spike is also a level shift). */
  tolerated: FindingLabel[];
}
