import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { appendAudit, findToken } from "../../server/index.js";
import { openDb } from "../../store/index.js";
import { registerServeCommand } from "./serve.js";

function program(lines: string[]) {
  const p = new Command("autopromo").exitOverride();
  registerServeCommand(p, { out: (s) => void lines.push(s), err: (s) => void lines.push(s) });
  return p;
}

describe("token and audit commands", () => {
  it("creates a token whose secret is printed once and works; lists without secrets; verifies the audit chain", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "autopromo-serve-")), "t.db");
    const lines: string[] = [];
    await program(lines).parseAsync([
      "node",
      "autopromo",
      "token",
      "create",
      "--role",
      "finance",
      "--name",
      "fiona",
      "--db",
      db,
      "--json",
    ]);
    const created = JSON.parse(lines.pop()!) as { id: string; role: string; secret: string };
    expect(created.role).toBe("finance");
    const handle = openDb(db);
    expect(findToken(handle, created.secret)?.name).toBe("fiona");
    handle.close();
    await program(lines).parseAsync(["node", "autopromo", "token", "list", "--db", db, "--json"]);
    expect(lines.pop()).not.toContain(created.secret);
    await program(lines).parseAsync(["node", "autopromo", "audit", "verify", "--db", db]);
    expect(lines.pop()).toBe("audit chain intact: 0 entries");
    await expect(
      program(lines).parseAsync([
        "node",
        "autopromo",
        "token",
        "create",
        "--role",
        "boss",
        "--name",
        "x",
        "--db",
        db,
      ]),
    ).rejects.toThrow(/--role/);
  });

  it("audit verify finds an edited or a removed entry, says which, and exits 1", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "autopromo-audit-")), "a.db");
    const handle = openDb(db);
    for (const [i, role] of (["marketing", "finance", "legal"] as const).entries()) {
      appendAudit(handle, {
        at: `2025-02-20T10:0${i}:00.000Z`,
        tokenId: `tok_${i}`,
        actor: `${role}-user`,
        role,
        method: "POST",
        route: "/campaigns/c-1/pause",
        status: 200,
        bodySha256: "0".repeat(64),
      });
    }
    handle.close();
    const lines: string[] = [];
    const verify = async () => {
      process.exitCode = 0;
      await program(lines).parseAsync(["node", "autopromo", "audit", "verify", "--db", db]);
      const code = process.exitCode;
      process.exitCode = 0;
      return { line: lines.pop(), code };
    };
    expect(await verify()).toEqual({ line: "audit chain intact: 3 entries", code: 0 });
    // Someone with the file drops the append-only triggers and rewrites history.
    const attacker = openDb(db);
    attacker.exec("DROP TRIGGER audit_log_no_update");
    attacker.prepare("UPDATE audit_log SET role = 'admin' WHERE id = 2").run();
    attacker.close();
    expect(await verify()).toEqual({
      line: "audit chain BROKEN at entry 2: its hash does not match its fields (the row was edited)",
      code: 1,
    });
    const again = openDb(db);
    again.exec("DROP TRIGGER audit_log_no_delete");
    again.prepare("UPDATE audit_log SET role = 'finance' WHERE id = 2").run(); // undo the edit, then remove a row instead
    again.prepare("DELETE FROM audit_log WHERE id = 2").run();
    again.close();
    expect(await verify()).toEqual({
      line: "audit chain BROKEN at entry 3: its prev_hash is not the previous row's hash (a row was removed or inserted)",
      code: 1,
    });
  });
});
