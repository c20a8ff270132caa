import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deliverPending, enqueueLaunch } from "../../src/channels/index.js";
import { killSwitchOn } from "../../src/policies/index.js";
import { channelPolicy, makeCampaign, scriptedAdapter } from "../../src/channels/testing.js";
import { createToken } from "../../src/server/auth/tokens.js";
import type { Db } from "../../src/store/index.js";
import { call, liveCampaign, pendingApproval, testApp, type Tokens } from "./helpers.js";

let t: ReturnType<typeof testApp>;
let db: Db;
let tokens: Tokens;
beforeEach(() => {
  t = testApp();
  ({ db, tokens } = t);
});
afterEach(() => db.close());

const seedCatalog = async () => {
  const market = [{ id: "M1", region: "EU", currency: "EUR", time_zone: "Europe/Berlin" }];
  const product = [
    { sku: "SKU-1", name: "Oats", category: "cereal", regular_price: 3.5, currency: "EUR" },
  ];
  const loc = [{ id: "S1", market_id: "M1", kind: "store" }];
  for (const [kind, rows] of [
    ["market", market],
    ["product", product],
    ["location", loc],
  ] as const) {
    expect((await call(t.app, "POST", `/signals/${kind}`, tokens.admin, rows)).status).toBe(200);
  }
};

describe("POST /signals/:kind", () => {
  it("ingests JSON rows (array or { rows }) with quarantine, and CSV bodies through the CLI's reader", async () => {
    await seedCatalog();
    const json = await call(t.app, "POST", "/signals/sales", tokens.supply_chain, {
      rows: [
        { sku: "SKU-1", date: "2025-02-10", units: 4, location: "S1", revenue: 14 },
        { sku: "NOPE", date: "2025-02-10", units: 1, location: "S1", revenue: 3 },
      ],
    });
    expect(json.status).toBe(200);
    expect(await json.json()).toMatchObject({
      kind: "sales",
      file: "POST /signals/sales",
      source: "http",
      rowsRead: 2,
      stored: 1,
      quarantined: 1,
      rejections: [{ line: 2 }],
    });
    const csv =
      "sku,date,units,location,revenue\nSKU-1,2025-02-11,5,S1,17.5\nSKU-1,2025-02-12,-1,S1,1\n";
    const res = await call(t.app, "POST", "/signals/sales?source=pos", tokens.marketing, csv, {
      "Content-Type": "text/csv",
    });
    expect(await res.json()).toMatchObject({
      source: "pos",
      rowsRead: 2,
      stored: 1,
      quarantined: 1,
    });
    const again = await call(t.app, "POST", "/signals/sales?source=pos", tokens.marketing, csv, {
      "Content-Type": "text/csv",
    });
    expect(await again.json()).toMatchObject({ stored: 0, duplicates: 1, alreadyQuarantined: 1 });
  });

  it("refuses unknown kinds (404), a CSV missing a required column (400, nothing stored) and non-JSON (400)", async () => {
    expect((await call(t.app, "POST", "/signals/weather", tokens.admin, [])).status).toBe(404);
    const bad = await call(
      t.app,
      "POST",
      "/signals/sales",
      tokens.admin,
      "sku,date\nA,2025-01-01\n",
      { "Content-Type": "text/csv" },
    );
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("MISSING_COLUMN");
    expect(body.error.message).toContain("POST /signals/sales");
    expect(body.error.message).not.toContain("/tmp");
    expect(
      (
        await call(t.app, "POST", "/signals/sales", tokens.admin, "{nope", {
          "Content-Type": "application/json",
        })
      ).status,
    ).toBe(400);
  });
});

