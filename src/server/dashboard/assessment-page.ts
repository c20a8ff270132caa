import { renderAssessmentSections, type Assessment } from "../../assess/index.js";
import { esc } from "./html.js";

/**
 * The dashboard's assessment view: the figures of GET /assessment, laid out as the `assess`
 * report is (the same sections and charts), or a plain note when there is no history yet.
 */
export async function renderAssessmentPage(a: Assessment): Promise<string> {
  const head = `<h2 id="assessment-h">Assessment of the promotion history</h2>`;
  const open = `<section id="assessment" aria-labelledby="assessment-h">${head}`;
  if (a.maturity.feeds.every((f) => f.feed !== "sales" || f.rows === 0)) {
    const hint =
      "Ingest sales (autopromo ingest sales <file>, or POST /signals/sales) to assess them.";
    return `${open}<p class="empty" id="no-history">No sales history yet: nothing to assess. ${esc(hint)}</p></section>`;
  }
  return `${open}${await renderAssessmentSections(a)}</section>`;
}
