/**
 * The page's only script: keeps the token in sessionStorage, loads the server-rendered panels,
 * refreshes them on every live event (EventSource cannot send headers, hence ?access_token=), and
 * turns data-post buttons into authenticated POSTs. Plain ES2020, no build step.
 */
export const DASHBOARD_SCRIPT = String.raw`
const KEY = "autopromo.token";
const $ = (s) => document.querySelector(s);
let source = null, timer = null;
const token = () => sessionStorage.getItem(KEY);
function mark(sel, text, bad) { const s = $(sel); s.textContent = text; s.className = bad ? "bad" : "muted"; }
// An action's outcome, the panels' last refresh and the feed's connection each have their own
// slot: a refresh (one follows every live event) must hide neither "live" nor "edit applied".
const say = (text, bad) => mark("#status", text, bad);
const feedState = (text, bad) => mark("#feed-state", text, bad);
async function api(method, path, body) {
  const res = await fetch(path, { method, headers: { Authorization: "Bearer " + token(), ...(body ? { "Content-Type": "application/json" } : {}) }, body: body ? JSON.stringify(body) : undefined });
  if (res.status === 401) { sessionStorage.removeItem(KEY); show(); throw new Error("token refused: enter a valid token"); }
  const type = res.headers.get("content-type") || "";
  const data = type.includes("json") ? await res.json() : await res.text();
  if (!res.ok) throw new Error((data && data.error && data.error.message) || res.statusText);
  return data;
}
async function refresh() {
  try { const html = await api("GET", "/dashboard/panels"); keepEdits(() => { $("#panels").innerHTML = html; }); mark("#updated", "updated " + new Date().toLocaleTimeString()); }
  catch (e) { say(e.message, true); }
}
// A refresh must not close an edit someone is typing: open edit forms stay open with their values.
function keepEdits(render) {
  const open = [...document.querySelectorAll("details.edit[open] form[data-edit]")].map((f) => [f.dataset.edit, [...f.elements].filter((x) => x.name).map((x) => [x.name, x.value])]);
  render();
  for (const [edit, values] of open) {
    const f = [...document.querySelectorAll("form[data-edit]")].find((x) => x.dataset.edit === edit);
    if (!f) continue;
    f.closest("details").open = true;
    for (const [name, value] of values) if (f.elements[name]) f.elements[name].value = value;
  }
}
function soon() { clearTimeout(timer); timer = setTimeout(refresh, 150); }
// One readable line per event (scope, status, who); the raw payload follows for the curious.
function summary(t, x) {
  const words = (s) => String(s == null ? "" : s).replace(/_/g, " ");
  if (t === "decision") return (x.category ? x.category + "/" + x.market + " " : "") + words(x.status) + (x.verdict ? " (" + x.verdict + (x.trigger ? ", " + x.trigger : "") + ")" : "");
  if (t === "approval") return x.vote ? x.vote + " by " + x.by + " → " + words(x.status) : "approval requested";
  if (t === "campaign") return words(x.action) + " → " + words(x.status) + (x.by ? " by " + x.by : "") + (x.reason ? ": " + x.reason : "");
  return "";
}
function feed(e) {
  const li = document.createElement("li");
  const d = JSON.parse(e.data);
  const s = summary(d.type, d.data);
  li.textContent = d.at.slice(11, 19) + " " + d.type + (s ? " · " + s : "") + " " + JSON.stringify(d.data);
  $("#feed").prepend(li);
  while ($("#feed").children.length > 30) $("#feed").lastChild.remove();
  soon();
}
function listen() {
  if (source) source.close();
  feedState("connecting…");
  source = new EventSource("/events?access_token=" + encodeURIComponent(token()));
  for (const t of ["decision", "approval", "campaign", "kill_switch", "ingest", "run"]) source.addEventListener(t, feed);
  source.addEventListener("ready", () => feedState("live"));
  source.onerror = () => feedState("reconnecting…", true);
}
function show() {
  const has = !!token();
  $("#login").hidden = has; $("#app").hidden = !has;
  if (has) { refresh(); listen(); } else if (source) source.close();
}
$("#login").addEventListener("submit", (e) => { e.preventDefault(); sessionStorage.setItem(KEY, $("#token").value.trim()); $("#token").value = ""; show(); });
$("#refresh").addEventListener("click", () => refresh());
// The next token may see less: nothing rendered for this one stays on the page.
$("#logout").addEventListener("click", () => { sessionStorage.removeItem(KEY); $("#panels").innerHTML = '<p class="muted">Loading…</p>'; $("#feed").replaceChildren(); say(""); show(); });
document.addEventListener("click", async (e) => {
  const b = e.target.closest("button[data-post]");
  if (!b) return;
  const ask = b.dataset.ask;
  const text = window.prompt(b.textContent + ": " + ask + "?");
  if (text === null || !text.trim()) return;
  b.disabled = true;
  try { await api("POST", b.dataset.post, { ...JSON.parse(b.dataset.body), [ask]: text.trim() }); const what = b.textContent; await refresh(); say(what + " done"); }
  catch (err) { say(err.message, true); b.disabled = false; }
});
document.addEventListener("submit", async (e) => {
  const f = e.target.closest("form[data-edit]");
  if (!f) return;
  e.preventDefault();
  const v = (n) => f.elements[n].value.trim();
  const changes = {};
  if (v("discountPct")) changes.discountPct = Number(v("discountPct"));
  if (v("endDate")) changes.endDate = v("endDate");
  if (v("channels")) changes.channels = v("channels").split(",").map((c) => c.trim()).filter(Boolean);
  try {
    const r = await api("POST", f.dataset.edit, { changes, reason: v("reason") });
    f.closest("details").open = false; // done: the refresh need not keep it
    await refresh();
    say("edit " + r.edit.status + (r.edit.approvalRequestId ? " (approval " + r.edit.approvalRequestId + ")" : "") + ": " + r.edit.summary);
  } catch (err) { say(err.message, true); }
});
show();
`;
