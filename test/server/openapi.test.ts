import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { call, testApp } from "./helpers.js";

type Op = {
  operationId?: string;
  responses: Record<string, unknown>;
  parameters?: { in: string }[];
};
type Doc = { paths: Record<string, Record<string, Op>>; servers?: unknown[] };

const served = async (): Promise<Doc> => {
  const { app, db } = testApp();
  const doc = (await (await call(app, "GET", "/openapi.json")).json()) as Doc;
  db.close();
  return doc;
};

describe("the served OpenAPI document", () => {
  it("passes Redocly's recommended ruleset with 0 errors and 0 warnings", async () => {
    const dir = mkdtempSync(join(tmpdir(), "autopromo-openapi-"));
    const file = join(dir, "openapi.json");
    writeFileSync(file, JSON.stringify(await served()));
    const bin = join(process.cwd(), "node_modules", ".bin", "redocly");
    // Offline: no telemetry, no update check.
    const env = {
      ...process.env,
      REDOCLY_TELEMETRY: "off",
      REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
      CI: "true",
    };
    const run = spawnSync(bin, ["lint", file, "--extends", "recommended", "--format", "json"], {
      encoding: "utf8",
      env,
      timeout: 60_000,
    });
    const report = JSON.parse(run.stdout) as {
      totals: { errors: number; warnings: number };
      problems: { ruleId: string; message: string }[];
    };
    expect(report.problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  }, 90_000);

  it("gives every operation a unique operationId, a 4xx, and the run routes their real statuses", async () => {
    const doc = await served();
    const ops = Object.entries(doc.paths).flatMap(([path, byMethod]) =>
      Object.entries(byMethod).map(([method, op]) => ({ key: `${method} ${path}`, op })),
    );
    const ids = ops.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ops.length);
    for (const o of ops)
      expect(
        Object.keys(o.op.responses).some((s) => s.startsWith("4")),
        o.key,
      ).toBe(true);
    const runs = doc.paths["/threads/{id}/runs"]!.post!;
    expect(Object.keys(runs.responses)).toEqual(
      expect.arrayContaining(["200", "400", "401", "403", "404", "409", "501"]),
    );
    expect(Object.keys(doc.paths["/threads/{id}/runs/{run_id}/cancel"]!.post!.responses)).toEqual(
      expect.arrayContaining(["202", "204"]),
    );
    expect(
      doc.paths["/threads/{id}/runs"]!.get!.parameters!.filter((p) => p.in === "query"),
    ).toHaveLength(3);
    expect(doc.servers).toHaveLength(1);
  });
});
