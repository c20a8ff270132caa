import type { Channel } from "../domain/channel.js";
import type { ChannelMessage } from "./message.js";

/** What a channel answered when it took (or had already taken) a message. */
export interface DeliveryReceipt {
  channel: Channel;
  idempotencyKey: string;
  /** True when the receiver had already seen this key: delivered once, earlier. */
  duplicate: boolean;
  /** The receiver's own id for what it created, when it gives one. */
  externalId?: string;
  at: string;
}

export interface DeliverOptions {
  /** Same key, same effect: receivers must apply a key at most once. */
  idempotencyKey: string;
}

/**
 * One sales channel. `deliver` puts a launch message live, `retract` takes it down. Both throw a
 * `DeliveryError` whose `retryable` flag tells the outbox whether to try again.
 */
export interface ChannelAdapter {
  readonly channel: Channel;
  /** `sandbox` writes files; `http` calls a real endpoint. */
  readonly mode: "sandbox" | "http";
  deliver(message: ChannelMessage, opts: DeliverOptions): Promise<DeliveryReceipt>;
  retract(message: ChannelMessage, opts: DeliverOptions): Promise<DeliveryReceipt>;
}

/** The adapters a delivery worker may use, by channel. */
export type ChannelAdapters = Partial<Record<Channel, ChannelAdapter>>;