describe("campaigns and overrides", () => {
  it("lists campaigns, shows one with history, pauses, resumes and stops with reasons; publishes events", async () => {
    await liveCampaign(db, t.clock);
    const seen: string[] = [];
    t.events.subscribe((e) => seen.push(`${e.type}:${String(e.data.action ?? "")}`));
    expect(await (await call(t.app, "GET", "/campaigns", tokens.viewer)).json()).toMatchObject({
      campaigns: [{ id: "c-1", status: "live" }],
    });
    expect((await call(t.app, "GET", "/campaigns/nope", tokens.viewer)).status).toBe(404);
    expect((await call(t.app, "POST", "/campaigns/c-1/pause", tokens.marketing, {})).status).toBe(
      400,
    ); // reason required
    const paused = await call(t.app, "POST", "/campaigns/c-1/pause", tokens.supply_chain, {
      reason: "stock-out at DC",
    });
    expect(await paused.json()).toMatchObject({
      status: "paused",
      retracting: ["ecommerce", "store"],
    });
    expect(
      (await call(t.app, "POST", "/campaigns/c-1/resume", tokens.supply_chain, { reason: "x" }))
        .status,
    ).toBe(403);
    // Its retraction is still queued, so resuming now is a conflict (409), not a crash.
    expect(
      (
        await call(t.app, "POST", "/campaigns/c-1/resume", tokens.marketing, {
          reason: "restocked",
        })
      ).status,
    ).toBe(409);
    const stopped = await call(t.app, "POST", "/campaigns/c-1/stop", tokens.legal, {
      reason: "claim not substantiated",
    });
    expect(await stopped.json()).toMatchObject({ status: "stopped" });
    const detail = (await (await call(t.app, "GET", "/campaigns/c-1", tokens.viewer)).json()) as {
      history: { to: string; by: string; reason: string }[];
    };
    expect(detail.history.map((h) => h.to)).toEqual(["scheduled", "live", "paused", "stopped"]);
    expect(detail.history[3]).toMatchObject({
      by: "legal-user (legal)",
      reason: "claim not substantiated",
    });
    expect(
      (await call(t.app, "POST", "/campaigns/c-1/pause", tokens.marketing, { reason: "again" }))
        .status,
    ).toBe(409);
    expect(seen).toEqual(["campaign:pause", "campaign:stop"]);
  });

  it("kill switch: any accountable role turns it on, only admin turns it off", async () => {
    expect(
      (
        await call(t.app, "POST", "/autonomy/kill-switch", tokens.finance, {
          on: true,
          reason: "bad feed",
        })
      ).status,
    ).toBe(200);
    expect(killSwitchOn(db)).toBe(true);
    const off = await call(t.app, "POST", "/autonomy/kill-switch", tokens.marketing, {
      on: false,
      reason: "fixed",
    });
    expect(off.status).toBe(403);
    expect(
      (
        await call(t.app, "POST", "/autonomy/kill-switch", tokens.admin, {
          on: false,
          reason: "fixed",
        })
      ).status,
    ).toBe(200);
    expect(
      await (await call(t.app, "GET", "/autonomy/kill-switch", tokens.viewer)).json(),
    ).toMatchObject({ on: false, by: "admin-user (admin)", reason: "fixed" });
  });
});

