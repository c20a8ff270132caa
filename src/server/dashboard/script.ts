import { FEED_SCRIPT } from "./script-feed.js";
import { TIME_SCRIPT } from "./script-time.js";

/**
 * The page's script: keeps the token in sessionStorage, loads the server-rendered overview (or a
 * decision's page for #decision/<id>), refreshes it on every live event, writes times relative in
 * the viewer's time zone, and turns data-post buttons into authenticated POSTs. Plain ES2020, no
 * build step.
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
${TIME_SCRIPT}
async function api(method, path, body) {
  const res = await fetch(path, { method, headers: { Authorization: "Bearer " + token(), ...(body ? { "Content-Type": "application/json" } : {}) }, body: body ? JSON.stringify(body) : undefined });
  if (res.status === 401) { sessionStorage.removeItem(KEY); show(); throw new Error("token refused: enter a valid token"); }
  const type = res.headers.get("content-type") || "";
  const data = type.includes("json") ? await res.json() : await res.text();
  if (!res.ok) throw new Error((data && data.error && data.error.message) || res.statusText);
  return data;
}
const decisionId = () => { const m = /^#decision\/(.+)$/.exec(location.hash); return m ? decodeURIComponent(m[1]) : null; };
// The hash names the view: a decision, the assessment, the shadow comparison, or the overview.
const TRUST = ["assessment", "shadow"];
const view = () => decisionId() ? "decision" : TRUST.includes(location.hash.slice(1)) ? location.hash.slice(1) : "overview";
const HEADINGS = { decision: "#decision-h", assessment: "#assessment-h", shadow: "#shadow-h", overview: "#today-h" };
async function refresh() {
  const id = decisionId(), v = view();
  $("#panels").hidden = v !== "overview"; $("#detail").hidden = v !== "decision"; $("#trust").hidden = !TRUST.includes(v);
  for (const a of document.querySelectorAll("header nav a")) { if (a.dataset.view === v) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current"); }
  try {
    if (id) { const html = await api("GET", "/dashboard/decisions/" + encodeURIComponent(id)); $("#detail").innerHTML = html; relTimes($("#detail")); }
    else if (TRUST.includes(v)) { const html = await api("GET", "/dashboard/" + v); if (view() === v) $("#trust").innerHTML = html; }
    else { const html = await api("GET", "/dashboard/panels"); keepEdits(() => { $("#panels").innerHTML = html; }); relTimes($("#panels")); }
    mark("#updated", "updated " + new Date().toLocaleTimeString());
  } catch (e) { say(e.message, true); }
}
window.addEventListener("hashchange", () => { refresh().then(() => { const h = $(HEADINGS[view()]); if (h) { h.tabIndex = -1; h.focus(); } }); });
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
// A cycle announces dozens of events in a burst: one refresh after the burst, not one per event.
function soon() { clearTimeout(timer); timer = setTimeout(refresh, 600); }
${FEED_SCRIPT}
function show() {
  const has = !!token();
  $("#signin").hidden = has; $("#app").hidden = !has;
  if (has) { refresh(); listen(); } else if (source) source.close();
}
$("#login").addEventListener("submit", (e) => { e.preventDefault(); sessionStorage.setItem(KEY, $("#token").value.trim()); $("#token").value = ""; show(); });
$("#refresh").addEventListener("click", () => refresh());
// The next token may see less: nothing rendered for this one stays on the page.
$("#logout").addEventListener("click", () => { sessionStorage.removeItem(KEY); $("#panels").innerHTML = '<p class="muted">Loading…</p>'; $("#detail").replaceChildren(); $("#trust").replaceChildren(); $("#feed").replaceChildren(); say(""); show(); });
// In-page links of the headline scroll without touching the hash (the hash names the view).
document.addEventListener("click", (e) => {
  const a = e.target.closest("a[data-scroll]");
  if (!a) return;
  e.preventDefault();
  const t = document.querySelector(a.getAttribute("href"));
  if (t) { t.scrollIntoView({ block: "start" }); t.tabIndex = -1; t.focus({ preventScroll: true }); }
});
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
