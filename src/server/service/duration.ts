import { AutopromoError } from "../../errors.js";

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/**
 * Parses an interval such as `15m`, `30s`, `1h`, `1h30m` or `500ms` into milliseconds; `off` (or
 * `0`) is 0, meaning "never". `what` names the option in the error.
 */
export function parseDuration(text: string, what = "duration"): number {
  const t = text.trim().toLowerCase();
  if (t === "off" || t === "0") return 0;
  const parts = [...t.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (!parts.length || parts.map((p) => p[0]).join("") !== t) {
    throw new AutopromoError(
      "INVALID_INPUT",
      `${what}: not a duration: "${text}" (examples: 15m, 30s, 1h30m, 500ms, off)`,
    );
  }
  return Math.round(parts.reduce((ms, p) => ms + Number(p[1]) * UNIT_MS[p[2]!]!, 0));
}
