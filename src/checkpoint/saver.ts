import type { RunnableConfig } from "@langchain/core/runnables";
import {
  BaseCheckpointSaver,
  TASKS,
  WRITES_IDX_MAP,
  copyCheckpoint,
  maxChannelVersion,
  type ChannelVersions,
  type Checkpoint,
  type CheckpointListOptions,
  type CheckpointMetadata,
  type CheckpointPendingWrite,
  type CheckpointTuple,
  type PendingWrite,
  type SerializerProtocol,
} from "@langchain/langgraph-checkpoint";
import { prepared, writeTx, type Db } from "../store/index.js";
import { GraphError } from "../graph/errors.js";
import { createCodec, type Codec, type Stored } from "./codec.js";
import { storedThreadHeads } from "./heads.js";
import type { DurableRun, DurableRuns, ProvidesDurableRuns } from "./port.js";

export interface SqliteCheckpointerOptions {
  serde?: SerializerProtocol;
  /**
   * Give the event loop a turn before each write. SQLite calls are synchronous, so a whole run is
   * otherwise one chain of promises holding the thread; the server sets this so HTTP requests
   * (and Ctrl+C) are answered between a run's steps, not only between runs.
   */
  yieldBeforeWrites?: boolean;
}

interface CheckpointRow {
  thread_id: string;
  checkpoint_ns: string;
  checkpoint_id: string;
  parent_checkpoint_id: string | null;
  type: string | null;
  checkpoint: string | Uint8Array;
  metadata: string | Uint8Array;
}
interface BlobRow {
  channel: string;
  version: string;
  type: string;
  value: string | Uint8Array | null;
}
interface WriteRow {
  task_id: string;
  channel: string;
  type: string | null;
  value: string | Uint8Array | null;
}

/** One checkpoint held back by a grouped run (see `grouped`). */
interface HeldPut {
  threadId: string;
  store: () => void;
}

/** One putWrites call held back until the checkpoint after it. */
interface PendingTaskWrites {
  checkpointId: string;
  taskId: string;
  taskPath: string;
  verb: "INSERT OR REPLACE" | "INSERT OR IGNORE";
  rows: [channel: string, idx: number, stored: Stored][];
}

const COLUMNS =
  "thread_id, checkpoint_ns, checkpoint_id, parent_checkpoint_id, type, checkpoint, metadata";
const pendingKey = (threadId: string, ns: string) => `${threadId}\u0000${ns}`;
const nextTurn = () => new Promise<void>((r) => setImmediate(r));

/**
 * The promotion graph's checkpointer: LangGraph checkpoints in the application's own SQLite file
 * (migration 013). Each channel value is stored once per version, as LangGraph's Postgres saver
 * does, instead of inside every checkpoint; statements are compiled once per connection; plain
 * JSON skips the generic serde. A run's ~8 checkpoints then write its plan once, not six times,
 * and inside `grouped` they share the commits of the steps that write (1 or 2 a run instead of 12).
 * @example createPromotionGraph({ db, clock, policy, checkpointer: new SqliteCheckpointer(db) })
 */
export class SqliteCheckpointer extends BaseCheckpointSaver<number> implements ProvidesDurableRuns {
  private readonly codec: Codec;
  /** Task writes not stored yet, by thread and namespace (see putWrites). */
  private readonly pending = new Map<
    string,
    { threadId: string; ns: string; writes: PendingTaskWrites[] }
  >();
  /** Checkpoints not stored yet, in the order they were put (see `grouped`). */
  private held: HeldPut[] = [];
  /** Writes of a grouped run's nodes whose results nothing waits for (see `commitLater`). */
  private later: (() => void)[] = [];
  /** Writes to run with a thread's next checkpoint (see `withNextCheckpoint`). */
  private nextCheckpointWrites = new Map<string, () => void>();
  /** Runs inside `grouped` now. */
  private grouping = 0;
  /** A turn is scheduled after each put (see atNextTurn): while it is, the loop has had no turn since. */
  private turnScheduled = false;
  /** Why the last commit at a turn failed: the next call on this saver throws it. */
  private failure: unknown;

  constructor(
    readonly db: Db,
    private readonly options: SqliteCheckpointerOptions = {},
  ) {
    super(options.serde);
    this.codec = createCodec(this.serde);
    if (
      !db
        .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'checkpoint_blobs'")
        .get()
    ) {
      throw new GraphError(
        "CHECKPOINT_FAILED",
        `${db.name}: no checkpoint tables; open the database with openDb(), which applies migration 013`,
      );
    }
  }