describe("approvals", () => {
  it("lists pending requests; only the roles asked may vote; the last approval closes it", async () => {
    const id = pendingApproval(db, t.clock);
    const list = (await (await call(t.app, "GET", "/approvals", tokens.viewer)).json()) as {
      approvals: { request: { id: string } }[];
    };
    expect(list.approvals.map((a) => a.request.id)).toEqual([id]);
    expect(
      (
        await call(t.app, "POST", `/approvals/${id}`, tokens.supply_chain, {
          decision: "approve",
          comment: "ok",
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call(t.app, "POST", `/approvals/${id}`, tokens.admin, {
          decision: "approve",
          comment: "ok",
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call(t.app, "POST", `/approvals/${id}`, tokens.finance, {
          decision: "approve",
          comment: " ",
        })
      ).status,
    ).toBe(400);
    const first = await call(t.app, "POST", `/approvals/${id}`, tokens.finance, {
      decision: "approve",
      comment: "within budget",
    });
    expect(await first.json()).toMatchObject({
      executable: false,
      votes: [{ role: "finance", approver: "finance-user (finance)" }],
    });
    // Answered already: the request's state refuses it, not the input (issue #26: 409, not 400).
    expect(
      (
        await call(t.app, "POST", `/approvals/${id}`, tokens.finance, {
          decision: "approve",
          comment: "again",
        })
      ).status,
    ).toBe(409);
    const done = await call(t.app, "POST", `/approvals/${id}`, tokens.legal, {
      decision: "approve",
      comment: "claims fine",
    });
    expect(await done.json()).toMatchObject({ executable: true, request: { status: "approved" } });
    expect(await (await call(t.app, "GET", "/approvals", tokens.viewer)).json()).toEqual({
      approvals: [],
    });
    expect((await call(t.app, "GET", `/approvals/${id}`, tokens.viewer)).status).toBe(200);
    expect((await call(t.app, "GET", "/approvals/nope", tokens.viewer)).status).toBe(404);
  });

  it("one person, one vote: the same person's second token (another role) is refused with 409, never 500", async () => {
    const id = pendingApproval(db, t.clock);
    const alice = (role: "finance" | "legal") =>
      createToken(db, { role, name: "alice" }, t.clock).secret;
    expect(
      (
        await call(t.app, "POST", `/approvals/${id}`, alice("finance"), {
          decision: "approve",
          comment: "budget ok",
        })
      ).status,
    ).toBe(200);
    const again = await call(t.app, "POST", `/approvals/${id}`, alice("legal"), {
      decision: "approve",
      comment: "claims ok",
    });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: "APPROVER_ALREADY_VOTED" } });
  });

  it("the losing one of concurrent votes gets 409, and a vote on a closed request too (issue #26)", async () => {
    const id = pendingApproval(db, t.clock, "p-race", { financeOnly: true });
    const vote = (comment: string) =>
      call(t.app, "POST", `/approvals/${id}`, tokens.finance, { decision: "approve", comment });
    const answers = await Promise.all([vote("first"), vote("second"), vote("third")]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    const losers = answers.filter((r) => r.status === 409);
    for (const r of losers)
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe("CONFLICT");
    const closed = await call(t.app, "POST", `/approvals/${id}`, tokens.finance, {
      decision: "reject",
      comment: "late",
    });
    expect(closed.status).toBe(409);
    expect(db.prepare("SELECT count(*) AS n FROM approval_votes").get()).toEqual({ n: 1 });
  });
});

describe("ops", () => {
  it("healthz, openapi from the zod schemas, Prometheus metrics", async () => {
    expect(await (await call(t.app, "GET", "/healthz")).json()).toMatchObject({ ok: true });
    const doc = (await (await call(t.app, "GET", "/openapi.json")).json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          { requestBody?: { content: Record<string, { schema: { required?: string[] } }> } }
        >
      >;
    };
    expect(doc.openapi).toBe("3.0.3");
    expect(
      doc.paths["/campaigns/{id}/pause"]!.post!.requestBody!.content["application/json"]!.schema
        .required,
    ).toEqual(["reason"]);
    expect(Object.keys(doc.paths["/signals/{kind}"]!.post!.requestBody!.content)).toEqual([
      "application/json",
      "text/csv",
    ]);
    await call(t.app, "GET", "/campaigns", tokens.viewer);
    const text = await (await call(t.app, "GET", "/metrics", tokens.viewer)).text();
    expect(text).toContain(
      'autopromo_http_requests_total{method="GET",route="/campaigns",status="200"} 1',
    );
    expect(text).toContain(
      'autopromo_http_request_duration_seconds_bucket{method="GET",route="/campaigns",le="+Inf"} 1',
    );
    expect(text).toContain('autopromo_deliveries{status="failed"} 0');
    expect(text).toContain("# TYPE autopromo_decisions gauge");
  });

  it("decisions read from the table without a graph; threads answer 501", async () => {
    expect(await (await call(t.app, "GET", "/decisions", tokens.viewer)).json()).toEqual({
      decisions: [],
    });
    expect((await call(t.app, "GET", "/decisions/nope", tokens.viewer)).status).toBe(404);
    const res = await call(t.app, "POST", "/threads", tokens.marketing, {});
    expect(res.status).toBe(501);
    expect(await res.json()).toMatchObject({ error: { code: "GRAPH_UNAVAILABLE" } });
  });

  it("a failing delivery shows on the dashboard with its attempts and last error while it retries, then as failed with the rollback", async () => {
    enqueueLaunch(db, makeCampaign({ id: "c-flaky" }), { policy: channelPolicy(), clock: t.clock });
    const adapters = {
      store: scriptedAdapter("store"),
      ecommerce: scriptedAdapter("ecommerce", ["retry", "reject"]),
    };
    await deliverPending(db, adapters, t.clock, { baseBackoffMs: 1_000 });
    const panel = (html: string) =>
      html.slice(
        html.indexOf('<section id="deliveries"'),
        html.indexOf("</section>", html.indexOf('<section id="deliveries"')),
      );
    let deliveries = panel(
      await (await call(t.app, "GET", "/dashboard/panels", tokens.viewer)).text(),
    );
    expect(deliveries).toMatch(
      /<code>c-flaky<\/code><\/td><td>ecommerce<\/td><td>launch<\/td><td><span class="st st-pending">pending<\/span><\/td><td>1<\/td><td>attempt 1: ecommerce: HTTP 503/,
    );
    t.clock.advance(2_000);
    await deliverPending(db, adapters, t.clock, { baseBackoffMs: 1_000 });
    deliveries = panel(await (await call(t.app, "GET", "/dashboard/panels", tokens.viewer)).text());
    expect(deliveries).toMatch(
      /<td>ecommerce<\/td><td>launch<\/td><td><span class="st st-failed">failed<\/span><\/td><td>2<\/td><td>attempt 2: ecommerce: HTTP 400/,
    );
    expect(await (await call(t.app, "GET", "/metrics", tokens.viewer)).text()).toContain(
      'autopromo_deliveries{status="failed"} 1',
    );
  });

  it("the dashboard shell is public and data-free; its panels need a token", async () => {
    const page = await (await call(t.app, "GET", "/")).text();
    expect(page).toContain("EventSource");
    expect(page).toContain("sessionStorage");
    pendingApproval(db, t.clock);
    const panels = await (await call(t.app, "GET", "/dashboard/panels", tokens.viewer)).text();
    expect(panels).toContain("apr-p-1-1");
    expect(panels).toContain("No accuracy record yet");
  });
});
