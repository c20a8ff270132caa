import { rmSync } from "node:fs";
import type { Command } from "commander";
import { demoEndFor } from "../../server/service/demo-market.js";
import { generateDemoMarket } from "../../sim/demo/index.js";
import { loadDemoShoppers } from "../../sim/demo/shoppers-load.js";
import { ingestDataset, resolveDbPath, storeStatus } from "../../store/index.js";
import { withCommon, withDb, type CommonOptions } from "../context.js";
import { printJson, wrap, WIDTH, type Output } from "../output.js";
import { renderStatus } from "./status.js";

interface InitOptions extends CommonOptions {
  demo?: boolean;
  seed: number;
  reset?: boolean;
}

/** `autopromo init [--demo]`: create the database (and load the demo market). Safe to re-run. */
export function registerInitCommand(program: Command, o: Output): void {
  withCommon(
    program.command("init").description("create the database; --demo loads a synthetic retailer"),
  )
    .option("--demo", "load the seeded demo market (two years of signals, with planted situations)")
    .option("--seed <n>", "demo seed", (v) => Number.parseInt(v, 10), 1)
    .option("--reset", "delete the database file first")
    .action(async (opts: InitOptions) => {
      const path = resolveDbPath(opts.db);
      if (opts.reset)
        for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true });
      const result = await withDb(opts, async (db) => {
        if (!opts.demo) return { path, status: storeStatus(db) };
        if (!opts.json)
          o.err(
            wrap(
              `loading the demo market into ${path} (two years of signals; about 30 s)…`,
              WIDTH,
              "  ",
            ),
          );
        // Dated to end yesterday: `run` plans on the wall clock, not on the data's last week.
        const demo = generateDemoMarket({
          seed: opts.seed,
          endWeek: demoEndFor(new Date().toISOString()),
        });
        const reports = await ingestDataset(db, demo, { origin: `demo-seed-${opts.seed}` });
        loadDemoShoppers(db, { seed: opts.seed, endDate: demo.endDate });
        return { path, status: storeStatus(db), ingests: reports, planted: demo.planted };
      });
      if (opts.json) return printJson(o, result);
      o.out(`database ${result.path}`);
      if ("ingests" in result) {
        const stored = result.ingests!.reduce((n, r) => n + r.stored, 0);
        o.out(
          stored > 0
            ? `demo market loaded: ${stored.toLocaleString("en-US")} new records`
            : "demo market already loaded: nothing new",
        );
        o.out(
          `planted situations for the agents to find: ${result.planted!.map((p) => p.kind).join(", ")}`,
        );
      }
      o.out(renderStatus(result.status));
    });
}
