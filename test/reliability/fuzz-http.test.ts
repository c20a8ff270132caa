import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROUTE_DOCS } from "../../src/server/app.js";
import type { RouteDoc } from "../../src/server/openapi.js";
import { rolesForKind } from "../../src/server/auth/roles.js";
import { INGEST_KINDS, type IngestKind } from "../../src/store/index.js";
import { feedCase, render } from "./support/feeds.js";
import { fuzzBody, fuzzParam, fuzzQuery, type FuzzBody } from "./support/http-bodies.js";
import { fuzzApp, templateBody, tokenFor, type FuzzApp } from "./support/http-app.js";
import { HttpTally, sendAndCheck } from "./support/http-oracle.js";
import { storedRowViolations } from "./support/invariants.js";

// Deterministic by default; FUZZ_SEED=<n> explores elsewhere, FUZZ_HTTP_RUNS=<n> per route.
const SEED = Number(process.env.FUZZ_SEED ?? 4242);
const RUNS = Number(process.env.FUZZ_HTTP_RUNS ?? 30);

let t: FuzzApp;
const tally = new HttpTally();
let runsStarted = 0;

beforeAll(async () => {
  t = await fuzzApp();
});
/** Waits until every run the fuzz started has published its end (background runs write checkpoints). */
async function runsIdle(): Promise<void> {
  for (let i = 0; i < 600 && t.events.filter((e) => e.type === "run").length < runsStarted; i++)
    await new Promise((r) => setTimeout(r, 20));
}

afterAll(async () => {
  await runsIdle();
  console.log(`${tally.line(storedRowViolations(t.db).length)}, seed ${SEED}`);
  t.db.close();
});

/** Every documented route that takes a body or a path parameter (signals has its own feed-based property below). */
const ROUTES = ROUTE_DOCS.filter(
  (d) => (d.method === "post" || d.path.includes("{")) && d.path !== "/signals/{kind}",
);

function paramFor(doc: RouteDoc): fc.Arbitrary<string> {
  const real = doc.path.startsWith("/campaigns")
    ? [t.ids.campaign]
    : doc.path.startsWith("/approvals")
      ? [t.ids.approval]
      : [t.ids.thread];
  return fuzzParam(real);
}

const headersFor = (
  token: string | undefined,
  contentType: string | undefined,
): Record<string, string> => ({
  ...(token ? { Authorization: `Bearer ${token}` } : {}),
  ...(contentType ? { "Content-Type": contentType } : {}),
});

