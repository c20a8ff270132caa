import { z } from "zod";
import { ingestReportSchema, type Db } from "../../../src/store/index.js";
import { storedRowViolations } from "./invariants.js";

/** The JSON every rejection must carry (src/server/errors.ts). */
export const errorBodySchema = z.object({
  error: z.object({
    status: z.number().int(),
    code: z.string().min(1),
    message: z.string().min(1),
  }),
});

/** Tables a request may change even when it is refused: the audit chain records refused attempts too (and its AUTOINCREMENT counter). */
const BOOKKEEPING = new Set(["audit_log", "sqlite_sequence"]);
/** A campaign edit the policy refuses (422 POLICY_BLOCKED) is still recorded: who asked, and the verdict. */
const RECORDED_REFUSALS: Record<string, ReadonlySet<string>> = {
  POLICY_BLOCKED: new Set(["campaign_edits", "policy_verdicts"]),
};

/**
 * Row count and largest rowid of every table but the bookkeeping ones: cheap enough to take around
 * every request, and a refused request can neither add, remove nor correct a row (a correction
 * writes fact_history) without moving one of them.
 */
export function storeDigest(db: Db, also: ReadonlySet<string> = new Set()): string {
  const tables = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[]
  )
    .map((t) => t.name)
    .filter((t) => !BOOKKEEPING.has(t) && !also.has(t));
  return tables
    .map((t) => {
      const r = db.prepare(`SELECT count(*) AS n, max(rowid) AS m FROM "${t}"`).get() as {
        n: number;
        m: number | null;
      };
      return `${t}:${r.n}:${r.m ?? 0}`;
    })
    .join(",");
}

const protoKeys = () => Object.getOwnPropertyNames(Object.prototype).sort().join(",");
const PROTO_BEFORE = protoKeys();

/** True when a request polluted Object.prototype. */
export function prototypePolluted(): boolean {
  const probe = {} as Record<string, unknown>;
  return (
    protoKeys() !== PROTO_BEFORE || probe.polluted !== undefined || probe.isAdmin !== undefined
  );
}

/** Counters printed at the end so CI output shows what was tried and found. */
export class HttpTally {
  cases = 0;
  accepted = 0;
  rejected = 0;
  crashes = 0;
  unexplained = 0;
  refusedButChanged = 0;
  acceptedMalformed = 0;
  polluted = 0;
  byStatus: Record<number, number> = {};
  problems: string[] = [];

  line(invalidRows: number): string {
    return (
      `fuzz-http: cases ${this.cases} (accepted ${this.accepted}, rejected ${this.rejected}), crashes ${this.crashes}, unexplained rejections ${this.unexplained}, ` +
      `refused requests that changed the store ${this.refusedButChanged}, malformed bodies accepted ${this.acceptedMalformed}, prototype pollution ${this.polluted}, ` +
      `invalid rows stored ${invalidRows}, statuses ${JSON.stringify(this.byStatus)}`
    );
  }
}

export interface Checked {
  status: number;
  problems: string[];
}

/**
 * Sends one request and checks the contract: no 5xx; every 4xx is a JSON error body naming the
 * problem with the same status; a refused request leaves the store as it was; a JSON route does not
 * accept a body that is not well-formed JSON; an ingest's report accounts for every row and stores
 * no invalid row; nothing pollutes Object.prototype.
 */
export async function sendAndCheck(
  db: Db,
  tally: HttpTally,
  send: () => Response | Promise<Response>,
  o: { label: string; jsonRoute: boolean; wellFormedJson: boolean; ingest: boolean },
): Promise<Checked> {
  const before = storeDigest(db);
  const beforeRecorded = new Map(
    Object.entries(RECORDED_REFUSALS).map(([code, tables]) => [code, storeDigest(db, tables)]),
  );
  const res = await send();
  const text = await res.text();
  const problems: string[] = [];
  tally.cases++;
  tally.byStatus[res.status] = (tally.byStatus[res.status] ?? 0) + 1;
  if (res.status >= 500) {
    tally.crashes++;
    problems.push(`crash ${res.status}: ${text.slice(0, 200)}`);
  } else if (res.status >= 400) {
    tally.rejected++;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const parsed = errorBodySchema.safeParse(body);
    if (!parsed.success || parsed.data.error.status !== res.status) {
      tally.unexplained++;
      problems.push(`unexplained ${res.status}: ${text.slice(0, 200)}`);
    }
    const code = parsed.success ? parsed.data.error.code : "";
    const changed = RECORDED_REFUSALS[code]
      ? storeDigest(db, RECORDED_REFUSALS[code]) !== beforeRecorded.get(code)
      : storeDigest(db) !== before;
    if (changed) {
      tally.refusedButChanged++;
      problems.push(`refused with ${res.status} but the store changed`);
    }
  } else {
    tally.accepted++;
    if (o.jsonRoute && !o.wellFormedJson) {
      tally.acceptedMalformed++;
      problems.push(`accepted a body that is not well-formed JSON (${res.status})`);
    }
    if (o.ingest && res.status === 200) {
      const report = ingestReportSchema.safeParse(JSON.parse(text));
      if (!report.success) problems.push(`ingest answered without a report: ${text.slice(0, 200)}`);
      else {
        const r = report.data;
        if (r.rowsRead !== r.stored + r.corrected + r.duplicates + r.quarantined)
          problems.push(`rows not accounted for: ${JSON.stringify(r).slice(0, 200)}`);
        if (r.rejections.some((x) => !x.reason.trim()))
          problems.push("a quarantined row without a reason");
      }
      const bad = storedRowViolations(db);
      if (bad.length)
        problems.push(
          `invalid rows stored: ${bad
            .slice(0, 3)
            .map((v) => `${v.table} ${v.problem}`)
            .join("; ")}`,
        );
    }
  }
  if (prototypePolluted()) {
    tally.polluted++;
    problems.push("Object.prototype was polluted");
  }
  if (problems.length) tally.problems.push(`${o.label}: ${problems.join(" | ")}`);
  return { status: res.status, problems };
}
