import type { MiddlewareHandler } from "hono";
import type { Db } from "../../store/index.js";
import type { AppEnv } from "../env.js";
import { ApiError } from "../errors.js";
import type { TokenRole } from "./roles.js";
import { findToken } from "./tokens.js";

const CHALLENGE = { "WWW-Authenticate": 'Bearer realm="autopromo"' };

export interface AuthOptions {
  /** Paths served without a token (the dashboard shell, health, the API description). */
  publicPaths: ReadonlySet<string>;
  /**
   * Paths that also accept `?access_token=` because the browser's EventSource cannot send
   * headers. Only streams are listed, and the request logger never prints query strings.
   */
  queryTokenPaths: ReadonlySet<string>;
}

function secretOf(
  header: string | undefined,
  apiKey: string | undefined,
  query: string | undefined,
): string | undefined {
  // The official LangGraph SDK client sends its apiKey as x-api-key.
  if (apiKey && !header) return apiKey.trim();
  if (header) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m)
      throw new ApiError(
        401,
        "UNAUTHENTICATED",
        "the Authorization header must be 'Bearer <token>'",
        { headers: CHALLENGE },
      );
    return m[1];
  }
  return query;
}

/** Resolves the token (Authorization: Bearer, or x-api-key) to its role (401 when missing, malformed, unknown or revoked). */
export function authenticate(db: Db, opts: AuthOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (opts.publicPaths.has(c.req.path)) return next();
    const query = opts.queryTokenPaths.has(c.req.path) ? c.req.query("access_token") : undefined;
    const secret = secretOf(c.req.header("Authorization"), c.req.header("x-api-key"), query);
    if (!secret)
      throw new ApiError(
        401,
        "UNAUTHENTICATED",
        "a token is required (Authorization: Bearer <token>, or x-api-key: <token>)",
        { headers: CHALLENGE },
      );
    const token = findToken(db, secret);
    if (!token)
      throw new ApiError(401, "UNAUTHENTICATED", "the token is unknown or revoked", {
        headers: CHALLENGE,
      });
    c.set("auth", token);
    await next();
  };
}

/** Throws 403 unless the caller's role is one of `roles`. */
export function assertRole(role: TokenRole, roles: readonly TokenRole[], what: string): void {
  if (!roles.includes(role)) {
    throw new ApiError(
      403,
      "FORBIDDEN",
      `role ${role} may not ${what} (allowed: ${roles.join(", ")})`,
      { details: { role, allowed: roles } },
    );
  }
}

/** Route middleware: 403 unless the authenticated caller has one of `roles`. */
export function requireRole(roles: readonly TokenRole[], what: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    assertRole(c.get("auth").role, roles, what);
    await next();
  };
}
