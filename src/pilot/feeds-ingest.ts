import type { Db } from "../store/index.js";
import { ingestRecords, type Dataset } from "../store/index.js";
import type { Clock } from "../domain/index.js";

/** Ingests the week's observed feeds through the normal validation and harmonisation. */
export async function ingestFeeds(
  db: Db,
  feeds: Dataset["feeds"],
  origin: string,
  clock: Clock,
): Promise<number> {
  let quarantined = 0;
  for (const [kind, batches] of Object.entries(feeds)) {
    for (const b of batches ?? []) {
      if (b.rows.length === 0) continue;
      const r = await ingestRecords(
        db,
        [b.rows.map((values, i) => ({ line: i + 1, values: values as Record<string, unknown> }))],
        { kind, source: b.source, origin: `${origin}:${kind}`, now: () => clock.now() },
      );
      quarantined += r.quarantined;
    }
  }
  return quarantined;
}
