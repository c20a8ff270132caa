import { getDecision, listDecisions } from "../../graph/decisions.js";
import type { Db } from "../db.js";
import type { DecisionReader } from "./decision-reader.js";

// Not exported from the store's index: it reads through the graph's functions, which import
// the store (a cycle otherwise).

/** Decision records from the SQLite store, through today's `getDecision`/`listDecisions`. */
export function sqliteDecisionReader(db: Db): DecisionReader {
  return {
    get: async (id) => getDecision(db, id),
    list: async (limit) => listDecisions(db, limit),
  };
}
