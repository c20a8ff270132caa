import { z } from "zod";

/**
 * Roles a token can carry. The governance roles match the policy's approval roles (BASE_ROLES,
 * category_manager included because the default policy routes approvals to it); `viewer` only
 * reads and `admin` runs the installation but never stands in for an approver.
 */
export const TOKEN_ROLES = ["viewer", "marketing", "finance", "supply_chain", "legal", "category_manager", "admin"] as const;
export const tokenRoleSchema = z.enum(TOKEN_ROLES);
export type TokenRole = z.infer<typeof tokenRoleSchema>;

/** Who may do what; routes name one of these sets so the table reads in one place. */
export const ROLE_SETS = {
  /** Every authenticated role may read. */
  read: TOKEN_ROLES,
  /** Feeds come from the teams that own the data. */
  ingest: ["supply_chain", "marketing", "admin"],
  /** Taking spend or a price off the shelves: anyone accountable for it may act at once. */
  stop: ["marketing", "supply_chain", "legal", "finance", "category_manager", "admin"],
  /** Putting spend back on the shelves is a commercial decision. */
  resume: ["marketing", "category_manager", "admin"],
  /** Turning autonomy off is open to every accountable role; turning it back on needs admin. */
  killSwitchOn: ["marketing", "supply_chain", "legal", "finance", "category_manager", "admin"],
  killSwitchOff: ["admin"],
  /** Starting graph runs. */
  run: ["marketing", "category_manager", "supply_chain", "admin"],
} as const satisfies Record<string, readonly TokenRole[]>;
