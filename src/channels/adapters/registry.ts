import { CHANNELS } from "../../domain/channel.js";
import type { Channel } from "../../domain/channel.js";
import type { Clock } from "../../domain/clock.js";
import { ChannelError } from "../errors.js";
import type { ChannelAdapters } from "../types.js";
import { httpAdapter } from "./http.js";
import type { HttpAdapterConfig } from "./http.js";
import { sandboxAdapter } from "./sandbox.js";

export interface AdaptersConfig {
  /** Folder for sandbox channels (default ./out/channels). */
  sandboxDir?: string;
  /** Channels with an HTTP endpoint; every other channel is a sandbox. */
  http?: Partial<Record<Channel, HttpAdapterConfig>>;
  clock?: Clock;
}

/** One adapter per channel: HTTP where configured, the sandbox otherwise (so nothing goes live by accident). */
export function createAdapters(config: AdaptersConfig = {}): ChannelAdapters {
  const out: ChannelAdapters = {};
  for (const channel of CHANNELS) {
    const http = config.http?.[channel];
    out[channel] = http
      ? httpAdapter(channel, { ...(config.clock ? { clock: config.clock } : {}), ...http })
      : sandboxAdapter(channel, {
          ...(config.sandboxDir ? { dir: config.sandboxDir } : {}),
          ...(config.clock ? { clock: config.clock } : {}),
        });
  }
  return out;
}

/**
 * HTTP endpoints from the environment: `AUTOPROMO_CHANNEL_<CHANNEL>_URL` with
 * `AUTOPROMO_CHANNEL_<CHANNEL>_TOKEN` (e.g. `AUTOPROMO_CHANNEL_DIGITAL_ADS_URL`). A URL without a
 * token is a configuration error rather than an unauthenticated call.
 */
export function httpConfigFromEnv(
  env: Record<string, string | undefined> = process.env,
): Partial<Record<Channel, HttpAdapterConfig>> {
  const out: Partial<Record<Channel, HttpAdapterConfig>> = {};
  for (const channel of CHANNELS) {
    const prefix = `AUTOPROMO_CHANNEL_${channel.toUpperCase()}`;
    const url = env[`${prefix}_URL`];
    if (!url) continue;
    const token = env[`${prefix}_TOKEN`];
    if (!token)
      throw new ChannelError("CONFIG_ERROR", `${prefix}_URL is set but ${prefix}_TOKEN is not`);
    out[channel] = { url, token };
  }
  return out;
}
