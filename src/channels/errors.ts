import { AutopromoError } from "../errors.js";
import type { Channel } from "../domain/channel.js";

/** Codes a caller of src/channels can branch on. */
export type ChannelErrorCode =
  | "CHANNEL_CONFLICT"
  | "CHANNEL_NOT_ALLOWED"
  | "DELIVERY_RETRYABLE"
  | "DELIVERY_REJECTED"
  | "NOT_FOUND"
  | "INVALID_STATE"
  | "INVALID_INPUT"
  | "CONFIG_ERROR";

/** Any failure raised by src/channels. */
export class ChannelError extends AutopromoError<ChannelErrorCode> {
  constructor(code: ChannelErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = "ChannelError";
  }
}

/**
 * One SKU in one market that a launch would put in conflict: at prices too far apart in two
 * channels (`price`), or under a second campaign's offer on a channel that already carries or is
 * about to carry one for overlapping dates (`double_offer`: a shelf or a web page shows one).
 */
export interface ChannelConflict {
  kind: "price" | "double_offer";
  sku: string;
  marketId: string;
  channel: Channel;
  price: number;
  otherChannel: Channel;
  otherPrice: number;
  /** The campaign already carrying `otherPrice`; the new campaign's id when both are its own. */
  otherCampaignId: string;
  /** |a − b| / min(a, b) × 100. */
  differencePct: number;
  tolerancePct: number;
  message: string;
}

/** A launch refused because it would put conflicting prices or offers on the same SKU × market. */
export class ChannelConflictError extends ChannelError {
  readonly conflicts: readonly ChannelConflict[];
  constructor(campaignId: string, conflicts: readonly ChannelConflict[]) {
    super(
      "CHANNEL_CONFLICT",
      `campaign ${campaignId}: ${conflicts.map((c) => c.message).join("; ")}`,
    );
    this.name = "ChannelConflictError";
    this.conflicts = conflicts;
  }
}

/** A channel refused or could not take a message; `retryable` says whether trying again may help. */
export class DeliveryError extends ChannelError {
  readonly channel: Channel;
  readonly retryable: boolean;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  constructor(
    channel: Channel,
    message: string,
    opts: { retryable: boolean; status?: number; retryAfterMs?: number; cause?: unknown },
  ) {
    super(opts.retryable ? "DELIVERY_RETRYABLE" : "DELIVERY_REJECTED", `${channel}: ${message}`, {
      cause: opts.cause,
    });
    this.name = "DeliveryError";
    this.channel = channel;
    this.retryable = opts.retryable;
    this.status = opts.status;
    this.retryAfterMs = opts.retryAfterMs;
  }
}

/** True when `e` is a ChannelError (including conflicts and delivery errors). */
export function isChannelError(e: unknown): e is ChannelError {
  return e instanceof ChannelError;
}
