import { z } from "zod";

/**
 * Roles a token can carry. The governance roles match the policy's approval roles (BASE_ROLES,
 * category_manager included because the default policy routes approvals to it); `viewer` only
 * reads, `data_steward` keeps the reference data (catalog, markets, FX) and `admin` runs the
 * installation but never stands in for an approver.
 */
export const TOKEN_ROLES = [
  "viewer",
  "marketing",
  "finance",
  "supply_chain",
  "legal",
  "category_manager",
  "data_steward",
  "admin",
] as const;
export const tokenRoleSchema = z.enum(TOKEN_ROLES);
export type TokenRole = z.infer<typeof tokenRoleSchema>;

/** Who may do what; routes name one of these sets so the table reads in one place. */
export const ROLE_SETS = {
  /** Every authenticated role may read. */
  read: TOKEN_ROLES,
  /** Operational feeds (sales, stock, production, competitor prices, consumer signals) come from the teams that own them. */
  ingest: ["supply_chain", "marketing", "admin"],
  /**
   * Reference data (markets, stores, products, codes, FX rates) prices every decision and the
   * policy reads it as truth: only its stewards change it.
   */
  referenceData: ["data_steward", "admin"],
  /** Anyone who may post some feed; the route then checks the kind. */
  signals: ["supply_chain", "marketing", "data_steward", "admin"],
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

/** The ingest kinds that are reference data rather than operational feeds. */
export const REFERENCE_KINDS: readonly string[] = [
  "market",
  "location",
  "product",
  "sku_alias",
  "fx_rate",
];

/** The roles that may post feeds of `kind`. */
export function rolesForKind(kind: string): readonly TokenRole[] {
  return REFERENCE_KINDS.includes(kind) ? ROLE_SETS.referenceData : ROLE_SETS.ingest;
}