describe("HTTP fuzz: every route with a body or parameters", () => {
  it("covers the documented routes", () => {
    expect(ROUTES.map((d) => `${d.method} ${d.path}`)).toEqual(
      expect.arrayContaining([
        "post /threads",
        "post /approvals/{id}",
        "post /autonomy/kill-switch",
        "post /campaigns/{id}/pause",
        "post /campaigns/{id}/edit",
        "get /decisions/{id}",
      ]),
    );
    // Every POST is fuzzed with a body; /signals has its own feed-based property below.
    expect(
      ROUTE_DOCS.filter((d) => d.method === "post" && d.path !== "/signals/{kind}").every((d) =>
        ROUTES.includes(d),
      ),
    ).toBe(true);
  });

  it.each(ROUTES.map((d) => [`${d.method.toUpperCase()} ${d.path}`, d] as const))(
    "%s: no 5xx, every rejection explained, refused requests change nothing",
    async (_name, doc) => {
      const body: fc.Arbitrary<FuzzBody | null> =
        doc.method === "post" ? fuzzBody(templateBody(doc.path)) : fc.constant(null);
      await fc.assert(
        fc.asyncProperty(paramFor(doc), body, async (param, b) => {
          const path = doc.path.replace(/\{\w+\}/g, param);
          const query = doc.path.endsWith("/history") ? `?limit=${param.slice(0, 20)}` : "";
          const url = `http://localhost${path}${query}`;
          const init: RequestInit = {
            method: doc.method.toUpperCase(),
            headers: headersFor(tokenFor(t, doc.roles), b?.contentType),
          };
          if (b) init.body = new Uint8Array(b.bytes);
          const r = await sendAndCheck(t.db, tally, () => t.app.request(url, init), {
            label: `${doc.method} ${path.slice(0, 80)} ${b?.label ?? ""}`,
            jsonRoute: Boolean(b),
            wellFormedJson: b?.wellFormedJson ?? true,
            ingest: false,
          });
          if (r.status < 300 && path.includes("/runs")) {
            runsStarted++;
            // A background run writes while later requests are checked: let it finish first.
            await runsIdle();
          }
          expect(r.problems).toEqual([]);
        }),
        { seed: SEED, numRuns: RUNS },
      );
    },
  );

  it("query strings (GET /decisions, /threads/{id}/history, /accuracy, POST /signals ?source=): fuzzed values and keys are a 400 or an answer, never a crash", async () => {
    await fc.assert(
      fc.asyncProperty(fuzzQuery, async (q) => {
        const paths = [
          `/decisions?limit=${q}`,
          `/threads/${t.ids.thread}/history?limit=${q}`,
          `/accuracy?market=${q}&promotionType=${q}`,
          `/accuracy?${q}=tpr`,
          `/signals/market?source=${q}`,
        ];
        for (const path of paths) {
          const method = path.startsWith("/signals") ? "POST" : "GET";
          const token = method === "POST" ? t.tokens.data_steward : t.tokens.supply_chain; // market is reference data
          const init: RequestInit = {
            method,
            headers: headersFor(token, "application/json"),
            ...(method === "POST" ? { body: "[]" } : {}),
          };
          const r = await sendAndCheck(
            t.db,
            tally,
            () => t.app.request(`http://localhost${path}`, init),
            {
              label: `${method} ${path.slice(0, 80)}`,
              jsonRoute: false,
              wellFormedJson: true,
              ingest: method === "POST",
            },
          );
          expect(r.problems).toEqual([]);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe("HTTP fuzz: POST /signals/{kind} with fuzzed feeds", () => {
  const feed = fc
    .constantFrom(...INGEST_KINDS)
    .chain((kind) =>
      fc
        .tuple(fc.constant(kind as IngestKind), fc.constantFrom("csv", "jsonl" as const))
        .chain(([k, f]) => feedCase(k, f)),
    );
  it("CSV and JSON bodies with hostile cells, broken quoting, wrong encodings: no crash, only valid rows stored, rejections explained", async () => {
    await fc.assert(
      fc.asyncProperty(
        feed,
        fc.constantFrom("raw", "json-array", "json-rows"),
        async (c, shape) => {
          let bytes: Buffer;
          let contentType: string;
          if (c.format === "csv") {
            bytes = render(c).bytes;
            contentType = "text/csv";
          } else {
            // The JSON route takes an array of row objects (or { rows }); the damage applies to the serialised body.
            const rows = c.rows.map((r) => Object.fromEntries(c.columns.map((h, i) => [h, r[i]])));
            const text = shape === "json-rows" ? JSON.stringify({ rows }) : JSON.stringify(rows);
            bytes =
              c.damage.type === "none" || shape === "raw"
                ? Buffer.from(text)
                : render({ ...c, format: "jsonl" }).bytes;
            contentType = "application/json";
          }
          const kind = c.kind;
          const r = await sendAndCheck(
            t.db,
            tally,
            () =>
              t.app.request(`http://localhost/signals/${kind}?source=pos`, {
                method: "POST",
                headers: headersFor(t.tokens[rolesForKind(kind)[0]!], contentType),
                body: new Uint8Array(bytes),
              }),
            {
              label: `POST /signals/${kind} ${c.format} ${shape} damage ${c.damage.type}`,
              jsonRoute: false,
              wellFormedJson: true,
              ingest: true,
            },
          );
          expect(r.problems).toEqual([]);
        },
      ),
      { seed: SEED, numRuns: RUNS * 2 },
    );
  });

  it("a feed whose cell nests 100,000 arrays deep is refused with a 400 naming the depth", async () => {
    const body = `[{"id":"X1","region":"r","currency":"EUR","time_zone":"UTC","name":${"[".repeat(100_000)}${"]".repeat(100_000)}}]`;
    const r = await sendAndCheck(
      t.db,
      tally,
      () =>
        t.app.request("http://localhost/signals/market", {
          method: "POST",
          headers: headersFor(t.tokens.data_steward, "application/json"),
          body,
        }),
      { label: "deep signals cell", jsonRoute: true, wellFormedJson: true, ingest: true },
    );
    expect(r.problems).toEqual([]);
    expect(r.status).toBe(400);
  });

  it("finds no invalid row in the store after all of it", () => {
    expect(storedRowViolations(t.db)).toEqual([]);
    expect(tally.problems).toEqual([]);
  });
});

describe("regressions for what the HTTP fuzz found (src/server)", () => {
  const post = (path: string, body: string, contentType?: string, token = t.tokens.admin) =>
    t.app.request(`http://localhost${path}`, {
      method: "POST",
      headers: headersFor(token, contentType),
      body,
    });

  // signals.ts re-serialised each row with JSON.stringify, which recursed until the stack overflowed
  // on a deeply nested cell (500, found by the fuzz). POST /threads stringifies body.metadata the
  // same way, so the depth limit now sits in jsonBody for every JSON route.
  it("a thread body nesting 100,000 levels deep is a 400 naming the depth, not a 500", async () => {
    const res = await post(
      "/threads",
      `{"metadata":{"a":${"[".repeat(100_000)}${"]".repeat(100_000)}}}`,
      "application/json",
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: { code: "INVALID_INPUT", message: expect.stringMatching(/deeper than 64 levels/) },
    });
  });

  // hono's validator skips a body whose media type is not JSON and validates {}: POST /threads
  // with a text/plain body created a scope-less thread, silently dropping what was sent.
  it("a JSON route refuses a body sent as another media type with 415, and stores nothing", async () => {
    const before = (t.db.prepare("SELECT count(*) AS n FROM api_threads").get() as { n: number }).n;
    const res = await post(
      "/threads",
      JSON.stringify({ scope: { category: "CEREAL", market: "DE" } }),
      "text/plain",
    );
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({
      error: {
        code: "UNSUPPORTED_MEDIA_TYPE",
        message: expect.stringMatching(/application\/json/),
      },
    });
    expect((t.db.prepare("SELECT count(*) AS n FROM api_threads").get() as { n: number }).n).toBe(
      before,
    );
  });
});

describe("request size and rate limits", () => {
  it("a body over the limit is a 413 with a JSON error, with or without Content-Length; the default limit is 5 MiB", async () => {
    const small = await fuzzApp({ maxBodyBytes: 64 * 1024 });
    const big = `[${JSON.stringify({ id: "M9", region: "r", currency: "EUR", time_zone: "UTC", name: "x".repeat(100 * 1024) })}]`;
    const sized = await small.app.request("http://localhost/signals/market", {
      method: "POST",
      headers: headersFor(small.tokens.admin, "application/json"),
      body: big,
    });
    expect(sized.status).toBe(413);
    expect(await sized.json()).toMatchObject({ error: { status: 413, code: "PAYLOAD_TOO_LARGE" } });
    const stream = new ReadableStream<Uint8Array>({
      start(ctl) {
        ctl.enqueue(new TextEncoder().encode(big));
        ctl.close();
      },
    });
    const chunked = await small.app.request("http://localhost/signals/market", {
      method: "POST",
      headers: headersFor(small.tokens.admin, "application/json"),
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(small.db.prepare("SELECT count(*) AS n FROM markets WHERE id = 'M9'").get()).toEqual({
      n: 0,
    });
    const huge = await t.app.request("http://localhost/autonomy/kill-switch", {
      method: "POST",
      headers: headersFor(t.tokens.admin, "application/json"),
      body: JSON.stringify({ on: true, reason: "x".repeat(5 * 1024 * 1024) }),
    });
    expect(huge.status).toBe(413);
    small.db.close();
  });

  it("more requests than the per-token limit get 429 with Retry-After; other tokens and the next window are not affected", async () => {
    const limited = await fuzzApp({ rateLimitPerMinute: 5 });
    const get = (token: string) =>
      limited.app.request("http://localhost/campaigns", { headers: headersFor(token, undefined) });
    for (let i = 0; i < 5; i++) expect((await get(limited.tokens.viewer)).status).toBe(200);
    const over = await get(limited.tokens.viewer);
    expect(over.status).toBe(429);
    expect(over.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect(await over.json()).toMatchObject({ error: { status: 429, code: "RATE_LIMITED" } });
    expect((await get(limited.tokens.finance)).status).toBe(200);
    limited.clock.advance(60_000);
    expect((await get(limited.tokens.viewer)).status).toBe(200);
    limited.db.close();
  });
});
