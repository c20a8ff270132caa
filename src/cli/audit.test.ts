import { beforeAll, describe, expect, it } from "vitest";
import { listAudit, verifyAuditChain } from "../server/auth/audit.js";
import { openDb } from "../store/index.js";
import { cliActor } from "./audit.js";
import { buildProgram } from "./program.js";
import { DEMO_NOW, demoDb } from "../graph/testing/demo-db.js";
import { cliTestDb } from "./testing.js";

// Issue #26, item 8: CLI state changes join the audit chain with the OS user and host as actor.
let path: string;
beforeAll(async () => ({ path } = await cliTestDb("cli-audit")));

async function cli(args: string[]): Promise<string> {
  const lines: string[] = [];
  const p = buildProgram({ out: (t) => lines.push(t), err: (t) => lines.push(t) }).exitOverride();
  await p.parseAsync(["node", "autopromo", ...args, "--db", path]);
  return lines.join("\n");
}

const audit = () => {
  const db = openDb(path);
  try {
    return { entries: listAudit(db).reverse(), verified: verifyAuditChain(db) };
  } finally {
    db.close();
  }
};

describe("CLI actions on the audit chain", () => {
  it("records kill switch, campaign overrides and token changes with user@host; reads add nothing; audit verify holds", async () => {
    await cli(["kill-switch", "on", "--by", "mia", "--reason", "bad feed"]);
    await cli(["kill-switch", "off", "--by", "mia", "--reason", "fixed"]);
    await cli([
      "campaigns",
      "pause",
      "c-1",
      "--by",
      "mia",
      "--reason",
      "label",
      "--now",
      "2025-03-03T09:00:00Z",
    ]);
    await cli([
      "campaigns",
      "stop",
      "c-1",
      "--by",
      "leo",
      "--reason",
      "claim",
      "--now",
      "2025-03-04T09:00:00Z",
    ]);
    const created = JSON.parse(
      await cli(["token", "create", "--role", "viewer", "--name", "wall screen", "--json"]),
    ) as { id: string; secret: string };
    await cli(["token", "revoke", created.id]);
    await cli(["token", "list"]);
    await cli(["kill-switch", "status"]);
    const { entries, verified } = audit();
    expect(entries.map((e) => e.route)).toEqual([
      "autopromo kill-switch on",
      "autopromo kill-switch off",
      "autopromo campaigns pause c-1",
      "autopromo campaigns stop c-1",
      "autopromo token create",
      `autopromo token revoke ${created.id}`,
    ]);
    expect(new Set(entries.map((e) => e.actor))).toEqual(new Set([cliActor()]));
    expect(cliActor()).toMatch(/^.+@.+$/);
    expect(entries.every((e) => e.method === "CLI" && e.role === "cli")).toBe(true);
    expect(JSON.stringify(entries)).not.toContain(created.secret);
    expect(verified).toEqual({ ok: true, rows: 6 });
    expect(await cli(["audit", "verify"])).toBe("audit chain intact: 6 entries");
  });

  it("records an approval and a rejection given from the CLI, with the command and the decision", async () => {
    const demo = await demoDb();
    demo.db.close();
    const on = async (args: string[]) => {
      const lines: string[] = [];
      const p = buildProgram({
        out: (t) => lines.push(t),
        err: (t) => lines.push(t),
      }).exitOverride();
      try {
        await p.parseAsync([
          "node",
          "autopromo",
          ...args,
          "--db",
          demo.path,
          "--policy",
          demo.policyFile,
          "--now",
          DEMO_NOW,
        ]);
      } catch (e) {
        throw new Error(`${args.join(" ")}: ${lines.join("\n")}`, { cause: e });
      }
      return lines.join("\n");
    };
    const scopes = [
      { category: "frozen", market: "UK" },
      { category: "frozen", market: "DE" },
    ];
    const ids: string[] = [];
    for (const s of scopes) {
      const [r] = JSON.parse(
        await on(["run", "--category", s.category, "--market", s.market, "--json"]),
      ) as { decisionId: string; status: string }[];
      expect(r!.status).toBe("awaiting_approval");
      ids.push(r!.decisionId);
    }
    await on(["approve", ids[0]!, "--as", "category_manager", "--comment", "fine"]);
    await on(["reject", ids[1]!, "--as", "category_manager", "--comment", "not now"]);
    const db = openDb(demo.path);
    try {
      const entries = listAudit(db).reverse();
      expect(entries.map((e) => e.route)).toEqual([
        `autopromo approve ${ids[0]}`,
        `autopromo reject ${ids[1]}`,
      ]);
      expect(entries.every((e) => e.actor === cliActor() && e.method === "CLI")).toBe(true);
      expect(verifyAuditChain(db)).toEqual({ ok: true, rows: 2 });
    } finally {
      db.close();
    }
  }, 180_000);
});
