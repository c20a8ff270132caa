import { afterEach, describe, expect, it } from "vitest";
import { assessHistory } from "../../src/assess/index.js";
import { loadPolicy, type LoadedPolicy } from "../../src/policies/index.js";
import { createApp, createEventBus, createToken } from "../../src/server/index.js";
import {
  assessmentResponseSchema,
  shadowResponseSchema,
} from "../../src/server/dashboard/trust-schemas.js";
import { openDb, type Db } from "../../src/store/index.js";
import { seedTrust, trustPolicy } from "../trust.fixtures.js";
import { call, steppingClock } from "./helpers.js";

// Issue #32 item 4: GET /assessment and GET /shadow (read-only JSON) and their dashboard pages.

describe("GET /assessment, /shadow and their dashboard pages", () => {
  let db: Db;
  afterEach(() => db?.close());

  function setUp(policy: LoadedPolicy = loadPolicy()) {
    const clock = steppingClock("2026-11-02T10:00:00Z");
    const app = createApp({ db, clock, events: createEventBus(clock), policy });
    const token = createToken(db, { role: "viewer", name: "vic" }, clock).secret;
    return async (path: string) => {
      const res = await call(app, "GET", path, token);
      expect(res.status, path).toBe(200);
      return res;
    };
  }

  it("answers an empty store with empty figures and pages that say there is no history yet", async () => {
    db = openDb(":memory:");
    const get = setUp();
    const a = assessmentResponseSchema.parse(await (await get("/assessment")).json());
    expect(a.events.assessed).toBe(0);
    expect(a.maturity.impossible.join(" ")).toMatch(/sales/);
    const s = shadowResponseSchema.parse(await (await get("/shadow")).json());
    expect(s.report.pairs).toEqual([]);
    expect(s.report.overall.verdict).toBe("too thin");
    const page = await (await get("/dashboard/assessment")).text();
    expect(page).toContain("No sales history yet");
    expect(await (await get("/dashboard/shadow")).text()).toContain("No shadow decisions yet");
  });

  it("gives the assessment of the store's history, and the shadow evidence with tune's proposal", async () => {
    db = openDb(":memory:");
    await seedTrust(db);
    const get = setUp(trustPolicy());
    const a = assessmentResponseSchema.parse(await (await get("/assessment")).json());
    expect(a).toEqual(JSON.parse(JSON.stringify(assessHistory(db))));
    expect(a.byCategory.map((g) => g.group).sort()).toEqual(["CEREAL", "SNACKS"]);
    expect(a.events.assessed).toBeGreaterThan(3);
    const s = shadowResponseSchema.parse(await (await get("/shadow")).json());
    expect(s.minSettledWeeks).toBe(4);
    expect(s.report.pairs).toHaveLength(3);
    expect(s.report.pairs.every((p) => p.settled)).toBe(true);
    const cereal = s.report.byCategory.find((c) => c.group === "CEREAL")!;
    // the planners' deep cut lost money; the system would not have run it
    expect(cereal.verdict).toBe("system better");
    expect(s.tune.map((t) => [t.subject, t.action])).toEqual([
      ["CEREAL", "raise"],
      ["SNACKS", "keep"],
    ]);
    const page = await (await get("/dashboard/shadow")).text();
    expect(page).toContain(`<strong>system better</strong>`);
    expect(page).toContain("too thin to judge: 1 of 4 settled scope-weeks");
    expect(page).toContain("remove CEREAL from shadow.categories");
    expect(page).toMatch(/<svg role="img"/);
    const assessment = await (await get("/dashboard/assessment")).text();
    expect(assessment).toContain(`${a.events.assessed} promotion events`);
    expect(assessment).toContain(`id="loss-by-category"`);
  });

  it("keeps the assessment until the next ingest, then measures again", async () => {
    db = openDb(":memory:");
    const get = setUp();
    expect((await (await get("/assessment")).json()).events.assessed).toBe(0);
    await seedTrust(db);
    expect((await (await get("/assessment")).json()).events.assessed).toBeGreaterThan(3);
  });
});
