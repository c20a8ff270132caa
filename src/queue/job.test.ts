import { describe, expect, it } from "vitest";
import { QueueError } from "./errors.js";
import { cycleDecisionId, cycleKey, parseScopeJob, scopeJob, scopeJobId } from "./job.js";
import { redactUrl } from "../store/postgres/redact-url.js";
import { checkDatabaseUrl, databaseUrlFrom } from "./url.js";

const NOW = "2026-11-23T12:00:00Z";
const scope = { category: "personal care", market: "US-EAST" };

describe("scope jobs", () => {
  it("give a cycle × scope the same job and decision id every time, and another cycle others", () => {
    const a = scopeJob({ now: NOW }, scope);
    expect(scopeJob({ now: "2026-11-23T12:00:00.000Z" }, scope)).toEqual(a);
    expect(a.decisionId).toMatch(/^dec-personal_care-US-EAST-20261123120000-[0-9a-f]{6}$/);
    // The shape `autopromo runs` reads a scope back from when a run has no record yet.
    expect(a.decisionId).toMatch(/^dec-(.+)-([A-Za-z0-9_]+(?:-[A-Z]+)?)-\d{14}-[0-9a-f]+$/);
    const shadow = scopeJob({ now: NOW, shadow: true }, scope);
    const policy = scopeJob({ now: NOW, policyPath: "/p.yaml" }, scope);
    const later = scopeJob({ now: "2026-11-23T12:00:00.001Z" }, scope);
    for (const other of [shadow, policy, later]) {
      expect(other.cycle).not.toBe(a.cycle);
      expect(other.decisionId).not.toBe(a.decisionId);
    }
    expect(cycleDecisionId(a.cycle, NOW, { ...scope, market: "UK" })).not.toBe(a.decisionId);
  });

  it("have RFC-shaped UUIDs, distinct per scope", () => {
    const key = cycleKey({ now: NOW });
    const ids = ["UK", "DE", "CA"].map((market) => scopeJobId(key, { category: "x", market }));
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(3);
  });

  it("are checked field by field when read back", () => {
    const job = scopeJob({ now: NOW }, scope);
    expect(parseScopeJob(JSON.parse(JSON.stringify(job)), "j1")).toEqual(job);
    const bad = { ...job, scope: { category: "" }, now: "yesterday" };
    expect(() => parseScopeJob(bad, "j1")).toThrow(QueueError);
    expect(() => parseScopeJob(bad, "j1")).toThrow(/scope job j1: .*now.*scope\.category/s);
    expect(() => cycleKey({ now: "soon" })).toThrow(/not a date\/time: soon/);
  });
});

describe("the queue's database URL", () => {
  it("comes from --database-url, else AUTOPROMO_DATABASE_URL, else a clear error", () => {
    const url = "postgres://u@h:5432/db";
    expect(databaseUrlFrom(url, {})).toBe(url);
    expect(databaseUrlFrom(undefined, { AUTOPROMO_DATABASE_URL: url })).toBe(url);
    expect(() => databaseUrlFrom(undefined, {})).toThrow(/--database-url .*AUTOPROMO_DATABASE_URL/);
  });

  it("must be postgres:// with a host, and is shown without its password", () => {
    expect(() => checkDatabaseUrl("mysql://u:hunter22@h/db")).toThrow(
      "mysql://u:***@h/db: the queue runs on PostgreSQL",
    );
    expect(() => checkDatabaseUrl("not a url")).toThrow(/not a database URL/);
    expect(() => checkDatabaseUrl("postgres:///db")).toThrow(/no host/);
    expect(checkDatabaseUrl("postgresql:///db?host=/run/pg")).toBe("postgresql:///db?host=/run/pg");
    expect(redactUrl("postgres://u:hunter22@h/db")).toBe("postgres://u:***@h/db");
  });
});