  /**
   * The durable-run port: a run's invoke is `grouped`, its nodes' writes join the commits of the
   * checkpoints around them (`commitWith`, `commitLater`), its end and its note commit together.
   */
  durableRuns(): DurableRuns {
    const unit: DurableRun = {
      commit: (write) => this.commitWith(write),
      commitLater: (write) => this.commitLater(write),
    };
    const stored = (threadId: string) => this.storedLatestCheckpointId(threadId);
    return {
      startsFresh: (threadId) => stored(threadId) === null,
      storedCheckpointId: stored,
      withNextCheckpoint: (threadId, write) => this.withNextCheckpoint(threadId, write),
      threadHeads: async (threadId) => {
        this.flush();
        return storedThreadHeads(this.db, threadId);
      },
      run: (threadId, work, settle) =>
        this.grouped(
          () => work(unit),
          (out) => settle(out, stored(threadId)),
        ),
    };
  }

  /** The newest checkpoint id of a thread (root namespace), or null: cheaper than `getState`. */
  latestCheckpointId(threadId: string): string | null {
    this.flush();
    return this.storedLatestCheckpointId(threadId);
  }

  /** What `latestCheckpointId` reads, without storing what is held first: inside `commitWith` (or `grouped`'s `last`), where it is stored already. */
  storedLatestCheckpointId(threadId: string): string | null {
    const row = prepared(
      this.db,
      "SELECT max(checkpoint_id) AS id FROM checkpoints WHERE thread_id = ? AND checkpoint_ns = ''",
    ).get(threadId) as { id: string | null };
    return row.id;
  }

  async getTuple(config: RunnableConfig): Promise<CheckpointTuple | undefined> {
    const {
      thread_id,
      checkpoint_ns = "",
      checkpoint_id,
    } = (config.configurable ?? {}) as Record<string, string | undefined>;
    if (!thread_id) return undefined;
    this.flush();
    const row = (
      checkpoint_id
        ? prepared(
            this.db,
            `SELECT ${COLUMNS} FROM checkpoints WHERE thread_id = ? AND checkpoint_ns = ? AND checkpoint_id = ?`,
          ).get(thread_id, checkpoint_ns, checkpoint_id)
        : prepared(
            this.db,
            `SELECT ${COLUMNS} FROM checkpoints WHERE thread_id = ? AND checkpoint_ns = ? ORDER BY checkpoint_id DESC LIMIT 1`,
          ).get(thread_id, checkpoint_ns)
    ) as CheckpointRow | undefined;
    return row ? this.toTuple(row, this.blobsOf(row.thread_id, row.checkpoint_ns)) : undefined;
  }

  async *list(
    config: RunnableConfig,
    options: CheckpointListOptions = {},
  ): AsyncGenerator<CheckpointTuple> {
    const { thread_id, checkpoint_ns } = (config.configurable ?? {}) as Record<
      string,
      string | undefined
    >;
    const where: string[] = [];
    const args: unknown[] = [];
    const when = (clause: string, ...values: unknown[]) => {
      where.push(clause);
      args.push(...values);
    };
    if (thread_id) when("thread_id = ?", thread_id);
    if (checkpoint_ns !== undefined && checkpoint_ns !== null)
      when("checkpoint_ns = ?", checkpoint_ns);
    const before = options.before?.configurable?.checkpoint_id as string | undefined;
    if (before !== undefined) when("checkpoint_id < ?", before);
    for (const [key, value] of Object.entries(options.filter ?? {})) {
      if (value !== undefined)
        when("(CAST(metadata AS TEXT) -> ?) = json(?)", `$.${key}`, JSON.stringify(value));
    }
    this.flush();
    const limit =
      options.limit !== undefined ? ` LIMIT ${Math.max(0, Math.trunc(Number(options.limit)))}` : "";
    const sql = `SELECT ${COLUMNS} FROM checkpoints${where.length ? ` WHERE ${where.join(" AND ")}` : ""} ORDER BY checkpoint_id DESC${limit}`;
    const rows = this.db.prepare(sql).all(...args) as CheckpointRow[];
    const blobs = new Map<string, Map<string, BlobRow>>();
    for (const row of rows) {
      const key = `${row.thread_id}\u0000${row.checkpoint_ns}`;
      let ofThread = blobs.get(key);
      if (!ofThread) blobs.set(key, (ofThread = this.blobsOf(row.thread_id, row.checkpoint_ns)));
      yield await this.toTuple(row, ofThread);
    }
  }

