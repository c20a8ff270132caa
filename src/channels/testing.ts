import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { campaignSchema } from "../domain/campaign.js";
import type { Campaign, CampaignInput } from "../domain/campaign.js";
import { CHANNELS } from "../domain/channel.js";
import type { Channel } from "../domain/channel.js";
import type { Clock } from "../domain/clock.js";
import type { Policy } from "../policies/schema.js";
import { DeliveryError } from "./errors.js";
import type { ChannelMessage } from "./message.js";
import type { ChannelAdapter, DeliveryReceipt } from "./types.js";

/** Test helpers for channel code: campaigns, clocks, scripted adapters. Not part of the public API. */

/** A valid campaign on store + ecommerce; override any field. */
export function makeCampaign(over: Partial<CampaignInput> = {}): Campaign {
  return campaignSchema.parse({
    id: "c-1",
    decisionId: "d-1",
    skus: ["SKU-1"],
    markets: ["US-EAST"],
    channels: ["store", "ecommerce"],
    regularPrice: 3.99,
    promoPrice: 2.99,
    startDate: "2025-03-01",
    endDate: "2025-03-14",
    ...over,
  });
}

/** Channel rules with every channel allowed and the given tolerance. */
export function channelPolicy(
  priceTolerancePct = 5,
  allowed: Record<string, Channel[]> = { "*": [...CHANNELS] },
): Pick<Policy, "channels"> {
  return { channels: { allowed, priceTolerancePct } };
}

/** A clock tests move by hand. */
export function steppingClock(iso = "2025-02-20T10:00:00Z"): Clock & { advance(ms: number): void } {
  let t = new Date(iso).getTime();
  return { now: () => new Date(t), advance: (ms) => void (t += ms) };
}

/** A temporary folder for sandbox files. */
export function tempDir(prefix = "autopromo-channels-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** One call an adapter received. */
export interface RecordedCall {
  op: "deliver" | "retract";
  key: string;
  message: ChannelMessage;
}

/**
 * An adapter that records calls and answers from a script: "ok", "retry" (a 503), "reject" (a
 * 400), or "crash" (delivers, then throws as if the process died before recording it). It keeps
 * its own set of applied keys, like a real receiver, and reports a repeat as a duplicate.
 */
export function scriptedAdapter(
  channel: Channel,
  script: ("ok" | "retry" | "reject" | "crash")[] = [],
): ChannelAdapter & { calls: RecordedCall[]; applied: string[] } {
  const calls: RecordedCall[] = [];
  const applied: string[] = [];
  const answer = async (
    op: RecordedCall["op"],
    message: ChannelMessage,
    key: string,
  ): Promise<DeliveryReceipt> => {
    calls.push({ op, key, message });
    const step = script.shift() ?? "ok";
    if (step === "retry")
      throw new DeliveryError(channel, "HTTP 503", { retryable: true, status: 503 });
    if (step === "reject")
      throw new DeliveryError(channel, "HTTP 400: bad price", { retryable: false, status: 400 });
    const duplicate = applied.includes(key);
    if (!duplicate) applied.push(key);
    if (step === "crash") throw new Error("process crashed before recording the delivery");
    return { channel, idempotencyKey: key, duplicate, at: new Date(0).toISOString() };
  };
  return {
    channel,
    mode: "sandbox",
    calls,
    applied,
    deliver: (m, o) => answer("deliver", m, o.idempotencyKey),
    retract: (m, o) => answer("retract", m, o.idempotencyKey),
  };
}
