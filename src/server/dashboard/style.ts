/** The page's stylesheet: system fonts, colours with at least 4.5:1 contrast for text. */
export const STYLE = `
:root { font: 14px/1.45 system-ui, sans-serif; color: #111827; background: #f3f4f6; }
body { margin: 0; }
header { background: #111827; color: #fff; padding: .6rem 1.2rem; display: flex; gap: 1rem; align-items: center; }
header h1 { font-size: 1.1rem; margin: 0; flex: 1; }
header .muted { color: #d1d5db; } header .bad { color: #fecaca; }
header nav { display: flex; gap: .8rem; } header nav a { color: #bfdbfe; }
header nav a[aria-current=page] { color: #fff; font-weight: 600; }
#trust section { max-width: 1100px; } #trust table { margin-bottom: 1rem; }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) 22rem; gap: 1rem; padding: 1rem 1.2rem; }
.row { display: grid; grid-template-columns: repeat(auto-fit, minmax(24rem, 1fr)); gap: 1rem; }
section, aside, article { background: #fff; border-radius: 8px; padding: .8rem 1rem; box-shadow: 0 1px 2px #0001; margin-bottom: 1rem; }
.strip { display: flex; gap: 1rem; align-items: center; padding: .5rem 1rem; }
.strip h2, .strip p { margin: 0; } .strip p { flex: 1; }
#headline dl { display: grid; grid-template-columns: repeat(4, 1fr); gap: 1rem; margin: 0; }
#headline dt { font-size: .8rem; color: #4b5563; } #headline dd { margin: 0; font-weight: 600; }
section section, article section { box-shadow: none; padding: 0; }
h2 { font-size: 1.05rem; margin: 0 0 .5rem; } h3 { font-size: .95rem; margin: .8rem 0 .4rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .3rem .4rem; border-bottom: 1px solid #e5e7eb; vertical-align: top; }
th { font-size: .8rem; color: #4b5563; } code { font-size: .8rem; } code.muted { font-size: .7rem; word-break: break-all; }
pre { white-space: pre-wrap; font-size: .85rem; max-width: 90ch; }
a { color: #1d4ed8; }
button { font: inherit; padding: .2rem .6rem; border-radius: 5px; border: 1px solid #6b7280; background: #fff; color: #111827; cursor: pointer; }
button.ok { background: #047857; color: #fff; border-color: #065f46; }
button.danger { background: #b91c1c; color: #fff; border-color: #991b1b; }
.muted { color: #4b5563; } .bad { color: #b91c1c; } .good { color: #047857; } .warn { color: #92400e; }
.empty { color: #4b5563; font-style: italic; }
.st { padding: 0 .4rem; border-radius: 4px; background: #e5e7eb; font-size: .8rem; white-space: nowrap; }
.st-live, .st-executed, .st-approved, .st-pass { background: #d1fae5; }
.st-paused, .st-awaiting_approval, .st-pending, .st-escalate, .st-scheduled { background: #fef3c7; }
.st-stopped, .st-failed, .st-rejected, .st-blocked, .st-block { background: #fee2e2; }
.mk { display: inline-block; margin-right: .8rem; }
meter { width: 5rem; vertical-align: middle; }
svg.spark polyline { fill: none; stroke-width: 2; }
.s-f { stroke: #1d4ed8; fill: #1d4ed8; } .s-r { stroke: #b91c1c; fill: #b91c1c; }
.actuals { font-size: .8rem; color: #4b5563; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: 0; }
dl.facts dt { color: #4b5563; } dl.facts dd { margin: 0; }
#feed { list-style: none; padding: 0; margin: 0; font-size: 12px; max-height: 80vh; overflow: auto; }
#feed li { padding: .25rem 0; border-bottom: 1px solid #f3f4f6; }
form#login { max-width: 28rem; margin: 3rem auto; }
input { font: inherit; padding: .3rem; width: 100%; box-sizing: border-box; margin: .2rem 0 .4rem; }
details.edit form { display: grid; gap: .1rem; max-width: 16rem; } details.edit label { font-size: .8rem; }
figure { margin: 0; } figcaption { font-size: .8rem; max-width: 340px; }
@media (max-width: 900px) { .layout { grid-template-columns: 1fr; } }
`;
