import type { MiddlewareHandler } from "hono";
import type { Clock } from "../../domain/index.js";
import type { AppEnv } from "../env.js";
import { ApiError } from "../errors.js";

export interface RateLimitOptions {
  /** Requests per window per token (default 600). */
  limit?: number;
  /** Window length (default one minute). */
  windowMs?: number;
  clock: Clock;
}

/**
 * A fixed-window limit per token, held in memory: enough to stop a runaway script on one server.
 * Behind several instances it would need a shared store; that is not this product's shape yet.
 */
export function rateLimit(o: RateLimitOptions): MiddlewareHandler<AppEnv> {
  const limit = o.limit ?? 600;
  const windowMs = o.windowMs ?? 60_000;
  const windows = new Map<string, { start: number; count: number }>();
  return async (c, next) => {
    const token = c.get("auth") as AppEnv["Variables"]["auth"] | undefined;
    if (!token) return next(); // public routes
    const now = o.clock.now().getTime();
    let w = windows.get(token.id);
    if (!w || now - w.start >= windowMs) {
      w = { start: now, count: 0 };
      windows.set(token.id, w);
    }
    w.count++;
    c.header("RateLimit-Limit", String(limit));
    c.header("RateLimit-Remaining", String(Math.max(0, limit - w.count)));
    if (w.count > limit) {
      const retry = Math.ceil((w.start + windowMs - now) / 1000);
      throw new ApiError(
        429,
        "RATE_LIMITED",
        `more than ${limit} requests in ${windowMs / 1000} s for this token; retry in ${retry} s`,
        { headers: { "Retry-After": String(retry) } },
      );
    }
    await next();
  };
}
