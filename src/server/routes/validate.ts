import { zValidator } from "@hono/zod-validator";
import type { z } from "zod";
import { textProblem } from "../../domain/common.js";
import { ApiError } from "../errors.js";

/** Deepest nesting a JSON body may have: far more than any real payload, far less than recursive code (JSON.stringify) survives. */
export const MAX_JSON_DEPTH = 64;

/** Throws 400 when `value` nests arrays or objects deeper than {@link MAX_JSON_DEPTH}; iterative, so the check cannot overflow itself. */
export function assertJsonDepth(value: unknown, what = "body"): void {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (depth > MAX_JSON_DEPTH)
      throw new ApiError(
        400,
        "INVALID_INPUT",
        `${what} nests arrays or objects deeper than ${MAX_JSON_DEPTH} levels`,
      );
    for (const x of Object.values(v)) stack.push([x, depth + 1]);
  }
}

/** Longest string any JSON body field may hold (comments, reasons, names). */
export const MAX_FIELD_CHARS = 10_000;
/** Most items one JSON body array may hold. */
export const MAX_ARRAY_ITEMS = 10_000;

/**
 * Throws 400 naming the field when a JSON body holds a string longer than {@link MAX_FIELD_CHARS},
 * an array longer than {@link MAX_ARRAY_ITEMS}, or text that is not clean (a lone surrogate, a
 * control character other than tab and newline), in a value or a key. Iterative, like the depth check.
 */
export function assertCleanJson(value: unknown, what = "body"): void {
  const stack: [unknown, string][] = [[value, ""]];
  const fail = (path: string, why: string) => {
    throw new ApiError(400, "INVALID_INPUT", `${what}${path ? ` field ${path}` : ""}: ${why}`);
  };
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === "string") {
      if (v.length > MAX_FIELD_CHARS) fail(path, `longer than ${MAX_FIELD_CHARS} characters`);
      const problem = textProblem(v);
      if (problem) fail(path, problem);
    }
    if (v === null || typeof v !== "object") continue;
    if (Array.isArray(v) && v.length > MAX_ARRAY_ITEMS)
      fail(path, `more than ${MAX_ARRAY_ITEMS} items`);
    for (const [k, x] of Object.entries(v)) {
      const at = path ? `${path}.${k.slice(0, 64)}` : k.slice(0, 64);
      if (k.length > 200 || textProblem(k))
        fail(at, "a key longer than 200 characters or not clean text");
      stack.push([x, at]);
    }
  }
}

// hono's validator reads the body only for a JSON media type (and validates {} otherwise).
const isJsonMediaType = (contentType: string | undefined) =>
  /^application\/([\w.-]+\+)?json$/i.test((contentType ?? "").split(";")[0]!.trim());

/**
 * zValidator whose failures are our JSON error body (400 INVALID_INPUT, with zod's issues). A body
 * sent as another media type is refused (415) rather than silently read as {}, and a body nested
 * deeper than {@link MAX_JSON_DEPTH} is refused (400) before anything recursive touches it.
 */
export function jsonBody<S extends z.ZodType>(schema: S) {
  return zValidator("json", schema, async (result, c) => {
    const type = c.req.header("Content-Type");
    if (!isJsonMediaType(type) && (await c.req.text()).length > 0) {
      throw new ApiError(
        415,
        "UNSUPPORTED_MEDIA_TYPE",
        `the body must be application/json (Content-Type was ${type ? JSON.stringify(type.slice(0, 100)) : "missing"})`,
      );
    }
    if (result.success) assertJsonDepth(result.data);
    // The raw body, not zod's output: a field zod drops is still refused if it is not clean.
    if (result.success) assertCleanJson(await c.req.json().catch(() => result.data));
    if (!result.success) {
      const issues = result.error.issues.map((i) => ({
        path: i.path.join("."),
        message: i.message,
      }));
      throw new ApiError(
        400,
        "INVALID_INPUT",
        `invalid body: ${issues.map((i) => `${i.path || "(root)"}: ${i.message}`).join("; ")}`,
        { details: issues },
      );
    }
  });
}

/** The caller as recorded on lifecycle events and votes: name and role, never the token. */
export const actorOf = (t: { name: string; role: string }) => `${t.name} (${t.role})`;
