import { generateDemoMarket } from "../../sim/demo/index.js";
import { loadDemoShoppers } from "../../sim/demo/shoppers-load.js";
import { ingestDataset, type Db } from "../../store/index.js";

/** What loading the demo market did. */
export interface DemoLoad {
  seed: number;
  /** False when every ingest of this seed had already finished (nothing was read again). */
  loaded: boolean;
  stored: number;
  planted: string[];
}

const REFERENCE_KINDS = ["market", "location", "product", "sku_alias", "fx_rate"];

/** The demo's last day of data for a clock reading `today` (YYYY-MM-DD): the day before. */
export function demoEndFor(today: string): string {
  const t = Date.parse(`${today.slice(0, 10)}T00:00:00Z`) - 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/**
 * Loads the seeded demo market unless it is already in the store. Checking the finished ingests
 * (named by `ingestDataset` as origin:kind:source) keeps a restart quick; a load cut short is
 * completed, since ingestion stores nothing twice.
 */
export async function ensureDemoMarket(db: Db, seed = 1, today?: string): Promise<DemoLoad> {
  // Dated to end the day before `today`, so planning on the wall clock finds fresh data.
  const demo = generateDemoMarket({ seed, ...(today ? { endWeek: demoEndFor(today) } : {}) });
  const origin = `demo-seed-${seed}`;
  loadDemoShoppers(db, { seed, endDate: demo.endDate });
  const expected = [
    ...REFERENCE_KINDS.map((k) => `${origin}:${k}:${origin}`),
    ...Object.entries(demo.feeds).flatMap(([kind, batches]) =>
      ((batches ?? []) as readonly { source: string }[]).map(
        (b) => `${origin}:${kind}:${b.source}`,
      ),
    ),
  ];
  const done = new Map<string, number>();
  for (const r of db
    .prepare("SELECT file FROM ingests WHERE file LIKE ? AND finished_at IS NOT NULL")
    .all(`${origin}:%`) as { file: string }[])
    done.set(r.file, (done.get(r.file) ?? 0) + 1);
  const need = new Map<string, number>();
  for (const f of expected) need.set(f, (need.get(f) ?? 0) + 1);
  const planted = demo.planted.map((p) => p.kind);
  if ([...need].every(([f, n]) => (done.get(f) ?? 0) >= n))
    return { seed, loaded: false, stored: 0, planted };
  const reports = await ingestDataset(db, demo, { origin });
  return { seed, loaded: true, stored: reports.reduce((n, r) => n + r.stored, 0), planted };
}
