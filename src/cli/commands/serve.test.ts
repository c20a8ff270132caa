import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { findToken } from "../../server/index.js";
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
    await program(lines).parseAsync(["node", "autopromo", "token", "create", "--role", "finance", "--name", "fiona", "--db", db, "--json"]);
    const created = JSON.parse(lines.pop()!) as { id: string; role: string; secret: string };
    expect(created.role).toBe("finance");
    const handle = openDb(db);
    expect(findToken(handle, created.secret)?.name).toBe("fiona");
    handle.close();
    await program(lines).parseAsync(["node", "autopromo", "token", "list", "--db", db, "--json"]);
    expect(lines.pop()).not.toContain(created.secret);
    await program(lines).parseAsync(["node", "autopromo", "audit", "verify", "--db", db]);
    expect(lines.pop()).toBe("audit chain intact: 0 entries");
    await expect(program(lines).parseAsync(["node", "autopromo", "token", "create", "--role", "boss", "--name", "x", "--db", db])).rejects.toThrow(/--role/);
  });
});
