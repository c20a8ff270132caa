import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { proposalDoc, seedProposalMarket } from "../../policies/testing.js";
import { openDb } from "../../store/db.js";
import { registerPolicyCommand } from "./policy.js";

async function run(...args: string[]): Promise<{ out: string; err: string; exitCode: number }> {
  let out = "";
  let err = "";
  const program = new Command()
    .exitOverride()
    .configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (err += s) });
  registerPolicyCommand(program, { out: (s) => (out += `${s}\n`) });
  try {
    await program.parseAsync(["node", "autopromo", ...args]);
    return { out, err, exitCode: 0 };
  } catch (e) {
    return { out, err, exitCode: (e as { exitCode?: number }).exitCode ?? 99 };
  }
}

describe("autopromo policy", () => {
  const dir = mkdtempSync(join(tmpdir(), "policy-cli-"));
  const db = join(dir, "test.db");
  const store = openDb(db);
  seedProposalMarket(store);
  store.close();
  const file = (name: string, body: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof body === "string" ? body : JSON.stringify(body));
    return path;
  };

  it("check --json prints verdict, every rule and the policy version (exit 0 even when escalated)", async () => {
    const r = await run(
      "policy",
      "check",
      file("p.json", proposalDoc({ discountPct: 35 })),
      "--json",
      "--db",
      db,
      "--now",
      "2025-02-20T10:00:00Z",
    );
    expect(r.exitCode).toBe(0);
    const v = JSON.parse(r.out) as {
      verdict: string;
      rules: { id: string; outcome: string; reason: string; roles?: string[] }[];
      policyVersion: string;
    };
    expect(v.verdict).toBe("escalate");
    expect(v.policyVersion).toMatch(/^[0-9a-f]{64}$/);
    expect(v.rules.find((x) => x.id === "autonomy.discount_depth")).toEqual({
      id: "autonomy.discount_depth",
      outcome: "escalate",
      reason: "depth 35 % > cap 30 %",
      roles: ["category_manager"],
    });
    expect(v.rules).toHaveLength(45);
    // The store has sales but no promotion: the model cannot judge the declared lift, so a person must.
    expect(v.rules.filter((x) => x.id.startsWith("integrity.")).map((x) => x.outcome)).toEqual([
      "pass",
      "pass",
      "pass",
      "pass",
      "escalate",
      "pass",
      "pass",
    ]);
    expect(v.rules.find((x) => x.id === "integrity.model_prediction")!.reason).toMatch(
      /the model cannot predict this scenario \(no lift model for cereal/,
    );
  });

  it("check prints a readable verdict and blocks a built-in breach", async () => {
    const r = await run(
      "policy",
      "check",
      file("q.json", proposalDoc({ targeting: { audienceAttributes: ["age_band"] } })),
      "--db",
      db,
      "--now",
      "2025-02-20T10:00:00Z",
    );
    expect(r.out).toMatch(/^BLOCK: proposal promo-1/);
    expect(r.out).toContain(
      "responsible_targeting.protected_attributes: targets protected attribute(s): age_band (age)",
    );
  });

  it("errors exit 1 with a message: invalid proposal, missing file, tampering policy", async () => {
    const bad = await run("policy", "check", file("bad.json", { id: "x" }), "--db", db);
    expect(bad.exitCode).toBe(1);
    expect(bad.err).toContain("invalid proposal");
    expect((await run("policy", "check", join(dir, "nope.json"), "--db", db)).err).toContain(
      "not found",
    );
    const tamper = await run("policy", "validate", file("t.yaml", "rules: { omnibus: false }"));
    expect(tamper.exitCode).toBe(1);
    expect(tamper.err).toContain("pricing_law.omnibus_reference_price");
  });

  it("validate prints the version; explain prints the limits in words", async () => {
    expect(
      (await run("policy", "validate", file("ok.yaml", "autonomy: { maxDiscountPct: 25 }"))).out,
    ).toMatch(/^valid: .*ok\.yaml \(version [0-9a-f]{64}\)/);
    const ex = await run(
      "policy",
      "explain",
      "--policy",
      file("ok2.yaml", "autonomy: { maxDiscountPct: 25 }"),
    );
    expect(ex.out).toContain("discount up to 25 %");
    expect(JSON.parse((await run("policy", "explain", "--json")).out).policy.name).toBe("default");
  });
});
