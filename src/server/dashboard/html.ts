import { esc } from "../../html.js";

export { esc };

/** A small table; cells are already-escaped HTML. */
export function table(head: string[], rows: string[][], empty: string): string {
  if (!rows.length) return `<p class="empty">${esc(empty)}</p>`;
  return `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("")}</tbody></table>`;
}

/** A button the page script turns into an authenticated POST (with a prompt for the reason or comment). */
export function actionButton(
  label: string,
  path: string,
  body: Record<string, unknown>,
  ask: string,
  cls = "",
): string {
  return `<button class="${esc(cls)}" data-post="${esc(path)}" data-body="${esc(JSON.stringify(body))}" data-ask="${esc(ask)}">${esc(label)}</button>`;
}
