import type { BaseCheckpointSaver } from "@langchain/langgraph-checkpoint";
import { listedThreadHeads, type ThreadHead } from "./heads.js";

/**
 * A run's unit of work, as the graph's nodes see it. A node's own database writes go through it,
 * so a saver that groups its commits can commit them with the checkpoints before them; any other
 * saver writes them at once. Nodes read it from their config (see {@link durableRunOf}).
 */
export interface DurableRun {
  /** Runs a node's writes (synchronous, after its reads) and returns what they return. */
  commit<T>(write: () => T): T;
  /** A write nothing later in the run reads (a log entry): it may join the run's next commit. */
  commitLater(write: () => void): void;
}

/** What a runner asks of a checkpointer to run one graph invoke as a unit of work. */
export interface DurableRuns {
  /**
   * True when `threadId` has stored nothing and writes handed to {@link withNextCheckpoint}
   * ride on its first checkpoint: a runner may then defer bookkeeping (a lease) until then.
   */
  startsFresh(threadId: string): boolean;
  /** The newest stored checkpoint id of a thread, read at once; undefined when unknown. */
  storedCheckpointId(threadId: string): string | null | undefined;
  /** Runs `write` in the commit storing the thread's next checkpoint; returns its undo. */
  withNextCheckpoint(threadId: string, write: () => void): () => void;
  /** Each thread's newest top-level checkpoint and count, or one thread's: crash recovery. */
  threadHeads(threadId?: string): Promise<Map<string, ThreadHead>>;
  /**
   * Runs `work` (a graph invoke given its unit of work); `settle` runs in the last commit, with
   * the thread's newest checkpoint id, so a run's end and its note commit together.
   */
  run<T>(
    threadId: string,
    work: (unit: DurableRun) => Promise<T>,
    settle: (out: T, checkpointId: string | null) => void,
  ): Promise<T>;
}

/** A saver that runs units of work itself (the shipped SQLite saver). */
export interface ProvidesDurableRuns {
  durableRuns(): DurableRuns;
}

/** The unit of work of a saver that groups nothing: every write commits at once. */
export const writeNow: DurableRun = {
  commit: (write) => write(),
  commitLater: (write) => void write(),
};

/** Where a run's config carries its unit of work. */
export const DURABLE_RUN_KEY = "autopromo_durable_run";

/** The unit of work a node's config carries, or {@link writeNow} (a graph invoked directly). */
export function durableRunOf(config?: { configurable?: Record<string, unknown> }): DurableRun {
  return (config?.configurable?.[DURABLE_RUN_KEY] as DurableRun | undefined) ?? writeNow;
}

/** True when `saver` runs units of work itself. */
function providesDurableRuns(saver: unknown): saver is ProvidesDurableRuns {
  return typeof (saver as Partial<ProvidesDurableRuns> | null)?.durableRuns === "function";
}

type AnySaver = BaseCheckpointSaver | boolean | undefined;

/**
 * The durable-run port of a graph's checkpointer: its own when it groups commits, else one that
 * degrades to "write now" (MemorySaver, any BaseCheckpointSaver, none), so nodes behave alike.
 */
export function durableRunsFor(saver: AnySaver): DurableRuns {
  if (providesDurableRuns(saver)) return saver.durableRuns();
  return writeNowRuns(typeof saver === "object" ? saver : undefined);
}

/** The port over a saver that groups nothing: the run's writes commit as they come. */
function writeNowRuns(saver: BaseCheckpointSaver | undefined): DurableRuns {
  return {
    startsFresh: () => false,
    storedCheckpointId: () => undefined,
    threadHeads: async (threadId) =>
      saver ? listedThreadHeads(saver, threadId) : new Map<string, ThreadHead>(),
    withNextCheckpoint(_threadId, write) {
      write();
      return () => undefined;
    },
    async run(threadId, work, settle) {
      const out = await work(writeNow);
      const tuple = await saver?.getTuple({ configurable: { thread_id: threadId } });
      const id = tuple?.config.configurable?.checkpoint_id as string | undefined;
      settle(out, id ?? null);
      return out;
    },
  };
}
