import type { Migration } from "../../migrations/index.js";
import { catalog } from "./001-catalog.js";
import { signals } from "./002-signals.js";
import { governance } from "./003-governance.js";
import { decisions } from "./004-decisions.js";
import { channels } from "./005-channels.js";
import { server } from "./006-server.js";
import { evals } from "./007-evals.js";
import { monitoring } from "./008-monitoring.js";
import { readIndexes } from "./010-read-indexes.js";
import { completeJourney } from "./011-complete-journey.js";
import { shoppers } from "./012-shoppers.js";
import { checkpoints } from "./013-checkpoints.js";
import { runLeases } from "./014-run-leases.js";
import { commitmentCurrency } from "./015-commitment-currency.js";
import { ingestStages } from "./016-ingest-stages.js";
import { threadEpisodes } from "./020-thread-episodes.js";
import { supersededRequests } from "./021-superseded-requests.js";
import { shadow } from "./022-shadow.js";

// One Postgres migration per SQLite migration, same version and name (a test holds them
// together), so a store's version means the same schema on either database.
// Types: INTEGER -> bigint (read back as a JS number), REAL -> double precision, TEXT -> text
// COLLATE "C" (compared and sorted by code point, as SQLite's BINARY does; JSON stays text,
// byte for byte), BLOB -> bytea, 0/1 flags stay 0/1 integers.

/** Every Postgres migration, in order; append one whenever SQLite gains one. */
export const PG_MIGRATIONS: readonly Pick<Migration, "version" | "name" | "sql">[] = [
  { version: 1, name: "catalog", sql: catalog },
  { version: 2, name: "signals", sql: signals },
  { version: 3, name: "governance", sql: governance },
  { version: 4, name: "decisions", sql: decisions },
  { version: 5, name: "channels", sql: channels },
  { version: 6, name: "server", sql: server },
  { version: 7, name: "evals", sql: evals },
  { version: 8, name: "monitoring", sql: monitoring },
  { version: 10, name: "read-indexes", sql: readIndexes },
  { version: 11, name: "complete-journey", sql: completeJourney },
  { version: 12, name: "shoppers", sql: shoppers },
  { version: 13, name: "checkpoints", sql: checkpoints },
  { version: 14, name: "run-leases", sql: runLeases },
  { version: 15, name: "commitment-currency", sql: commitmentCurrency },
  { version: 16, name: "ingest-stages", sql: ingestStages },
  { version: 20, name: "thread-episodes", sql: threadEpisodes },
  { version: 21, name: "superseded-requests", sql: supersededRequests },
  { version: 22, name: "shadow", sql: shadow },
];
