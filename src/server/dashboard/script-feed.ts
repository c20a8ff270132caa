/**
 * Page-script part: the live feed. It opens /events with the token in the query (EventSource
 * cannot send headers) and since=0, so what the server announced before the page opened (the
 * start-up cycle, the last approvals) shows at once instead of an empty list until the next
 * event; each event is one readable line and refreshes the view.
 */
export const FEED_SCRIPT = String.raw`
const EVENT_TYPES = ["decision", "approval", "campaign", "kill_switch", "ingest", "run"];
const seen = new Set();
const clip = (s) => (s.length > 90 ? s.slice(0, 89) + "…" : s);
function summary(t, x) {
  const words = (s) => String(s == null ? "" : s).replace(/_/g, " ");
  if (t === "decision") return (x.category ? x.category + " / " + x.market + ": " : "") + words(x.status) + (x.verdict ? " (" + words(x.verdict) + (x.trigger ? ", " + x.trigger : "") + ")" : "");
  if (t === "approval") return x.vote ? x.vote + " by " + x.by + " → " + words(x.status) : "approval requested (" + (x.requestId || "") + ")";
  if (t === "campaign") return (x.campaignId ? x.campaignId + ": " : "") + words(x.action) + (x.status ? " → " + words(x.status) : "") + (x.by ? " by " + x.by : "") + (x.reason ? ": " + clip(x.reason) : "");
  if (t === "kill_switch") return (x.on ? "turned ON" : "turned off") + (x.by ? " by " + x.by : "") + (x.reason ? ": " + x.reason : "");
  if (t === "run") return "run " + words(x.status) + (x.error ? ": " + x.error : "");
  if (t === "ingest") return words(x.kind) + ": " + (x.stored != null ? x.stored + " stored" : "") + (x.quarantined ? ", " + x.quarantined + " quarantined" : "");
  return "";
}
function feed(e) {
  const d = JSON.parse(e.data);
  if (seen.has(d.id)) return;
  seen.add(d.id);
  const li = document.createElement("li");
  li.dataset.type = d.type;
  li.title = JSON.stringify(d.data);
  const at = document.createElement("time");
  at.setAttribute("datetime", d.at); at.dataset.rel = "short";
  const kind = document.createElement("strong");
  kind.textContent = " " + d.type.replace("_", " ") + " ";
  li.append(at, kind, document.createTextNode(summary(d.type, d.data)));
  relTimes(li);
  $("#feed").prepend(li);
  while ($("#feed").children.length > 50) $("#feed").lastChild.remove();
  soon();
}
function listen() {
  if (source) source.close();
  feedState("connecting…");
  source = new EventSource("/events?since=0&access_token=" + encodeURIComponent(token()));
  for (const t of EVENT_TYPES) source.addEventListener(t, feed);
  source.addEventListener("ready", () => feedState("live"));
  source.onerror = () => feedState("reconnecting…", true);
}
`;
