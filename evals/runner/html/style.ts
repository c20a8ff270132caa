/** The report's whole stylesheet: system fonts, one accent colour, print-friendly. */
export const REPORT_CSS = `
:root { --ink: #1d2430; --muted: #5b6675; --line: #dde2e8; --bg: #f6f7f9; --pass: #1e7d4f; --fail: #b3261e; --skip: #6b7280; --accent: #1f5fa8; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 32px 28px 64px; }
h1 { font-size: 26px; margin: 0 0 4px; letter-spacing: -0.01em; }
h2 { font-size: 19px; margin: 40px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 0 0 6px; }
.meta { color: var(--muted); font-size: 13px; margin: 0 0 20px; }
.meta code { font-size: 12px; }
.verdict { display: inline-block; padding: 6px 12px; border-radius: 6px; font-weight: 600; margin-bottom: 8px; }
.verdict.pass { background: #e3f3ea; color: var(--pass); }
.verdict.fail { background: #fbe7e5; color: var(--fail); }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 12px; margin: 16px 0; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; }
.card .name { font-weight: 600; }
.card .sub { color: var(--muted); font-size: 13px; }
.badge { display: inline-block; font-size: 11px; font-weight: 700; letter-spacing: .04em; padding: 2px 7px; border-radius: 4px; color: #fff; vertical-align: 1px; }
.badge.pass { background: var(--pass); } .badge.fail { background: var(--fail); } .badge.skipped, .badge.error { background: var(--skip); } .badge.error { background: #8a5a00; }
table { border-collapse: collapse; width: 100%; background: #fff; border: 1px solid var(--line); border-radius: 8px; overflow: hidden; font-size: 14px; }
th, td { padding: 7px 10px; text-align: left; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #eef1f5; font-weight: 600; font-size: 13px; color: var(--muted); }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.suite-first td { border-top: 2px solid var(--line); }
.ok { color: var(--pass); font-weight: 600; } .bad { color: var(--fail); font-weight: 600; } .muted { color: var(--muted); }
.worse { color: var(--fail); } .better { color: var(--pass); }
.misses { background: #fff; border: 1px solid #f0c7c3; border-left: 4px solid var(--fail); border-radius: 6px; padding: 10px 16px; margin: 12px 0; }
.misses ul { margin: 4px 0; padding-left: 20px; }
.charts { display: grid; grid-template-columns: 1fr; gap: 18px; }
figure { margin: 0; background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; }
figure svg { max-width: 100%; height: auto; display: block; }
figcaption { color: var(--muted); font-size: 13px; margin-top: 6px; }
.placeholder { display: flex; align-items: center; justify-content: center; min-height: 140px; border: 2px dashed var(--line); border-radius: 6px; color: var(--muted); font-size: 14px; text-align: center; padding: 12px; }
.history { display: grid; grid-template-columns: repeat(auto-fill, minmax(250px, 1fr)); gap: 12px; }
.history figure { padding: 10px; }
.history h3 { font-size: 13px; font-weight: 600; }
footer { margin-top: 48px; color: var(--muted); font-size: 12px; }
@media print { body { background: #fff; } figure, .card, table { break-inside: avoid; } }
`;
