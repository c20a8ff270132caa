import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Channel } from "../../domain/channel.js";
import type { Clock } from "../../domain/clock.js";
import { systemClock } from "../../domain/clock.js";
import type { ChannelMessage } from "../message.js";
import type { ChannelAdapter, DeliverOptions, DeliveryReceipt } from "../types.js";
import { posCsv } from "./store-pos.js";

/** Where sandbox channels write unless told otherwise. */
export const DEFAULT_SANDBOX_DIR = "./out/channels";

/** One line of a sandbox channel's receiver ledger. */
export interface SandboxReceipt {
  idempotencyKey: string;
  op: ChannelMessage["op"];
  campaignId: string;
  version: number;
  file: string;
  at: string;
}

const LEDGER = "received.jsonl";

function safeName(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]/g, "_");
}

/** Every key a sandbox channel has applied, oldest first (what its "receiver" has seen). */
export function sandboxReceipts(dir: string, channel: Channel): SandboxReceipt[] {
  const path = join(dir, channel, LEDGER);
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as SandboxReceipt);
}

function writeChannelFile(folder: string, m: ChannelMessage, key: string, at: string): string {
  const base = safeName(m.campaignId);
  if (m.body.kind === "pos_prices") {
    const file = join(folder, m.op === "launch" ? `${base}.csv` : `${base}.retract.csv`);
    writeFileSync(file, posCsv(m.body, m.op));
    return file;
  }
  const file = join(folder, `${base}.json`);
  writeFileSync(
    file,
    JSON.stringify(
      { status: m.op === "launch" ? "live" : "retracted", idempotencyKey: key, at, message: m },
      null,
      2,
    ) + "\n",
  );
  return file;
}

/**
 * The default adapter: a channel that lives in a folder. It behaves like a well-made receiver —
 * a key it has applied before is answered as a duplicate without touching anything — so the
 * exactly-once path is exercised offline. Files: `<dir>/<channel>/<campaign>.json`, or a POS CSV
 * (`<campaign>.csv`, `<campaign>.retract.csv`) for stores; the ledger is `received.jsonl`.
 */
export function sandboxAdapter(
  channel: Channel,
  opts: { dir?: string; clock?: Clock } = {},
): ChannelAdapter {
  const dir = opts.dir ?? DEFAULT_SANDBOX_DIR;
  const clock = opts.clock ?? systemClock();
  const folder = join(dir, channel);

  const apply = async (
    m: ChannelMessage,
    { idempotencyKey }: DeliverOptions,
  ): Promise<DeliveryReceipt> => {
    const at = clock.now().toISOString();
    const seen = sandboxReceipts(dir, channel).find((r) => r.idempotencyKey === idempotencyKey);
    if (seen)
      return { channel, idempotencyKey, duplicate: true, externalId: seen.file, at: seen.at };
    mkdirSync(folder, { recursive: true });
    // File first, ledger second: a crash in between rewrites the same file on retry, which is harmless.
    const file = writeChannelFile(folder, m, idempotencyKey, at);
    const line: SandboxReceipt = {
      idempotencyKey,
      op: m.op,
      campaignId: m.campaignId,
      version: m.version,
      file,
      at,
    };
    appendFileSync(join(folder, LEDGER), JSON.stringify(line) + "\n");
    return { channel, idempotencyKey, duplicate: false, externalId: file, at };
  };

  return { channel, mode: "sandbox", deliver: apply, retract: apply };
}
