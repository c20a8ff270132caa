import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { isAutopromoError } from "../errors.js";
import { redactSecrets } from "../redact.js";
import { isBusy } from "../store/index.js";

/** The JSON every error response carries: a code programs branch on, a message people read. */
export interface ErrorBody {
  error: { status: number; code: string; message: string; details?: unknown };
}

/** An HTTP error with a stable code; thrown by middleware and routes, rendered by {@link onError}. */
export class ApiError extends HTTPException {
  readonly code: string;
  readonly details: unknown;
  constructor(
    status: ContentfulStatusCode,
    code: string,
    message: string,
    opts: { cause?: unknown; details?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(status, {
      message,
      cause: opts.cause,
      ...(opts.headers ? { res: new Response(null, { headers: opts.headers }) } : {}),
    });
    this.code = code;
    this.details = opts.details;
  }
}

// Domain error codes and the HTTP status they mean; anything unlisted is a 400 (the caller's input).
const STATUS_OF_CODE: Record<string, ContentfulStatusCode> = {
  NOT_FOUND: 404,
  UNKNOWN_KIND: 404,
  ILLEGAL_TRANSITION: 409,
  INVALID_STATE: 409,
  NOT_AWAITING_APPROVAL: 409,
  SUPERSEDED: 409,
  CHANNEL_CONFLICT: 409,
  APPROVER_ALREADY_VOTED: 409,
  OWN_REQUEST: 403,
  STORE_ERROR: 500,
  CONFIG_ERROR: 500,
};

/**
 * Renders any thrown error as the JSON error body; unexpected errors say nothing about internals.
 * Messages quote what the caller sent (an id, a path), so a token pasted there is scrubbed.
 */
export function onError(err: Error, c: Context): Response {
  if (err instanceof ApiError) {
    const headers = Object.fromEntries(err.res?.headers.entries() ?? []);
    return c.json<ErrorBody>(
      {
        error: {
          status: err.status,
          code: err.code,
          message: redactSecrets(err.message),
          ...(err.details !== undefined ? { details: err.details } : {}),
        },
      },
      err.status,
      headers,
    );
  }
  if (err instanceof HTTPException) {
    return c.json<ErrorBody>(
      {
        error: {
          status: err.status,
          code: `HTTP_${err.status}`,
          message: redactSecrets(err.message || "request failed"),
        },
      },
      err.status as ContentfulStatusCode,
    );
  }
  if (isBusy(err)) {
    // Another process held the write lock past every wait: nothing was written; try again.
    return c.json<ErrorBody>(
      {
        error: {
          status: 503,
          code: "STORE_BUSY",
          message: "the store is busy with another writer; try again",
        },
      },
      503,
      { "Retry-After": "1" },
    );
  }
  if (isAutopromoError(err)) {
    const status = STATUS_OF_CODE[err.code] ?? 400;
    return c.json<ErrorBody>(
      { error: { status, code: err.code, message: redactSecrets(err.message) } },
      status,
    );
  }
  return c.json<ErrorBody>(
    { error: { status: 500, code: "INTERNAL", message: "internal error" } },
    500,
  );
}
