import type { Command } from "commander";
import { listQuarantine } from "../../store/index.js";
import { withCommon, withDb, type CommonOptions } from "../context.js";
import { printJson, table, type Output } from "../output.js";

/** `autopromo quarantine list`: rejected rows with file, line and reason. */
export function registerQuarantineCommand(program: Command, o: Output): void {
  const q = program.command("quarantine").description("rows rejected at ingestion");
  withCommon(q.command("list").description("list quarantined rows, newest first"))
    .option("--kind <kind>", "only this kind")
    .option("--limit <n>", "at most this many", (v) => Number.parseInt(v, 10), 100)
    .action(async (opts: CommonOptions & { kind?: string; limit: number }) => {
      const rows = await withDb(opts, (db) =>
        listQuarantine(db, { ...(opts.kind ? { kind: opts.kind } : {}), limit: opts.limit }),
      );
      if (opts.json) return printJson(o, rows);
      if (rows.length === 0) return o.out("quarantine is empty");
      o.out(
        table(
          ["kind", "file", "line", "field", "reason"],
          rows.map((r) => [r.kind, r.file, r.line, r.field, r.reason]),
        ),
      );
    });
}
