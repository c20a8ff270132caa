/**
 * Page-script part: rewrites every <time data-rel> as relative time plus the clock time in the
 * viewer's time zone ("in 2 days · Wed 9 Dec, 05:53"); the full date and zone go in the title.
 * A bare date (YYYY-MM-DD) is a calendar day, shown without a time. Re-run every minute.
 */
export const TIME_SCRIPT = String.raw`
const ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
const clockFmt = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
const dayFmt = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" });
const fullFmt = new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeStyle: "long" });
function ago(ms) {
  const a = Math.abs(ms), m = Math.round(a / 60000), h = Math.round(a / 3600000), d = Math.round(a / 86400000);
  const t = m < 1 ? "now" : m < 60 ? m + " min" : h < 48 ? h + " h" : d + " days";
  return t === "now" ? "just now" : ms > 0 ? "in " + t : t + " ago";
}
function relTimes(root) {
  for (const el of root.querySelectorAll("time[data-rel]")) {
    const iso = el.getAttribute("datetime");
    if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) {
      const day = Date.parse(iso + "T00:00:00Z");
      const now = new Date(), today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
      const n = Math.round((day - today) / 86400000);
      const rel = n === 0 ? "today" : n === 1 ? "tomorrow" : n === -1 ? "yesterday" : n > 0 ? "in " + n + " days" : -n + " days ago";
      el.textContent = rel + " · " + dayFmt.format(day);
      el.title = iso;
      continue;
    }
    const t = Date.parse(iso);
    if (Number.isNaN(t)) continue;
    el.textContent = ago(t - Date.now()) + (el.dataset.rel === "short" ? "" : " · " + clockFmt.format(t));
    el.title = fullFmt.format(t) + " (" + ZONE + ")";
  }
}
setInterval(() => relTimes(document), 60000);
`;
