import { DASHBOARD_SCRIPT } from "./script.js";
import { STYLE } from "./style.js";

/** The dashboard shell: static, public and data-free; the panels arrive over the API once a token is entered. */
export function dashboardPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>autopromo — oversight</title><style>${STYLE}</style></head>
<body>
<header><h1>autopromo — promotions under governance</h1><nav aria-label="Views"><a href="#overview" data-view="overview">Overview</a><a href="#assessment" data-view="assessment">Assessment</a><a href="#shadow" data-view="shadow">Shadow</a></nav><span id="status" class="muted" role="status"></span><span id="updated" class="muted"></span><button id="refresh" type="button">Refresh</button><button id="logout" type="button">Forget token</button></header>
<main id="signin" hidden><form id="login" aria-labelledby="login-h"><section><h2 id="login-h">Sign in</h2><p class="muted">Paste an API token (<code>autopromo token create --role marketing --name you</code>). It is kept in this tab only (sessionStorage).</p>
<label for="token">API token</label><input id="token" type="password" autocomplete="off" placeholder="apt_…"><button type="submit" class="ok">Use token</button></section></form></main>
<div id="app" class="layout" hidden><main id="panels" aria-label="Overview"><p class="muted">Loading…</p></main><main id="detail" aria-label="Decision" hidden></main><main id="trust" aria-label="Assessment and shadow" hidden></main>
<aside aria-labelledby="feed-h"><h2 id="feed-h">Live feed <span id="feed-state" class="muted">connecting…</span></h2><ol id="feed" aria-live="polite" tabindex="0" aria-label="Live events, newest first"></ol></aside></div>
<script type="module">${DASHBOARD_SCRIPT}</script>
</body></html>`;
}
