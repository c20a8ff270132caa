import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { steppingClock } from "../../../src/channels/testing.js";
import { registerCampaignsCommand } from "../../../src/cli/commands/campaigns.js";
import { registerRunCommands } from "../../../src/cli/commands/run.js";
import { runCli } from "../../../src/cli/testing.js";
import { liveTestCampaign, seedCatalog } from "../../../src/monitoring/testing.js";
import { validatePolicy } from "../../../src/policies/load.js";
import { createApp, createEventBus, createToken } from "../../../src/server/index.js";
import type { TokenRole } from "../../../src/server/index.js";
import { openDb } from "../../../src/store/db.js";
import type { Db } from "../../../src/store/db.js";
import type { Clock } from "../../../src/domain/clock.js";

/**
 * Worlds for the families checked through the real approval and edit paths (issue #25, build
 * items 7 and 8): the HTTP app in-process with named tokens, and the `autopromo` CLI in-process
 * on a database file. Both hold one live campaign `c-1` (SKU-1, 25 % TPR in US-EAST, store
 * only); a depth over 26 % needs a finance and a category-manager approval.
 */

/** The check's day: c-1 went live on 2025-03-03. */
export const PATHS_NOW = "2025-03-05T10:00:00Z";

export const PATHS_POLICY = {
  approvalRequired: { newMarket: false, newMechanic: false, depthAbovePct: 26 },
  approvals: { routing: { "approval.depth": { allOf: ["finance", "category_manager"] } } },
  channels: { allowed: { "*": ["store", "ecommerce", "email", "digital_ads"] } },
};

/** The HTTP app on an in-memory store; `token(role, name)` mints a bearer token for a person. */
export interface HttpWorld {
  db: Db;
  clock: Clock;
  token(role: TokenRole, name: string): string;
  call(
    method: string,
    path: string,
    token: string,
    body?: unknown,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  close(): void;
}

export async function httpWorld(): Promise<HttpWorld> {
  const db = openDb(":memory:");
  seedCatalog(db);
  const clock = steppingClock("2025-02-20T10:00:00Z");
  await liveTestCampaign(db, "c-1", clock);
  clock.advance(Date.parse(PATHS_NOW) - clock.now().getTime());
  const policy = validatePolicy(PATHS_POLICY, "eval:paths");
  const app = createApp({ db, clock, events: createEventBus(clock), policy });
  return {
    db,
    clock,
    token: (role, name) => createToken(db, { role, name }, clock).secret,
    async call(method, path, token, body) {
      const res = await app.request(`http://localhost${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      let parsed: Record<string, unknown> = {};
      try {
        parsed = JSON.parse(text) as Record<string, unknown>;
      } catch {
        parsed = { text };
      }
      return { status: res.status, body: parsed };
    },
    close: () => db.close(),
  };
}

/** The CLI on a database file in a temp folder; `cli(args)` resolves to its output or rejects with its error. */
export interface CliWorld {
  cli(args: string[]): Promise<string>;
  close(): void;
}

export async function cliWorld(): Promise<CliWorld> {
  const dir = mkdtempSync(join(tmpdir(), "autopromo-evals-paths-"));
  const path = join(dir, "a.db");
  const db = openDb(path);
  seedCatalog(db);
  await liveTestCampaign(db, "c-1", steppingClock("2025-02-20T10:00:00Z"));
  db.close();
  const policyFile = join(dir, "policy.json");
  writeFileSync(policyFile, JSON.stringify(PATHS_POLICY));
  return {
    cli: (args) =>
      runCli(
        [registerCampaignsCommand, registerRunCommands],
        [...args, "--db", path, "--policy", policyFile, "--now", PATHS_NOW],
      ),
    close: () => rmSync(dir, { recursive: true, force: true }),
  };
}
