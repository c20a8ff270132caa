import { z } from "zod";
import type { TokenRole } from "./auth/roles.js";

/** One route as documented: the zod schemas here are the same ones the route validates with. */
export interface RouteDoc {
  method: "get" | "post" | "patch" | "delete";
  /** OpenAPI style: /campaigns/{id}. */
  path: string;
  summary: string;
  /** Roles allowed; "public" needs no token. */
  roles: readonly TokenRole[] | "public";
  body?: z.ZodType;
  /** Extra request media types accepted besides JSON (text/csv for signals). */
  bodyTypes?: string[];
  response?: z.ZodType;
  /** Response media type when not JSON (text/event-stream, text/plain, text/html). */
  produces?: string;
  tag: string;
  /** Unique id for generated clients; default: method + path in camelCase. */
  operationId?: string;
  /** The success status (default 200); 204 and 202 have no body. */
  status?: 200 | 202 | 204;
  /** Other success statuses, with what they mean. */
  alsoOk?: Record<number, string>;
  /** Error statuses the route answers besides 401, 403, 413, 415 and 429, with when. */
  errors?: Record<number, string>;
  /** Query parameters. */
  query?: { name: string; description: string; schema: z.ZodType }[];
  /** Response headers of the success answer. */
  headers?: Record<string, string>;
}

const errorSchema = z.object({ error: z.object({ status: z.number().int(), code: z.string(), message: z.string(), details: z.unknown().optional() }) });

// io: "input" documents what a client sends (defaults may be omitted); unrepresentable types become {}.
const schemaOf = (s: z.ZodType, io: "input" | "output") => z.toJSONSchema(s, { io, unrepresentable: "any", target: "openapi-3.0" });

function operation(d: RouteDoc) {
  const params = [...d.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
  const content = d.produces ? { [d.produces]: { schema: { type: "string" } } } : { "application/json": { schema: d.response ? schemaOf(d.response, "output") : {} } };
  const isPublic = d.roles === "public";
  return {
    summary: d.summary,
    tags: [d.tag],
    ...(isPublic ? { security: [] } : { "x-roles": d.roles }),
    ...(params.length ? { parameters: params } : {}),
    ...(d.body
      ? { requestBody: { required: true, content: { "application/json": { schema: schemaOf(d.body, "input") }, ...Object.fromEntries((d.bodyTypes ?? []).map((t) => [t, { schema: { type: "string" } }])) } } }
      : {}),
    responses: {
      200: { description: "OK", content },
      ...(isPublic ? {} : {
        401: { description: "no token, or an unknown or revoked one", content: { "application/json": { schema: schemaOf(errorSchema, "output") } } },
        403: { description: "the token's role may not do this", content: { "application/json": { schema: schemaOf(errorSchema, "output") } } },
        429: { description: "rate limit exceeded for this token" },
      }),
    },
  };
}

/** Builds the OpenAPI 3.0 document from every route's doc (so the document cannot drift from validation). */
export function openApiDocument(docs: readonly RouteDoc[], info: { version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const d of docs) (paths[d.path] ??= {})[d.method] = operation(d);
  return {
    openapi: "3.0.3",
    info: { title: "autopromo API", version: info.version, description: "Governed retail promotions: signals, decisions, approvals, campaigns, live events. Bearer tokens carry one role each (x-roles lists the roles allowed per operation)." },
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
    security: [{ bearer: [] }],
    paths,
  };
}
