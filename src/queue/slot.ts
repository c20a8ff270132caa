import { fixedClock } from "../domain/index.js";
import { createPromotionGraph, runScope, type PromotionGraph } from "../graph/index.js";
import type { RunContext } from "../graph/index.js";
import type { LeaseOptions } from "../graph/lease.js";
import type { Reasoner } from "../llm/index.js";
import { loadPolicy } from "../policies/index.js";
import { openDb, type Db } from "../store/index.js";
import type { ScopeJob } from "./job.js";

/** What a worker's slots share: the store file, the reasoner, and test hooks. */
export interface SlotOptions {
  dbPath: string;
  reasoner: Reasoner;
  lease?: LeaseOptions;
  /** Sees each connection as it opens (kill points in the crash tests). */
  onConnection?: (db: Db) => void;
  /** Wraps each graph built (callbacks in the crash tests). */
  wrapGraph?: (g: PromotionGraph) => PromotionGraph;
}

/**
 * One job at a time on a connection of its own: the cycle workers' code path (`runScope` with the
 * cycle's clock, policy and shadow flag), with the job's decision id, so a retried job resumes
 * the run its killed worker left.
 */
export class ScopeSlot {
  readonly db: Db;
  /** The graph of the cycle last run: jobs of one cycle reuse it, a new cycle replaces it. */
  private graph: { key: string; ctx: RunContext } | null = null;

  constructor(private readonly o: SlotOptions) {
    this.db = openDb(o.dbPath);
    o.onConnection?.(this.db);
  }

  /** Runs (or resumes, or settles) the job's scope; returns the run's result. */
  run(job: ScopeJob): ReturnType<typeof runScope> {
    const ctx = this.contextFor(job);
    return runScope(ctx, job.scope, { kind: "cycle" }, { decisionId: job.decisionId });
  }

  private contextFor(job: ScopeJob): RunContext {
    const key = `${job.cycle}`;
    if (this.graph?.key === key) return this.graph.ctx;
    const clock = fixedClock(job.now);
    const built = createPromotionGraph({
      db: this.db,
      clock,
      policy: loadPolicy(job.policyPath),
      lightRunContext: true,
      reasoner: this.o.reasoner,
      shadow: job.shadow,
    });
    const graph = this.o.wrapGraph ? this.o.wrapGraph(built) : built;
    const ctx: RunContext = {
      graph,
      db: this.db,
      clock,
      ...(this.o.lease ? { lease: this.o.lease } : {}),
    };
    this.graph = { key, ctx };
    return ctx;
  }

  close(): void {
    this.db.close();
  }
}
