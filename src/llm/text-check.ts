import type { EvaluatedScenario } from "../domain/scenario.js";

/** Whether model text may be shown as part of an explanation, and if not, why. */
export type TextCheck = { ok: true } | { ok: false; reason: string };

// Words that claim authority: only the policy node grants it, and the model cannot know its verdict.
const AUTHORITY =
  /\b(polic(?:y|ies)|governance|approv\w*|pre-?approved|authori[sz]\w*|overrid\w*|sign(?:ed)?[- ]?off|legal|finance|complian\w*|exempt\w*|waiv\w*|bypass\w*|skip\w*|escalat\w*|permi(?:tted|ssion)|sanction\w*|cleared)\b/i;
// Numbers as people write them: 1,234.5 / 12 / 0.75 (signs dropped: "-20" in a date is not a loss).
const NUMBER = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/g;
/** Levels the templates name (the 80 % interval): not a claim about the candidate. */
const STOCK_PHRASES = [80];

/** Every number a candidate carries: its prediction, interval, depth, weeks, and the digits in its ids and dates. */
export function candidateNumbers(c: EvaluatedScenario): number[] {
  const out: number[] = [...STOCK_PHRASES];
  const walk = (v: unknown) => {
    if (typeof v === "number" && Number.isFinite(v)) out.push(Math.abs(v));
    else if (typeof v === "string")
      for (const m of v.match(NUMBER) ?? []) out.push(Number(m.replace(/,/g, "")));
    else if (v && typeof v === "object") for (const x of Object.values(v)) walk(x);
  };
  walk(c.scenario);
  walk(c.prediction);
  return out;
}

/**
 * True when `written` is one of `allowed` rounded to the digits it shows: within half a unit of its
 * last written digit ("300" for 296, "1.3" for 1.25, but not "999" for 1,000).
 */
function matches(written: string, allowed: readonly number[]): boolean {
  const plain = written.replace(/,/g, "");
  const x = Number(plain);
  const dot = plain.indexOf(".");
  const unit =
    dot >= 0
      ? 10 ** -(plain.length - dot - 1)
      : 10 ** (/(?<=[1-9])0*$/.exec(plain)?.[0].length ?? 0);
  return allowed.some((v) => Math.abs(x - v) <= unit / 2 + 1e-9);
}

/**
 * Checks model text against the candidate it speaks for: every number it states must be one of
 * the candidate's (rounded), and it must claim nothing about policy, approvals or authority.
 * @example checkModelText("Earns 290 GBP.", chosen) // { ok: true }
 */
export function checkModelText(text: string, c: EvaluatedScenario): TextCheck {
  const claim = AUTHORITY.exec(text);
  if (claim)
    return {
      ok: false,
      reason: `it speaks of policy or approval ("${claim[0]}"), which only the policy node decides`,
    };
  const allowed = candidateNumbers(c);
  for (const m of text.match(NUMBER) ?? []) {
    if (!matches(m, allowed))
      return {
        ok: false,
        reason: `it states ${m}, which is none of the chosen candidate's numbers`,
      };
  }
  return { ok: true };
}
