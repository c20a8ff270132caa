import { beforeAll, describe, expect, it } from "vitest";
import { listAudit, verifyAuditChain } from "../server/auth/audit.js";
import { openDb } from "../store/index.js";
import { cliActor } from "./audit.js";
import { buildProgram } from "./program.js";
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
    await cli(["campaigns", "pause", "c-1", "--by", "mia", "--reason", "label", "--now", "2025-03-03T09:00:00Z"]);
    await cli(["campaigns", "stop", "c-1", "--by", "leo", "--reason", "claim", "--now", "2025-03-04T09:00:00Z"]);
    const created = JSON.parse(await cli(["token", "create", "--role", "viewer", "--name", "wall screen", "--json"])) as { id: string; secret: string };
    await cli(["token", "revoke", created.id]);
    await cli(["token", "list"]);
    await cli(["kill-switch", "status"]);
    const { entries, verified } = audit();
    expect(entries.map((e) => e.route)).toEqual([
      "autopromo kill-switch on", "autopromo kill-switch off", "autopromo campaigns pause c-1", "autopromo campaigns stop c-1",
      "autopromo token create", `autopromo token revoke ${created.id}`,
    ]);
    expect(new Set(entries.map((e) => e.actor))).toEqual(new Set([cliActor()]));
    expect(cliActor()).toMatch(/^.+@.+$/);
    expect(entries.every((e) => e.method === "CLI" && e.role === "cli")).toBe(true);
    expect(JSON.stringify(entries)).not.toContain(created.secret);
    expect(verified).toEqual({ ok: true, rows: 6 });
    expect(await cli(["audit", "verify"])).toBe("audit chain intact: 6 entries");
  });
});
