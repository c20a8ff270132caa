import type { MiddlewareHandler } from "hono";
import type { Clock } from "../../domain/index.js";
import type { Db } from "../../store/index.js";
import type { AppEnv } from "../env.js";
import { appendAudit, bodyDigest } from "./audit.js";

const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Writes every authenticated mutation to the audit chain after it ran, with its status, so refused
 * attempts (403, 409) are on record too. The body is read here once; hono caches it for the route.
 */
export function auditMutations(db: Db, clock: Clock): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = c.get("auth") as AppEnv["Variables"]["auth"] | undefined;
    if (READS.has(c.req.method) || !token) return next();
    const digest = bodyDigest(await c.req.text());
    const at = clock.now().toISOString();
    let status = 500;
    try {
      await next();
      status = c.res.status;
    } catch (e) {
      status = (e as { status?: number }).status ?? 500;
      throw e;
    } finally {
      appendAudit(db, {
        at,
        tokenId: token.id,
        actor: token.name,
        role: token.role,
        method: c.req.method,
        route: c.req.path,
        status,
        bodySha256: digest,
      });
    }
  };
}
