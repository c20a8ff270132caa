import { writeSync } from "node:fs";
import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import { getConfig } from "@langchain/langgraph";
import type { Db } from "../../../src/store/index.js";

/**
 * Enumerable kill points for a child process: every SQL statement the process executes (the
 * graph's nodes, the checkpoints on the same connection, approvals, the outbox) and
 * every graph node's start and end is one tick. Each tick carries a label saying where it is —
 * `run:node:check_policy` (inside a node), `run:start:revise` / `run:end:revise` (its edges),
 * `run:checkpoint` (the checkpointer's writes between nodes), `approve:sql` (the approver's vote),
 * `deliver:sql` (the outbox) — so a reference run can list them and the parent can pick kill
 * points spread over every area. Kill points are named by label and occurrence, not by tick
 * number: LangGraph writes checkpoints asynchronously, so how checkpoint statements interleave
 * with the next node's varies between runs, which shifts tick numbers but not the n-th tick of a
 * label. The process SIGKILLs itself just before it, after printing where.
 */
export class KillPoints {
  private tick = 0;
  /** The node that ended last: where a checkpoint write most likely belongs (timing-dependent, so only reported). */
  private finished: string | null = null;
  private readonly nodes = new Map<string, string>();
  /** Labels of every tick, in order (only when tracing). */
  readonly trace: string[] = [];
  /** What the script is doing outside the graph: run, recover, approve, launch, deliver. */
  phase = "setup";
  /** Ticks seen so far per label. */
  private readonly seen = new Map<string, number>();

  /** `kill`: die just before the `nth` tick labelled `label`, or just before tick number `tick` (counted in this process). */
  constructor(
    private readonly kill: { label: string; nth: number } | { tick: number } | null,
    private readonly tracing: boolean,
  ) {}

  get ticks(): number {
    return this.tick;
  }

  /** Counts one tick; dies here when it is the chosen one. */
  hit(what: string): void {
    this.tick++;
    const label = `${this.phase}:${what}`;
    if (this.tracing) this.trace.push(label);
    const nth = (this.seen.get(label) ?? 0) + 1;
    this.seen.set(label, nth);
    if (
      this.kill &&
      ("tick" in this.kill
        ? this.tick === this.kill.tick
        : label === this.kill.label && nth === this.kill.nth)
    ) {
      // writeSync: the line must be out before the signal, which leaves no time to flush streams.
      writeSync(1, `${JSON.stringify({ killed: this.tick, label, nth, after: this.finished })}\n`);
      process.kill(process.pid, "SIGKILL");
    }
  }

  /**
   * Where a statement runs: inside a node (LangGraph keeps the running task's config in
   * AsyncLocalStorage, parallel branches included), a checkpoint write or read, or elsewhere.
   * Checkpoint statements are not named after a node: with asynchronous checkpointing, which node
   * has ended when one runs depends on timing, and a label must mean the same tick in every run.
   */
  private where(sql: string): string {
    const node = (getConfig() as { metadata?: { langgraph_node?: unknown } } | undefined)?.metadata
      ?.langgraph_node;
    if (typeof node === "string" && node !== "__start__") return `node:${node}`;
    return /\b(checkpoints|checkpoint_blobs|writes)\b/.test(sql) ? "checkpoint" : "sql";
  }

  /** Makes every statement prepared on `db` from now on count a tick before it executes. */
  instrument(db: Db): void {
    const prepare = db.prepare.bind(db);
    db.prepare = ((sql: string) => {
      const st = prepare(sql);
      for (const m of ["run", "get", "all", "iterate"] as const) {
        const f = st[m].bind(st) as (...a: unknown[]) => unknown;
        (st as unknown as Record<string, unknown>)[m] = (...a: unknown[]) => {
          this.hit(this.where(sql));
          return f(...a);
        };
      }
      return st;
    }) as Db["prepare"];
  }

  /** A LangChain callback handler that marks each graph node's start and end (and interrupt) as ticks. */
  handler(): BaseCallbackHandler {
    return BaseCallbackHandler.fromMethods({
      // Called as (chain, inputs, runId, parentRunId, tags, metadata, runType, runName) by @langchain/core 1.x.
      handleChainStart: (
        _c,
        _i,
        runId: string,
        _p?: string,
        _tags?: string[],
        metadata?: Record<string, unknown>,
        _t?: string,
        runName?: string,
      ) => {
        const node = metadata?.langgraph_node;
        // Runs nested inside a node inherit its metadata: the node's own run carries its name.
        if (typeof node !== "string" || node === "__start__" || node !== runName) return;
        this.nodes.set(runId, node);
        this.hit(`start:${node}`);
      },
      handleChainEnd: (_o, runId: string) => this.ended(runId, "end"),
      handleChainError: (_e, runId: string) => this.ended(runId, "stop"),
    });
  }

  private ended(runId: string, how: string): void {
    const node = this.nodes.get(runId);
    if (!node) return;
    this.nodes.delete(runId);
    this.hit(`${how}:${node}`);
    this.finished = node;
  }

  /** A new phase starts outside the graph. */
  enter(phase: string): void {
    this.phase = phase;
    this.finished = null;
  }
}
