import type { ApiToken } from "./auth/tokens.js";

/** What middleware puts on the context for the routes behind it. */
export interface AppEnv {
  Variables: {
    /** The authenticated caller (set by the auth middleware on every non-public route). */
    auth: ApiToken;
  };
}
