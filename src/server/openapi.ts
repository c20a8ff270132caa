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

const errorSchema = z.object({
  error: z.object({
    status: z.number().int(),
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});

/** Drops `nullable` where no `type` sits beside it (zod's unknown().nullable()): already any value. */
function tidy(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(tidy);
  if (!node || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = tidy(v);
  if (out.nullable === true && out.type === undefined) delete out.nullable;
  return out;
}

// io: "input" documents what a client sends (defaults may be omitted); unrepresentable types become {}.
const schemaOf = (s: z.ZodType, io: "input" | "output") =>
  tidy(z.toJSONSchema(s, { io, unrepresentable: "any", target: "openapi-3.0" }));

const errorBody = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});

/** camelCase of the method and path: GET /campaigns/{id}/history -> getCampaignsByIdHistory. */
export function defaultOperationId(method: string, path: string): string {
  const words = path
    .split("/")
    .filter(Boolean)
    .map((w) => (w.startsWith("{") ? `by-${w.slice(1, -1)}` : w));
  const camel = words
    .join("-")
    .replace(/[^A-Za-z0-9]+(.)?/g, (_m, ch: string | undefined) => (ch ?? "").toUpperCase());
  return method + (camel ? camel[0]!.toUpperCase() + camel.slice(1) : "Root");
}

function successOf(d: RouteDoc) {
  const status = d.status ?? 200;
  const headers = d.headers
    ? {
        headers: Object.fromEntries(
          Object.entries(d.headers).map(([h, description]) => [
            h,
            { description, schema: { type: "string" } },
          ]),
        ),
      }
    : {};
  if (status === 204) return { 204: { description: "done; no body", ...headers } };
  if (status === 202) return { 202: { description: "accepted; no body", ...headers } };
  const content = d.produces
    ? { [d.produces]: { schema: { type: "string" } } }
    : {
        "application/json": {
          schema: d.response ? schemaOf(d.response, "output") : { type: "object" },
        },
      };
  return { 200: { description: "OK", content, ...headers } };
}

function operation(d: RouteDoc) {
  const path = [...d.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: "path",
    required: true,
    schema: { type: "string" },
  }));
  const query = (d.query ?? []).map((q) => ({
    name: q.name,
    in: "query",
    required: false,
    description: q.description,
    schema: schemaOf(
      q.schema instanceof z.ZodOptional ? (q.schema.unwrap() as z.ZodType) : q.schema,
      "input",
    ),
  }));
  const isPublic = d.roles === "public";
  const errors: Record<string, unknown> = {};
  if (d.body || d.query?.length)
    errors[400] = errorBody("invalid input (the message names the field)");
  if (!isPublic) {
    errors[401] = {
      ...errorBody("no token, or an unknown or revoked one"),
      headers: { "WWW-Authenticate": { description: "Bearer", schema: { type: "string" } } },
    };
    errors[403] = errorBody("the token's role may not do this");
  }
  if (path.length) errors[404] = errorBody("no such resource");
  errors[413] = errorBody("request body over the size limit");
  if (d.body) errors[415] = errorBody("the body is not application/json");
  if (!isPublic)
    errors[429] = {
      ...errorBody("rate limit exceeded for this token"),
      headers: { "Retry-After": { description: "seconds", schema: { type: "integer" } } },
    };
  for (const [code, description] of Object.entries(d.errors ?? {}))
    errors[code] = errorBody(description);
  const also = Object.fromEntries(
    Object.entries(d.alsoOk ?? {}).map(([code, description]) => [code, { description }]),
  );
  return {
    operationId: d.operationId ?? defaultOperationId(d.method, d.path),
    summary: d.summary,
    tags: [d.tag],
    ...(isPublic ? { security: [] } : { "x-roles": d.roles }),
    ...(path.length || query.length ? { parameters: [...path, ...query] } : {}),
    ...(d.body
      ? {
          requestBody: {
            required: true,
            content: {
              "application/json": { schema: schemaOf(d.body, "input") },
              ...Object.fromEntries(
                (d.bodyTypes ?? []).map((t) => [t, { schema: { type: "string" } }]),
              ),
            },
          },
        }
      : {}),
    responses: { ...successOf(d), ...also, ...errors },
  };
}

/** Builds the OpenAPI 3.0 document from every route's doc (so the document cannot drift from validation). */
export function openApiDocument(docs: readonly RouteDoc[], info: { version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const d of docs) (paths[d.path] ??= {})[d.method] = operation(d);
  return {
    openapi: "3.0.3",
    info: {
      title: "autopromo API",
      version: info.version,
      license: { name: "Apache-2.0", url: "https://www.apache.org/licenses/LICENSE-2.0" },
      description:
        "Governed retail promotions: signals, decisions, approvals, campaigns, live events, and the LangGraph Agent Server protocol (assistants, threads, runs) for @langchain/langgraph-sdk. A token carries one role (x-roles lists the roles allowed per operation); send it as Authorization: Bearer or x-api-key.",
    },
    servers: [{ url: "/", description: "this server" }],
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer" },
        apiKey: { type: "apiKey", in: "header", name: "x-api-key" },
      },
      schemas: { Error: schemaOf(errorSchema, "output") },
    },
    security: [{ bearer: [] }, { apiKey: [] }],
    paths,
  };
}
