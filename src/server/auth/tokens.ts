import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Clock } from "../../domain/index.js";
import type { Db } from "../../store/index.js";
import { tokenRoleSchema, type TokenRole } from "./roles.js";

/** A token as stored: never the secret, only who it belongs to. */
export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: tokenRoleSchema,
  createdAt: z.string(),
  createdBy: z.string(),
  revokedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const tokenNameSchema = z.string().trim().min(1).max(100);

const PREFIX = "apt_";

/** sha256 is enough here: secrets are 256 random bits, so there is nothing to brute-force. */
export function hashToken(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

interface Row {
  id: string;
  name: string;
  role: string;
  created_at: string;
  created_by: string;
  revoked_at: string | null;
}
const toToken = (r: Row): ApiToken =>
  apiTokenSchema.parse({
    id: r.id,
    name: r.name,
    role: r.role,
    createdAt: r.created_at,
    createdBy: r.created_by,
    revokedAt: r.revoked_at,
  });

/** Creates a token for `role`; the secret is returned once and only its hash is stored. */
export function createToken(
  db: Db,
  input: { role: TokenRole; name: string; createdBy?: string },
  clock: Clock,
): { token: ApiToken; secret: string } {
  const role = tokenRoleSchema.parse(input.role);
  const name = tokenNameSchema.parse(input.name);
  const id = `tok_${randomBytes(6).toString("hex")}`;
  const secret = `${PREFIX}${randomBytes(32).toString("base64url")}`;
  db.prepare(
    "INSERT INTO api_tokens (id, name, role, token_sha256, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)",
  ).run(id, name, role, hashToken(secret), clock.now().toISOString(), input.createdBy ?? "cli");
  return {
    token: toToken(db.prepare("SELECT * FROM api_tokens WHERE id = ?").get(id) as Row),
    secret,
  };
}

/** The live token a secret belongs to, or null (unknown or revoked). */
export function findToken(db: Db, secret: string): ApiToken | null {
  if (!secret.startsWith(PREFIX)) return null;
  const r = db
    .prepare("SELECT * FROM api_tokens WHERE token_sha256 = ? AND revoked_at IS NULL")
    .get(hashToken(secret)) as Row | undefined;
  return r ? toToken(r) : null;
}

/** Every token, oldest first (without secrets). */
export function listTokens(db: Db): ApiToken[] {
  return (db.prepare("SELECT * FROM api_tokens ORDER BY created_at, id").all() as Row[]).map(
    toToken,
  );
}

/** Revokes a token by id; false when there is no live token with that id. */
export function revokeToken(db: Db, id: string, clock: Clock): boolean {
  return (
    db
      .prepare("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
      .run(clock.now().toISOString(), id).changes > 0
  );
}

/** True when a live admin token exists (serve creates the first one otherwise). */
export function hasAdminToken(db: Db): boolean {
  return (
    db
      .prepare("SELECT 1 FROM api_tokens WHERE role = 'admin' AND revoked_at IS NULL LIMIT 1")
      .get() !== undefined
  );
}
