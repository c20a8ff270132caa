import type { Channel } from "../../domain/channel.js";
import type { Clock } from "../../domain/clock.js";
import { redactSecrets } from "../../redact.js";
import { systemClock } from "../../domain/clock.js";
import { DeliveryError } from "../errors.js";
import type { ChannelMessage } from "../message.js";
import type { ChannelAdapter, DeliverOptions, DeliveryReceipt } from "../types.js";

export interface HttpAdapterConfig {
  /** Launches are POSTed here; retractions to `<url>/retract`. */
  url: string;
  /** Sent as `Authorization: Bearer <token>`. */
  token: string;
  /** Quick in-process retries on 429 / 5xx / network errors before the outbox schedules a later attempt. */
  maxRetries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  clock?: Clock;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** `Retry-After` in seconds (the form APIs use for 429); dates are ignored. */
function retryAfterMs(res: Response): number | undefined {
  const v = res.headers.get("retry-after");
  if (v === null || !/^\d+(\.\d+)?$/.test(v.trim())) return undefined;
  return Number(v) * 1000;
}

/** The status and the start of the body, minus our token: a receiver may echo the request's headers. */
async function errorText(res: Response, token: string): Promise<string> {
  const text = await res.text().catch(() => "");
  return `HTTP ${res.status}${text ? `: ${redactSecrets(text, [token]).slice(0, 300)}` : ""}`;
}

/**
 * A channel behind an HTTP API. 2xx is delivered; 409 means the receiver already applied this
 * Idempotency-Key, so it is delivered too; 429 and 5xx (and network errors) are retried with
 * exponential backoff, then surface as retryable; any other 4xx is a permanent rejection.
 */
export function httpAdapter(channel: Channel, config: HttpAdapterConfig): ChannelAdapter {
  const doFetch = config.fetch ?? fetch;
  const sleep = config.sleep ?? defaultSleep;
  const clock = config.clock ?? systemClock();
  const maxRetries = config.maxRetries ?? 2;
  const base = config.baseDelayMs ?? 250;
  const cap = config.maxDelayMs ?? 5_000;

  const once = async (url: string, m: ChannelMessage, key: string): Promise<DeliveryReceipt> => {
    let res: Response;
    try {
      res = await doFetch(url, {
        method: "POST",
        headers: {
          authorization: `Bearer ${config.token}`,
          "idempotency-key": key,
          "content-type": "application/json",
        },
        body: JSON.stringify(m),
        signal: AbortSignal.timeout(config.timeoutMs ?? 10_000),
      });
    } catch (e) {
      throw new DeliveryError(
        channel,
        `network error: ${redactSecrets((e as Error).message, [config.token])}`,
        { retryable: true, cause: e },
      );
    }
    const at = clock.now().toISOString();
    if (res.ok) {
      const body = (await res.json().catch(() => ({}))) as { id?: unknown };
      return {
        channel,
        idempotencyKey: key,
        duplicate: false,
        ...(typeof body.id === "string" ? { externalId: body.id } : {}),
        at,
      };
    }
    if (res.status === 409) return { channel, idempotencyKey: key, duplicate: true, at };
    const retryable = res.status === 429 || res.status >= 500;
    throw new DeliveryError(channel, await errorText(res, config.token), {
      retryable,
      status: res.status,
      retryAfterMs: retryAfterMs(res),
    });
  };

  const send = async (
    url: string,
    m: ChannelMessage,
    { idempotencyKey }: DeliverOptions,
  ): Promise<DeliveryReceipt> => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await once(url, m, idempotencyKey);
      } catch (e) {
        if (!(e instanceof DeliveryError) || !e.retryable || attempt >= maxRetries) throw e;
        await sleep(Math.min(cap, e.retryAfterMs ?? base * 2 ** attempt));
      }
    }
  };

  const retractUrl = `${config.url.replace(/\/+$/, "")}/retract`;
  return {
    channel,
    mode: "http",
    deliver: (m, o) => send(config.url, m, o),
    retract: (m, o) => send(retractUrl, m, o),
  };
}
