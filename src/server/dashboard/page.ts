import { DASHBOARD_SCRIPT } from "./script.js";

const STYLE = `
:root { font: 14px/1.45 system-ui, sans-serif; color: #111827; background: #f3f4f6; }
body { margin: 0; } header { background: #111827; color: #fff; padding: .6rem 1.2rem; display: flex; gap: 1rem; align-items: center; }
header h1 { font-size: 1.1rem; margin: 0; flex: 1; } main { padding: 1rem 1.2rem; display: grid; grid-template-columns: 2fr 1fr; gap: 1rem; }
section, aside { background: #fff; border-radius: 8px; padding: .8rem 1rem; box-shadow: 0 1px 2px #0001; margin-bottom: 1rem; }
h2 { font-size: 1rem; margin: 0 0 .5rem; } table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .3rem .4rem; border-bottom: 1px solid #e5e7eb; vertical-align: top; }
th { font-size: .8rem; color: #6b7280; } code { font-size: .8rem; } pre { white-space: pre-wrap; font-size: .8rem; max-width: 60ch; }
button { font: inherit; padding: .2rem .6rem; border-radius: 5px; border: 1px solid #9ca3af; background: #fff; cursor: pointer; }
button.ok { background: #059669; color: #fff; border-color: #047857; } button.danger { background: #dc2626; color: #fff; border-color: #b91c1c; }
.muted { color: #6b7280; } .bad { color: #b91c1c; } .good { color: #047857; } .empty { color: #6b7280; font-style: italic; }
.st { padding: 0 .4rem; border-radius: 4px; background: #e5e7eb; font-size: .8rem; } .st-live, .st-executed, .st-approved { background: #d1fae5; }
.st-paused, .st-awaiting_approval, .st-pending { background: #fef3c7; } .st-stopped, .st-failed, .st-rejected, .st-blocked { background: #fee2e2; }
.charts { display: flex; flex-wrap: wrap; gap: .5rem; } figure { margin: 0; } #feed { list-style: none; padding: 0; margin: 0; font: 12px ui-monospace, monospace; max-height: 70vh; overflow: auto; }
#feed li { padding: .2rem 0; border-bottom: 1px solid #f3f4f6; word-break: break-all; } form#login { max-width: 28rem; margin: 3rem auto; }
input { font: inherit; padding: .3rem; width: 100%; box-sizing: border-box; margin: .4rem 0; }
details.edit form { display: grid; gap: .2rem; max-width: 16rem; } details.edit input { margin: 0; } figcaption { font-size: .8rem; max-width: 340px; }
`;

/** The dashboard shell: static, public and data-free; the panels arrive over the API once a token is entered. */
export function dashboardPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>autopromo — operations</title><style>${STYLE}</style></head>
<body>
<header><h1>autopromo — promotions under governance</h1><span id="status" class="muted"></span><span id="updated" class="muted"></span><button id="refresh" type="button">Refresh</button><button id="logout" type="button">Forget token</button></header>
<form id="login" hidden><section><h2>Sign in</h2><p class="muted">Paste an API token (<code>autopromo token create --role marketing --name you</code>). It is kept in this tab only (sessionStorage).</p>
<input id="token" type="password" autocomplete="off" placeholder="apt_…" aria-label="API token"><button type="submit" class="ok">Use token</button></section></form>
<main id="app" hidden><div id="panels"><p class="muted">Loading…</p></div><aside><h2>Live feed <span id="feed-state" class="muted">connecting…</span></h2><ul id="feed"></ul></aside></main>
<script type="module">${DASHBOARD_SCRIPT}</script>
</body></html>`;
}
