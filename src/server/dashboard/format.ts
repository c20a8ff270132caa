import { esc } from "./html.js";

/** A money amount as the page shows it: whole units with separators ("12,345"), or "–". */
export function money(x: number | null | undefined, currency?: string | null): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "–";
  const s = Math.round(x).toLocaleString("en-US");
  return currency ? `${s} ${currency}` : s;
}

/** A share as a percentage with one decimal ("82.5 %"), or "–". */
export function pct(x: number | null | undefined): string {
  return x === null || x === undefined ? "–" : `${(x * 100).toFixed(1)} %`;
}

/**
 * A timestamp the page script rewrites as relative time in the viewer's time zone ("in 47 h ·
 * Wed 9 Dec 05:53"), or only relative in the short form (the full time is then its tooltip);
 * without the script it reads as UTC.
 */
export function when(iso: string | null | undefined, form: "full" | "short" = "full"): string {
  if (!iso) return "–";
  const utc = iso.length > 10 ? `${iso.slice(0, 16).replace("T", " ")} UTC` : iso;
  return `<time datetime="${esc(iso)}" data-rel="${form}">${esc(utc)}</time>`;
}

const STATUS_LABELS: Record<string, string> = {
  awaiting_approval: "awaiting approval",
  executed: "executed",
  no_action: "no promotion",
  blocked: "blocked by policy",
  rejected: "rejected",
  failed: "failed",
  running: "running",
  scheduled: "scheduled",
  live: "live",
  paused: "paused",
  ended: "ended",
  stopped: "stopped",
  pending: "pending",
  approved: "approved",
};

const DECISION_ORDER = [
  "awaiting_approval",
  "executed",
  "blocked",
  "rejected",
  "failed",
  "running",
  "no_action",
];

/** Where a decision status sorts: the ones people must act on first, "no promotion" last. */
export function statusRank(status: string): number {
  const i = DECISION_ORDER.indexOf(status);
  return i < 0 ? DECISION_ORDER.length : i;
}

/** A status as a readable badge (colour classes in page.ts; the words carry the meaning). */
export function badge(status: string | null | undefined): string {
  const s = status ?? "unknown";
  return `<span class="st st-${esc(s)}">${esc(STATUS_LABELS[s] ?? s.replace(/_/g, " "))}</span>`;
}

/** A verdict as people say it. */
export function verdictWords(v: string | null): string {
  return v === "allow"
    ? "allowed"
    : v === "escalate"
      ? "escalated"
      : v === "block"
        ? "blocked"
        : "not checked";
}
