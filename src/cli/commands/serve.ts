import { cliActor } from "../audit.js";
import { failWith } from "../guard.js";
import type { Command } from "commander";
import pino from "pino";
import { systemClock } from "../../domain/index.js";
import {
  createToken,
  listTokens,
  revokeToken,
  startServer,
  tokenRoleSchema,
  verifyAuditChain,
  TOKEN_ROLES,
} from "../../server/index.js";
import { resolveDbPath } from "../../store/index.js";
import { withCommon, withDb } from "../context.js";
import { printJson, processOutput, table, type Output } from "../output.js";

interface ServeOpts {
  db?: string;
  port?: string;
  host?: string;
  policy?: string;
  graph?: boolean;
}

/** Adds `serve`, `token create|list|revoke` and `audit verify`. */
export function registerServeCommand(program: Command, o: Output = processOutput): void {
  withCommon(program.command("serve").description("serve the HTTP API and the dashboard"), {
    json: false,
  })
    .option("--port <n>", "port (0 picks a free one)", "8787")
    .option("--host <addr>", "address to listen on", "127.0.0.1")
    .option("--policy <file>", "policy file (default: the shipped policies/default.yaml)")
    .option("--no-graph", "serve without the promotion graph (threads and runs answer 501)")
    .action(async function (this: Command, opts: ServeOpts) {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        failWith(this, `error: --port: not a port: ${opts.port}`);
      const log = pino({ name: "autopromo-server" });
      const s = await startServer({
        dbPath: resolveDbPath(opts.db),
        port,
        hostname: opts.host ?? "127.0.0.1",
        graph: opts.graph !== false,
        ...(opts.policy ? { policyPath: opts.policy } : {}),
        log: (l) => log.info(l, "request"),
      });
      o.out(`autopromo API and dashboard on ${s.url}  (OpenAPI: ${s.url}/openapi.json)`);
      if (s.firstAdminToken) {
        // Printed once, to this terminal only: it is never logged or stored in clear.
        o.out(
          `First start: an admin token was created for this machine. Keep it; it is not shown again:\n  ${s.firstAdminToken}`,
        );
      }
      const stop = () => void s.close().then(() => process.exit(0));
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });

  const token = program.command("token").description("API tokens: one role each, stored hashed");
  withCommon(token.command("create").description("create a token and print its secret once"))
    .requiredOption("--role <role>", `one of ${TOKEN_ROLES.join(", ")}`)
    .requiredOption("--name <name>", "who or what holds it")
    .action(async function (
      this: Command,
      opts: { db?: string; json?: boolean; role: string; name: string },
    ) {
      const role = tokenRoleSchema.safeParse(opts.role);
      if (!role.success) failWith(this, `error: --role: expected one of ${TOKEN_ROLES.join(", ")}`);
      await withDb(opts, (db) => {
        const { token: t, secret } = createToken(
          db,
          { role: role.data!, name: opts.name, createdBy: cliActor() },
          systemClock(),
        );
        if (opts.json) return printJson(o, { ...t, secret });
        o.out(`token ${t.id} for ${t.name} (${t.role}); the secret is shown once:\n${secret}`);
      });
    });
  withCommon(token.command("list").description("tokens without their secrets")).action(
    async (opts: { db?: string; json?: boolean }) => {
      await withDb(opts, (db) => {
        const all = listTokens(db);
        if (opts.json) return printJson(o, all);
        o.out(
          table(
            ["id", "name", "role", "created", "revoked"],
            all.map((t) => [t.id, t.name, t.role, t.createdAt, t.revokedAt ?? ""]),
          ),
        );
      });
    },
  );
  withCommon(token.command("revoke <id>").description("revoke a token"), { json: false }).action(
    async function (this: Command, id: string, opts: { db?: string }) {
      const ok = await withDb(opts, (db) => revokeToken(db, id, systemClock()));
      if (!ok) failWith(this, `error: no live token ${id}`);
      o.out(`revoked ${id}`);
    },
  );

  withCommon(
    program.command("audit").command("verify").description("check the API audit log's hash chain"),
  ).action(async function (this: Command, opts: { db?: string; json?: boolean }) {
    const v = await withDb(opts, (db) => verifyAuditChain(db));
    if (opts.json) printJson(o, v);
    else
      o.out(
        v.ok
          ? `audit chain intact: ${v.rows} entries`
          : `audit chain BROKEN at entry ${v.brokenAt}: ${v.reason}`,
      );
    if (!v.ok) process.exitCode = 1;
  });
}
