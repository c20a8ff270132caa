/** How the LLM reasoner spaces its attempts. */
export interface BackoffOptions {
  /** First backoff before jitter (default 500 ms); doubles each attempt. */
  baseMs?: number;
  /** Longest wait between attempts, Retry-After included (default 30 s): past it, give up. */
  maxMs?: number;
  /** A number in [0, 1) for the jitter (injectable so tests are exact). */
  random?: () => number;
}

/** The server's Retry-After in milliseconds (seconds or an HTTP date), if the error carries one. */
export function retryAfterMs(e: unknown, nowMs: number): number | undefined {
  const headers = (e as { headers?: unknown } | null)?.headers;
  let value: string | null | undefined;
  if (headers && typeof (headers as Headers).get === "function")
    value = (headers as Headers).get("retry-after");
  else if (headers && typeof headers === "object") {
    const key = Object.keys(headers).find((k) => k.toLowerCase() === "retry-after");
    const v = key === undefined ? undefined : (headers as Record<string, unknown>)[key];
    value = typeof v === "string" ? v : undefined;
  }
  if (!value) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/**
 * The wait before attempt `attempt + 1` (0-based `attempt` just failed): the server's Retry-After
 * when it sent one, else exponential backoff with full jitter. `undefined` means "do not retry":
 * the server asked for longer than `maxMs`.
 */
export function backoffMs(
  attempt: number,
  e: unknown,
  nowMs: number,
  o: BackoffOptions = {},
): number | undefined {
  const maxMs = o.maxMs ?? 30_000;
  const asked = retryAfterMs(e, nowMs);
  if (asked !== undefined) return asked <= maxMs ? asked : undefined;
  const ceiling = Math.min(maxMs, (o.baseMs ?? 500) * 2 ** attempt);
  return Math.round(ceiling * (o.random ?? Math.random)());
}
