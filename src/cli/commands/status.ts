import type { Command } from "commander";
import { storeStatus, type StoreStatus } from "../../store/index.js";
import { withCommon, withDb, type CommonOptions } from "../context.js";
import { printJson, table, type Output } from "../output.js";

/** `autopromo status`: what the store holds. */
export function registerStatusCommand(program: Command, o: Output): void {
  withCommon(
    program.command("status").description("counts per kind, date ranges and quarantine size"),
  ).action(async (opts: CommonOptions) => {
    const status = await withDb(opts, storeStatus);
    if (opts.json) printJson(o, status);
    else o.out(renderStatus(status));
  });
}

/** The status as a person reads it. */
export function renderStatus(s: StoreStatus): string {
  const ref = s.reference;
  return [
    `reference: ${ref.markets} markets, ${ref.locations} locations, ${ref.products} products, ${ref.skuAliases} SKU aliases, ${ref.fxRates} FX rates`,
    table(
      ["signal", "rows", "from", "to"],
      s.signals.map((k) => [k.kind, k.rows, k.from?.slice(0, 10), k.to?.slice(0, 10)]),
    ),
    `quarantined rows: ${s.quarantined} · corrections kept in history: ${s.corrections} · ingests: ${s.ingests} · schema v${s.schemaVersion}`,
  ].join("\n");
}
