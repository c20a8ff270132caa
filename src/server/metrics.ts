import type { MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import type { Db } from "../store/index.js";

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Histogram {
  buckets: number[];
  sum: number;
  count: number;
}

/** Request counters and latency histograms, per method, route pattern and status. */
export interface Metrics {
  observe(method: string, route: string, status: number, seconds: number): void;
  /** The Prometheus text exposition, request metrics plus gauges read from the database now. */
  render(db: Db): string;
}

const esc = (v: string) => v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
const labels = (l: Record<string, string | number>) =>
  `{${Object.entries(l)
    .map(([k, v]) => `${k}="${esc(String(v))}"`)
    .join(",")}}`;

function tableExists(db: Db, name: string): boolean {
  return (
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !==
    undefined
  );
}

function dbGauges(db: Db): string[] {
  const out: string[] = [];
  const ingested = db
    .prepare(
      "SELECT kind, coalesce(sum(stored_new), 0) AS n FROM ingests GROUP BY kind ORDER BY kind",
    )
    .all() as { kind: string; n: number }[];
  out.push(
    "# HELP autopromo_ingested_rows_total Rows stored new by ingests, per kind.",
    "# TYPE autopromo_ingested_rows_total counter",
  );
  for (const r of ingested)
    out.push(`autopromo_ingested_rows_total${labels({ kind: r.kind })} ${r.n}`);
  const quarantined = db
    .prepare("SELECT kind, count(*) AS n FROM quarantine GROUP BY kind ORDER BY kind")
    .all() as { kind: string; n: number }[];
  out.push(
    "# HELP autopromo_quarantined_rows Rows held in quarantine, per kind.",
    "# TYPE autopromo_quarantined_rows gauge",
  );
  for (const r of quarantined)
    out.push(`autopromo_quarantined_rows${labels({ kind: r.kind })} ${r.n}`);
  out.push(
    "# HELP autopromo_decisions Decision records by outcome status.",
    "# TYPE autopromo_decisions gauge",
  );
  if (tableExists(db, "decisions")) {
    for (const r of db
      .prepare("SELECT status, count(*) AS n FROM decisions GROUP BY status ORDER BY status")
      .all() as { status: string; n: number }[]) {
      out.push(`autopromo_decisions${labels({ outcome: r.status })} ${r.n}`);
    }
  }
  const outbox = db
    .prepare(
      "SELECT status, count(*) AS n FROM outbox WHERE status IN ('pending', 'failed') GROUP BY status",
    )
    .all() as { status: string; n: number }[];
  out.push(
    "# HELP autopromo_deliveries Channel deliveries in the outbox that are pending or failed.",
    "# TYPE autopromo_deliveries gauge",
  );
  for (const s of ["pending", "failed"])
    out.push(
      `autopromo_deliveries${labels({ status: s })} ${outbox.find((r) => r.status === s)?.n ?? 0}`,
    );
  return out;
}

/** A fresh registry (one per app, so tests and several apps in one process do not share counts). */
export function createMetrics(): Metrics {
  const counts = new Map<string, number>();
  const hists = new Map<string, Histogram>();
  return {
    observe(method, route, status, seconds) {
      const key = labels({ method, route, status });
      counts.set(key, (counts.get(key) ?? 0) + 1);
      const hkey = labels({ method, route });
      const h = hists.get(hkey) ?? { buckets: BUCKETS.map(() => 0), sum: 0, count: 0 };
      BUCKETS.forEach((b, i) => {
        if (seconds <= b) h.buckets[i]!++;
      });
      h.sum += seconds;
      h.count++;
      hists.set(hkey, h);
    },
    render(db) {
      const out = [
        "# HELP autopromo_http_requests_total HTTP requests by method, route and status.",
        "# TYPE autopromo_http_requests_total counter",
      ];
      for (const [k, n] of counts) out.push(`autopromo_http_requests_total${k} ${n}`);
      out.push(
        "# HELP autopromo_http_request_duration_seconds HTTP request latency.",
        "# TYPE autopromo_http_request_duration_seconds histogram",
      );
      for (const [k, h] of hists) {
        const inner = k.slice(1, -1);
        BUCKETS.forEach((b, i) =>
          out.push(
            `autopromo_http_request_duration_seconds_bucket{${inner},le="${b}"} ${h.buckets[i]}`,
          ),
        );
        out.push(`autopromo_http_request_duration_seconds_bucket{${inner},le="+Inf"} ${h.count}`);
        out.push(
          `autopromo_http_request_duration_seconds_sum${k} ${h.sum}`,
          `autopromo_http_request_duration_seconds_count${k} ${h.count}`,
        );
      }
      return [...out, ...dbGauges(db)].join("\n") + "\n";
    },
  };
}

/** Times every request; the label is the route pattern (/campaigns/:id), never the raw path, to bound cardinality. */
export function measure(metrics: Metrics): MiddlewareHandler {
  return async (c, next) => {
    const start = performance.now();
    await next();
    metrics.observe(
      c.req.method,
      routePath(c, -1) || "unmatched",
      c.res.status,
      (performance.now() - start) / 1000,
    );
  };
}
