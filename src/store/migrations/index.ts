import { catalog } from "./001-catalog.js";
import { signals } from "./002-signals.js";
import { governance } from "./003-governance.js";

/** One numbered migration: applied once, in order, inside a transaction. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every migration, in order. Append; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: "catalog", sql: catalog },
  { version: 2, name: "signals", sql: signals },
  { version: 3, name: "governance", sql: governance },
];
