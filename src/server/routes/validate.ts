import { zValidator } from "@hono/zod-validator";
import type { z } from "zod";
import { ApiError } from "../errors.js";

/** zValidator whose failures are our JSON error body (400 INVALID_INPUT, with zod's issues). */
export function jsonBody<S extends z.ZodType>(schema: S) {
  return zValidator("json", schema, (result) => {
    if (!result.success) {
      const issues = result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
      throw new ApiError(400, "INVALID_INPUT", `invalid body: ${issues.map((i) => `${i.path || "(root)"}: ${i.message}`).join("; ")}`, { details: issues });
    }
  });
}

/** The caller as recorded on lifecycle events and votes: name and role, never the token. */
export const actorOf = (t: { name: string; role: string }) => `${t.name} (${t.role})`;