  async put(
    config: RunnableConfig,
    checkpoint: Checkpoint,
    metadata: CheckpointMetadata,
    newVersions: ChannelVersions,
  ): Promise<RunnableConfig> {
    const {
      thread_id,
      checkpoint_ns = "",
      checkpoint_id: parentId,
    } = (config.configurable ?? {}) as Record<string, string | undefined>;
    if (!thread_id)
      throw new GraphError(
        "CHECKPOINT_FAILED",
        'checkpoint without "thread_id" in config.configurable',
      );
    const copy = copyCheckpoint(checkpoint);
    const values = copy.channel_values;
    const blobs = await Promise.all(
      Object.entries(newVersions).map(
        async ([channel, version]) =>
          [
            channel,
            String(version),
            ...(channel in values
              ? await this.codec.encode(values[channel])
              : (["empty", null] as const)),
          ] as const,
      ),
    );
    const { channel_values: _, ...bare } = copy;
    const [[type, body], [, meta]] = await Promise.all([
      this.codec.encode(bare),
      this.codec.encode(metadata),
    ]);
    if (this.options.yieldBeforeWrites) await nextTurn();
    this.held.push({
      threadId: thread_id,
      store: () => {
        const blob = prepared(
          this.db,
          "INSERT OR REPLACE INTO checkpoint_blobs (thread_id, checkpoint_ns, channel, version, type, value) VALUES (?, ?, ?, ?, ?, ?)",
        );
        for (const [channel, version, t, v] of blobs)
          blob.run(thread_id, checkpoint_ns, channel, version, t, v);
        prepared(
          this.db,
          `INSERT OR REPLACE INTO checkpoints (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        ).run(thread_id, checkpoint_ns, checkpoint.id, parentId ?? null, type, body, meta);
      },
    });
    const first = this.nextCheckpointWrites.get(thread_id);
    if (first) {
      this.nextCheckpointWrites.delete(thread_id);
      this.later.push(first);
    }
    const group = this.grouping > 0 && (parentId === undefined || this.turnScheduled);
    this.atNextTurn();
    if (!group) this.flush();
    return { configurable: { thread_id, checkpoint_ns, checkpoint_id: checkpoint.id } };
  }

  /**
   * A finished task's writes are held in memory and stored with the next commit (the checkpoint
   * that follows them, or the next turn), one commit fewer per task. Losing them in a crash only
   * makes the task run again on resume, as a crash just before it finished would, which every
   * node must survive anyway. Special writes (an interrupt, an error) end the run's progress, so
   * they and anything held are stored at once, or, in a grouped run, with its last commit, which
   * follows as the invoke returns (a crash before it re-runs the step that paused, which pauses
   * again); every read stores what is held first.
   */
  async putWrites(
    config: RunnableConfig,
    writes: PendingWrite[],
    taskId: string,
    taskPath = "",
  ): Promise<void> {
    const {
      thread_id,
      checkpoint_ns = "",
      checkpoint_id,
    } = (config.configurable ?? {}) as Record<string, string | undefined>;
    if (!thread_id || !checkpoint_id)
      throw new GraphError(
        "CHECKPOINT_FAILED",
        'writes without "thread_id" and "checkpoint_id" in config.configurable',
      );
    // Special writes (errors, interrupts) replace an earlier one of their kind; others are kept once.
    const special = writes.some(([channel]) => channel in WRITES_IDX_MAP);
    const verb = writes.every(([channel]) => channel in WRITES_IDX_MAP)
      ? "INSERT OR REPLACE"
      : "INSERT OR IGNORE";
    const rows = await Promise.all(
      writes.map(async ([channel, value], idx): Promise<[string, number, Stored]> => [
        channel,
        WRITES_IDX_MAP[channel] ?? idx,
        await this.codec.encode(value),
      ]),
    );
    const key = pendingKey(thread_id, checkpoint_ns);
    let held = this.pending.get(key);
    if (!held)
      this.pending.set(key, (held = { threadId: thread_id, ns: checkpoint_ns, writes: [] }));
    held.writes.push({ checkpointId: checkpoint_id, taskId, taskPath, verb, rows });
    if (!special || this.grouping > 0) return;
    if (this.options.yieldBeforeWrites) await nextTurn();
    this.flush();
  }

  /**
   * Runs `run` (a graph invoke) with its commits grouped, and stores everything before returning.
   * A checkpoint put while the thread has not given the event loop a turn since the previous one
   * is held and stored with the next ones, in one transaction, at the next turn, a read, an
   * interrupt or the end. A crash then resumes from an earlier checkpoint and re-runs steps that
   * never waited on anything, which reproduce what they did (every node must survive a re-run
   * anyway). A thread's first checkpoint is held too: a crash before the run's first write leaves
   * no trace of it, as if it had not started. One that follows a wait (an LLM call) is stored at
   * once, so recovery never pays for a model call twice. `last` runs in
   * the transaction that stores what is left: a run's final checkpoints and the note of where it
   * stopped (its decision's checkpoint) commit together, one commit rather than two.
   */
  async grouped<T>(run: () => Promise<T>, last?: (out: T) => void): Promise<T> {
    let out: T;
    this.grouping++;
    try {
      out = await run();
    } catch (e) {
      try {
        this.flush();
      } catch {
        // The run's own error says more; what is still held stays held for the next commit.
      }
      throw e;
    } finally {
      this.grouping--;
    }
    this.commitWith(() => last?.(out));
    return out;
  }

  /** Stores every checkpoint and task write still held, in one transaction; if it fails they stay held. Reads do this first. */
  flush(): void {
    this.commitWith(() => undefined);
  }

  /**
   * Runs `write` (a step's own database writes, synchronous) in the transaction that stores what
   * is held, so the step's writes and the checkpoints before it commit together, or neither does
   * and they stay held. With nothing held, `write` runs as it is.
   */
  commitWith<T>(write: () => T): T {
    if (this.failure !== undefined) {
      const e = this.failure;
      this.failure = undefined;
      throw e;
    }
    if (this.held.length === 0 && this.pending.size === 0 && this.later.length === 0)
      return write();
    const held = this.held;
    const writes = [...this.pending.values()];
    const later = this.later;
    const out = writeTx(this.db, () => {
      for (const put of held) put.store();
      for (const { threadId, ns, writes: ws } of writes) this.storeWrites(threadId, ns, ws);
      for (const w of later) w();
      return write();
    });
    this.held = [];
    this.pending.clear();
    this.later = [];
    return out;
  }

  /**
   * A node's write whose result the run does not wait for (a log entry), inside a grouped run:
   * held like a checkpoint and run in the transaction of the run's next commit, so it commits
   * with the checkpoint after its step; a crash before that re-runs the step, which writes it
   * again. Outside a grouped run it is committed at once.
   */
  commitLater(write: () => void): void {
    if (this.grouping === 0) return this.commitWith(write);
    this.later.push(write);
  }

  /**
   * Runs `write` in the transaction that stores `threadId`'s next checkpoint: a run's bookkeeping
   * (its lease) then costs no commit of its own. Returns a function that drops it if unused.
   */
  withNextCheckpoint(threadId: string, write: () => void): () => void {
    this.nextCheckpointWrites.set(threadId, write);
    return () => {
      if (this.nextCheckpointWrites.get(threadId) === write)
        this.nextCheckpointWrites.delete(threadId);
    };
  }

  async deleteThread(threadId: string): Promise<void> {
    for (const [key, held] of this.pending)
      if (held.threadId === threadId) this.pending.delete(key);
    this.held = this.held.filter((h) => h.threadId !== threadId);
    writeTx(this.db, () => {
      for (const table of ["checkpoints", "writes", "checkpoint_blobs"])
        prepared(this.db, `DELETE FROM ${table} WHERE thread_id = ?`).run(threadId);
    });
  }

  /**
   * Integer part + 1 as LangGraph counts, plus a random fraction: blobs are keyed by version, and
   * a fork (`updateState` on an older checkpoint) would otherwise reuse a number its sibling
   * branch already stored a different value under. Still numbers, so they compare with the
   * integer versions of rows written before.
   */
  override getNextVersion(current: number | undefined): number {
    return (current === undefined ? 0 : Math.floor(current)) + 1 + Math.random() * 1e-3;
  }

  /** One thread's held task writes (inside commitWith's transaction). */
  private storeWrites(threadId: string, ns: string, writes: PendingTaskWrites[]): void {
    for (const w of writes) {
      const st = prepared(
        this.db,
        `${w.verb} INTO writes (thread_id, checkpoint_ns, checkpoint_id, task_id, task_path, idx, channel, type, value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const [channel, idx, [t, v]] of w.rows)
        st.run(threadId, ns, w.checkpointId, w.taskId, w.taskPath, idx, channel, t, v);
    }
  }

  /**
   * At the event loop's next turn: marks that a turn passed and stores what is held. A failure
   * there has no caller to reach: it is kept for the next call on this saver to throw.
   */
  private atNextTurn(): void {
    if (this.turnScheduled) return;
    this.turnScheduled = true;
    setImmediate(() => {
      this.turnScheduled = false;
      if (!this.db.open) return;
      try {
        this.flush();
      } catch (e) {
        this.failure = e;
      }
    });
  }

  private blobsOf(threadId: string, ns: string): Map<string, BlobRow> {
    const rows = prepared(
      this.db,
      "SELECT channel, version, type, value FROM checkpoint_blobs WHERE thread_id = ? AND checkpoint_ns = ?",
    ).all(threadId, ns) as BlobRow[];
    return new Map(rows.map((r) => [`${r.channel}\u0000${r.version}`, r]));
  }

  private writesOf(
    threadId: string,
    ns: string,
    checkpointId: string,
    channel?: string,
  ): WriteRow[] {
    const only = channel === undefined ? "" : " AND channel = ?";
    const sql = `SELECT task_id, channel, type, value FROM writes WHERE thread_id = ? AND checkpoint_ns = ? AND checkpoint_id = ?${only} ORDER BY task_path, task_id, idx`;
    return prepared(this.db, sql).all(
      threadId,
      ns,
      checkpointId,
      ...(channel === undefined ? [] : [channel]),
    ) as WriteRow[];
  }

  /**
   * Checkpoints before format v4 kept `Send`s as the parent's pending writes to TASKS; LangGraph
   * reads them from the checkpoint's own TASKS channel now, so they are moved there on read.
   */
  private async migratePendingSends(
    row: CheckpointRow,
    bare: Omit<Checkpoint, "channel_values">,
    values: Record<string, unknown>,
  ): Promise<void> {
    const sends = this.writesOf(row.thread_id, row.checkpoint_ns, row.parent_checkpoint_id!, TASKS);
    values[TASKS] = await Promise.all(
      sends.map((w) => this.codec.decode(w.type ?? "json", w.value ?? "")),
    );
    const versions = Object.values(bare.channel_versions);
    bare.channel_versions[TASKS] =
      versions.length > 0 ? maxChannelVersion(...versions) : this.getNextVersion(undefined);
  }

  private async toTuple(row: CheckpointRow, blobs: Map<string, BlobRow>): Promise<CheckpointTuple> {
    const bare = (await this.codec.decode(row.type ?? "json", row.checkpoint)) as Omit<
      Checkpoint,
      "channel_values"
    >;
    const channel_values: Record<string, unknown> = {};
    for (const [channel, version] of Object.entries(bare.channel_versions)) {
      const b = blobs.get(`${channel}\u0000${String(version)}`);
      if (b && b.type !== "empty" && b.value !== null)
        channel_values[channel] = await this.codec.decode(b.type, b.value);
    }
    if (bare.v < 4 && row.parent_checkpoint_id)
      await this.migratePendingSends(row, bare, channel_values);
    const writes = this.writesOf(row.thread_id, row.checkpoint_ns, row.checkpoint_id);
    const pendingWrites: CheckpointPendingWrite[] = await Promise.all(
      writes.map(async (w): Promise<CheckpointPendingWrite> => [
        w.task_id,
        w.channel,
        await this.codec.decode(w.type ?? "json", w.value ?? ""),
      ]),
    );
    const at = (id: string) => ({
      configurable: {
        thread_id: row.thread_id,
        checkpoint_ns: row.checkpoint_ns,
        checkpoint_id: id,
      },
    });
    return {
      config: at(row.checkpoint_id),
      checkpoint: { ...bare, channel_values },
      metadata: (await this.codec.decode(row.type ?? "json", row.metadata)) as CheckpointMetadata,
      ...(row.parent_checkpoint_id ? { parentConfig: at(row.parent_checkpoint_id) } : {}),
      pendingWrites,
    };
  }
}
