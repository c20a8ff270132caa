import Database from "better-sqlite3";
import type { Statement } from "better-sqlite3";
import type { WriteGate } from "./write-gate.js";

/** The facts' versions a connection read, and what they were read under (see versions.ts). */
export interface FactsVersions {
  epoch: number;
  changes: number;
  dataVersion: number;
  byKinds: Map<string, string>;
}

/**
 * What one connection remembers, created with it by `openDb` and dropped with it: compiled
 * statements, the facts' versions, derived facts memoised on them, its write gate. Nothing of it
 * lives in a module: two connections (two tests, two files) never share an entry.
 */
export class ConnectionState {
  /** Statements compiled once per SQL text (see `prepared`). */
  readonly statements: Map<string, Statement> = new Map();
  /** Raw-row statements compiled once per SQL text (see `preparedRaw`). */
  readonly rawStatements: Map<string, Statement> = new Map();
  /** Moved by each ingest this connection ends (see `factsChanged`): versions are read again. */
  factsEpoch = 0;
  /** The versions read since the last change this connection could see. */
  facts: FactsVersions | undefined;
  /** Caches of other modules (a memo's entries, the ingest's catalogue), by their owner. */
  private readonly slots = new Map<unknown, unknown>();

  constructor(readonly gate?: WriteGate) {}

  /** The cache `owner` keeps on this connection, made by `create` on first use. */
  slot<T>(owner: object | string, create: () => T): T {
    let value = this.slots.get(owner) as T | undefined;
    if (value === undefined) this.slots.set(owner, (value = create()));
    return value;
  }
}

type Open = new (path: string, options?: Database.Options) => Database.Database;

/** A better-sqlite3 connection that carries its {@link ConnectionState}; `openDb` makes these. */
export class StoreDb extends (Database as unknown as Open) {
  readonly state: ConnectionState;

  constructor(path: string, gate?: WriteGate) {
    super(path);
    this.state = new ConnectionState(gate);
  }
}

/**
 * The state of a connection `openDb` made; a connection opened otherwise (a raw
 * better-sqlite3 handle in a test or a read-only worker) gets a fresh one each call: nothing
 * is cached for it, every answer is still right.
 */
export function stateOf(db: Database.Database): ConnectionState {
  return db instanceof StoreDb ? db.state : new ConnectionState();
}
