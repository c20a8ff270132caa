import type { InventoryThresholds } from "../agents/inventory/index.js";
import type { Clock } from "../domain/index.js";
import type { Db } from "../store/index.js";
import { inventoryTriggers } from "./inventory-events.js";
import { signalReason } from "./signal-reason.js";
import { createSignalScopes } from "./signal-scopes.js";
import type { Scope, Trigger } from "./trigger.js";

/** What an ingest reported: the HTTP route's `ingest` event and `autopromo ingest` both carry it. */
export interface IngestSummary {
  ingestId: number;
  kind: string;
  stored: number;
  corrected: number;
}

/** What may start runs: signals an ingest stored, or the inventory agent's events. */
export type TriggerSource =
  | {
      kind: "ingest";
      /** Where the signals came in, for the reason: "POST /signals", "autopromo ingest". */
      via: string;
      ingests: readonly IngestSummary[];
      /**
       * Also the facts other processes stored since the last look (a server, which nobody else
       * triggers for); by default only the facts of `ingests`.
       */
      alsoOthers?: boolean;
    }
  | {
      kind: "inventory";
      thresholds?: Partial<InventoryThresholds>;
      /** Only these scopes (default: every category × market with sales). */
      scopes?: readonly Scope[];
    };

/** The trigger layer on one database: what runs a source asks for. */
export interface Triggers {
  /**
   * The runs `source` asks for: one trigger a scope, with the facts that asked. Signals are read
   * once: a second call sees only what was stored after the first.
   */
  triggersFor(source: TriggerSource): Trigger[];
}

/**
 * Creates the triggers of one database. Signals count from now: create it before the ingest
 * whose signals should trigger runs (history already stored is not a signal).
 * @example const t = createTriggers({ db, clock }); const r = await ingestFile(db, f);
 *   await runTriggers(ctx, t.triggersFor({ kind: "ingest", via: "cli", ingests: [r] }));
 */
export function createTriggers(deps: { db: Db; clock: Clock }): Triggers {
  const signals = createSignalScopes(deps.db);
  return {
    triggersFor(source) {
      if (source.kind === "inventory")
        return inventoryTriggers({
          db: deps.db,
          clock: deps.clock,
          ...(source.thresholds ? { thresholds: source.thresholds } : {}),
          ...(source.scopes ? { scopes: source.scopes } : {}),
        });
      // Duplicates change nothing: no need to look.
      if (!source.ingests.some((i) => i.stored > 0 || i.corrected > 0)) return [];
      const only = source.alsoOthers ? undefined : source.ingests.map((i) => i.ingestId);
      return signals.next(only).map(({ scope, facts }) => ({
        scope,
        reason: signalReason(source.via, facts),
        facts,
      }));
    },
  };
}
