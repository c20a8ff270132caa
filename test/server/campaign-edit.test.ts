import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addWeek, liveTestCampaign, seedCatalog, WEEK_ENDS } from "../../src/monitoring/testing.js";
import { monitorCampaigns } from "../../src/monitoring/index.js";
import { validatePolicy } from "../../src/policies/index.js";
import { createToken, listAudit } from "../../src/server/index.js";
import { call, testApp, type TestApp } from "./helpers.js";

const policy = validatePolicy({
  approvalRequired: { newMarket: false, newMechanic: false },
  channels: { allowed: { "*": ["store", "ecommerce"] } },
});

describe("POST /campaigns/:id/edit, GET /campaigns/:id/performance, GET /accuracy", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = testApp({ policy });
    seedCatalog(t.db);
    await liveTestCampaign(t.db, "c-1", t.clock);
    t.clock.advance(13 * 86_400_000); // 2025-03-05: live
  });
  afterEach(() => t.db.close());

  it("needs a token (401) and a commercial role (403); validates the body (400) and the campaign (404)", async () => {
    const body = { changes: { discountPct: 28 }, reason: "rival cut" };
    expect((await call(t.app, "POST", "/campaigns/c-1/edit", undefined, body)).status).toBe(401);
    for (const role of ["viewer", "finance", "supply_chain", "legal"] as const) {
      const res = await call(t.app, "POST", "/campaigns/c-1/edit", t.tokens[role], body);
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({
        error: {
          code: "FORBIDDEN",
          message: `role ${role} may not edit campaigns (allowed: marketing, category_manager, admin)`,
        },
      });
    }
    expect(
      (
        await call(t.app, "POST", "/campaigns/c-1/edit", t.tokens.marketing, {
          changes: { depth: 28 },
          reason: "x",
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call(t.app, "POST", "/campaigns/c-1/edit", t.tokens.marketing, {
          changes: {},
          reason: "x",
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call(t.app, "POST", "/campaigns/c-1/edit", t.tokens.marketing, {
          changes: { discountPct: 28 },
        })
      ).status,
    ).toBe(400);
    expect(
      (await call(t.app, "POST", "/campaigns/nope/edit", t.tokens.marketing, body)).status,
    ).toBe(404);
    expect(
      (
        await call(t.app, "POST", "/campaigns/c-1/edit", t.tokens.marketing, {
          changes: { endDate: "2025-03-20" },
          reason: "x",
        })
      ).status,
    ).toBe(400);
  });

  it("applies an allowed edit (200), refuses a blocked one (422), opens an approval for an escalated one (202); audit-logged and published", async () => {
    const seen: string[] = [];
    t.events.subscribe((e) => seen.push(`${e.type}:${String(e.data.action)}`));
    const ok = await call(t.app, "POST", "/campaigns/c-1/edit", t.tokens.marketing, {
      changes: { discountPct: 28 },
      reason: "rival cut",
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      id: "c-1",
      status: "live",
      edit: {
        status: "applied",
        toVersion: 2,
        summary: expect.stringContaining("discount 25 → 28 %"),
      },
    });

    const refused = await call(t.app, "POST", "/campaigns/c-1/edit", t.tokens.category_manager, {
      changes: { channels: ["store", "email"] },
      reason: "reach",
    });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({
      error: {
        code: "POLICY_BLOCKED",
        message: expect.stringMatching(/refused by policy: .*channel\.allowed/),
        details: { status: "refused" },
      },
    });

    const escalated = await call(t.app, "POST", "/campaigns/c-1/edit", t.tokens.admin, {
      changes: { discountPct: 35 },
      reason: "clear stock",
    });
    expect(escalated.status).toBe(202);
    expect(await escalated.json()).toMatchObject({
      edit: { status: "awaiting_approval", approvalRequestId: "apr-c-1-1" },
    });
    // The approval applies it.
    const vote = await call(t.app, "POST", "/approvals/apr-c-1-1", t.tokens.category_manager, {
      decision: "approve",
      comment: "fine for now",
    });
    expect(vote.status).toBe(200);
    const detail = (await (await call(t.app, "GET", "/campaigns/c-1", t.tokens.viewer)).json()) as {
      version: number;
      edits: { status: string; by: string }[];
    };
    expect(detail.edits.map((e) => `${e.status} by ${e.by}`)).toEqual([
      "applied by marketing-user (marketing)",
      "refused by category_manager-user (category_manager)",
      "applied by admin-user (admin)",
    ]);
    expect(detail.version).toBe(3);
    expect(seen).toEqual([
      "campaign:edit applied",
      "campaign:edit refused",
      "campaign:edit awaiting_approval",
      "approval:undefined",
      "campaign:edit applied",
    ]);
    expect(
      listAudit(t.db)
        .filter((a) => a.route === "/campaigns/c-1/edit")
        .map((a) => a.status)
        .reverse(),
    ).toEqual([200, 422, 202]);
  });

  it("one person, one vote over HTTP: the requester of an edit cannot approve it, under any of their tokens (403 OWN_REQUEST)", async () => {
    const carla = (role: "category_manager" | "marketing") =>
      createToken(t.db, { role, name: "carla" }, t.clock).secret;
    const asked = await call(t.app, "POST", "/campaigns/c-1/edit", carla("marketing"), {
      changes: { discountPct: 35 },
      reason: "clear stock",
    });
    expect(await asked.json()).toMatchObject({
      edit: { status: "awaiting_approval", approvalRequestId: "apr-c-1-1" },
    });
    const own = await call(t.app, "POST", "/approvals/apr-c-1-1", carla("category_manager"), {
      decision: "approve",
      comment: "mine, fine",
    });
    expect(own.status).toBe(403);
    expect(await own.json()).toMatchObject({ error: { code: "OWN_REQUEST" } });
    expect(
      (
        await call(t.app, "POST", "/approvals/apr-c-1-1", t.tokens.category_manager, {
          decision: "approve",
          comment: "fine",
        })
      ).status,
    ).toBe(200);
  });

  it("shows realised against forecast and the accuracy record to any role, not without a token", async () => {
    addWeek(t.db, WEEK_ENDS[0]!, 240);
    expect((await call(t.app, "GET", "/campaigns/c-1/performance")).status).toBe(401);
    const perf = (await (
      await call(t.app, "GET", "/campaigns/c-1/performance", t.tokens.viewer)
    ).json()) as { performance: { weeks: { actualUnits: number; forecastUnits: number }[] } };
    expect(perf.performance.weeks).toEqual([
      expect.objectContaining({ week: WEEK_ENDS[0], actualUnits: 240, forecastUnits: 250 }),
    ]);
    expect((await call(t.app, "GET", "/accuracy")).status).toBe(401);
    expect(
      await (await call(t.app, "GET", "/accuracy?market=US-EAST", t.tokens.viewer)).json(),
    ).toEqual({ accuracy: [] });
    expect((await call(t.app, "GET", "/accuracy?bogus=1", t.tokens.viewer)).status).toBe(400);
    const doc = (await (await call(t.app, "GET", "/openapi.json")).json()) as {
      paths: Record<
        string,
        {
          post?: {
            requestBody: { content: { "application/json": { schema: { required: string[] } } } };
          };
        }
      >;
    };
    expect(
      doc.paths["/campaigns/{id}/edit"]!.post!.requestBody.content["application/json"].schema
        .required,
    ).toEqual(["changes", "reason"]);
    expect(doc.paths["/accuracy"]).toBeDefined();
  });

  it("the dashboard charts realised against forecast, offers the edit form, and shows the accuracy record once settled", async () => {
    for (const [i, w] of WEEK_ENDS.slice(0, 2).entries()) addWeek(t.db, w, [240, 262][i]!);
    t.clock.advance(6 * 86_400_000); // 2025-03-11
    let panels = await (await call(t.app, "GET", "/dashboard/panels", t.tokens.viewer)).text();
    expect(panels).toContain('data-edit="/campaigns/c-1/edit"');
    expect(panels).toContain(
      '<svg class="spark" role="img" aria-label="units per week, forecast (blue) and realised (red): 2/4 weeks',
    );
    expect(panels).toMatch(/<svg[^>]*>/);
    expect(panels).toContain("2/4 weeks: 502 units sold vs 500 forecast");
    expect(panels).toContain("No accuracy record yet");
    await call(t.app, "POST", "/campaigns/c-1/stop", t.tokens.marketing, { reason: "season over" });
    expect(monitorCampaigns(t.db, t.clock, policy).settled).toEqual(["c-1"]);
    panels = await (await call(t.app, "GET", "/dashboard/panels", t.tokens.viewer)).text();
    expect(panels).toMatch(/<td>tpr<\/td><td>US-EAST<\/td><td>1<\/td>/);
  });
});
