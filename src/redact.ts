/**
 * Keeps secrets out of what autopromo writes for people to read: log lines, error messages stored
 * with a delivery or a decision, the dashboard. Text from outside (a channel's error body, an LLM
 * server's answer, a path someone typed) may echo a secret back, so it is scrubbed before it is kept.
 */

export const REDACTED = "[redacted]";

/** API token secrets carry a fixed prefix (src/server/auth/tokens.ts) so they are recognisable anywhere. */
const API_TOKEN = /apt_[A-Za-z0-9_-]{16,}/g;
/** Credentials after an auth scheme, as a receiver echoing our request headers would show them. */
const AUTH_HEADER = /\b(Bearer|Basic|Token)(\s+)[A-Za-z0-9._~+/=-]{8,}/gi;
/** Known secrets shorter than this are not searched for: they would match ordinary words. */
const MIN_SECRET_LENGTH = 8;

/**
 * `text` with every API token, every credential after `Bearer`/`Basic`/`Token`, and each of
 * `secrets` (the channel tokens and API keys this process holds) replaced by `[redacted]`.
 * @example redactSecrets(`HTTP 401: bad token ${token}`, [token]) // "HTTP 401: bad token [redacted]"
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const s of secrets)
    if (s && s.length >= MIN_SECRET_LENGTH) out = out.split(s).join(REDACTED);
  return out
    .replace(API_TOKEN, REDACTED)
    .replace(AUTH_HEADER, (_m, scheme: string, space: string) => `${scheme}${space}${REDACTED}`);
}
