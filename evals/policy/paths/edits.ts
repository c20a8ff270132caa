import { applyApprovedEdits, deliverPending } from "../../../src/channels/index.js";
import { scriptedAdapter } from "../../../src/channels/testing.js";
import { validatePolicy } from "../../../src/policies/load.js";
import type { PathCase, PathOutcome } from "./types.js";
import { cliWorld, httpWorld, PATHS_POLICY } from "./world.js";

/**
 * Edit launchability (issue #25, build item 8), through `POST /campaigns/:id/edit` and the CLI's
 * `campaigns edit`. An edit that cannot launch (a channel needing an audience, an unknown
 * channel, dates in the past or not whole weeks, depths and budgets no price can have) must be
 * refused before anyone approves it, answer 4xx (never 500), and never block what follows: a
 * sound edit after it still applies and the outbox still delivers. A sound edit goes through
 * (applied, or waiting for approval when its depth asks for one).
 */

type Changes = Record<string, unknown>;

/** Edits no channel can launch or no calendar allows, however they are written. */
const UNLAUNCHABLE: [string, Changes][] = [
  ["digital ads without an audience", { channels: ["store", "digital_ads"] }],
  ["e-mail without an audience", { channels: ["store", "email"] }],
  ["SMS without an audience", { channels: ["store", "sms"] }],
  ["digital ads only, deeper (would escalate)", { channels: ["digital_ads"], discountPct: 28 }],
  ["an unknown channel", { channels: ["store", "telegram"] }],
  ["a channel in another case", { channels: ["Store", "DIGITAL_ADS"] }],
  ["no channel at all", { channels: [] }],
  ["an end date already past", { endDate: "2025-03-02" }],
  ["an end date not on a whole week", { endDate: "2025-03-27" }],
  ["an end date in another format", { endDate: "30/03/2025" }],
  ["zero weeks", { weeks: 0 }],
  ["a negative depth", { discountPct: -10 }],
  ["a depth of 100 %", { discountPct: 100 }],
  ["a depth as text", { discountPct: "20%" }],
  ["a negative promoted price", { promoPrice: -1 }],
  ["a promoted price above the regular price", { promoPrice: 9 }],
  ["a negative media budget", { budget: { media: -500 } }],
  ["an unknown field beside a sound change", { discountPct: 24, skus: ["SKU-2"] }],
  ["a start date moved to the past", { startDate: "2025-01-06" }],
  ["a title that pressures shoppers", { title: "Last chance: ends tonight!" }],
  ["a title promising more than the depth", { title: "Buy one get one free" }],
];

/** Sound edits of c-1 (25 % TPR, store, four weeks from 2025-02-24). */
const SOUND: [string, Changes][] = [
  ["a shallower depth", { discountPct: 24 }],
  ["a depth needing approval", { discountPct: 28 }],
  ["one more week", { weeks: 5 }],
  ["the end date a week later", { endDate: "2025-04-06" }],
  ["adding e-commerce", { channels: ["store", "ecommerce"] }],
  ["a promoted price", { promoPrice: 3.1 }],
  ["a media budget", { budget: { media: 100 } }],
  ["a new title", { title: "Snack week" }],
];

const through = (status: number, body: Record<string, unknown>) => {
  const edit = (body.edit ?? {}) as { status?: string };
  return status < 300 && (edit.status === "applied" || edit.status === "awaiting_approval");
};

/** Over HTTP: the edit, then a sound edit and a delivery that must not be held up by it. */
async function overHttp(changes: Changes, checkAfter: boolean): Promise<PathOutcome> {
  const w = await httpWorld();
  try {
    const token = w.token("marketing", "mia");
    const r = await w.call("POST", "/campaigns/c-1/edit", token, { changes, reason: "eval" });
    const went = through(r.status, r.body);
    const detail = [
      `edit ${r.status} ${String((r.body.edit as { status?: string } | undefined)?.status ?? (r.body.error as { code?: string } | undefined)?.code)}`,
    ];
    if (r.status >= 500)
      return { through: went, detail: detail.join("; "), crash: `edit answered ${r.status}` };
    if (!checkAfter) return { through: went, detail: detail.join("; ") };
    // Whatever became of it, what follows still works.
    const next = await w.call("POST", "/campaigns/c-1/edit", token, {
      changes: { discountPct: 24 },
      reason: "eval: next",
    });
    detail.push(`next edit ${next.status}`);
    const policy = validatePolicy(PATHS_POLICY, "eval:paths");
    applyApprovedEdits(w.db, { policy, clock: w.clock });
    const sent = await deliverPending(
      w.db,
      { store: scriptedAdapter("store"), ecommerce: scriptedAdapter("ecommerce") },
      w.clock,
    );
    detail.push(`delivery failed ${sent.failed}`);
    const held = next.status !== 200 || sent.failed > 0;
    return {
      through: went,
      detail: detail.join("; "),
      ...(held ? { crash: `held up what follows: ${detail.join("; ")}` } : {}),
    };
  } finally {
    w.close();
  }
}

/** The CLI's flags for a change set, when the CLI can say it. */
function flags(c: Changes): string[] | null {
  const out: string[] = [];
  for (const [k, v] of Object.entries(c)) {
    if (k === "discountPct") out.push("--discount", String(v));
    else if (k === "promoPrice") out.push("--promo-price", String(v));
    else if (k === "endDate") out.push("--end-date", String(v));
    else if (k === "weeks") out.push("--weeks", String(v));
    else if (k === "channels" && Array.isArray(v) && v.length) out.push("--channels", v.join(","));
    else if (k === "budget" && (v as { media?: number }).media !== undefined)
      out.push("--media", String((v as { media: number }).media));
    else return null;
  }
  return out;
}

async function overCli(args: string[]): Promise<PathOutcome> {
  const w = await cliWorld();
  try {
    const r = JSON.parse(
      await w.cli([
        "campaigns",
        "edit",
        "c-1",
        ...args,
        "--by",
        "mia",
        "--reason",
        "eval",
        "--json",
      ]),
    ) as { status: string };
    return {
      through: r.status === "applied" || r.status === "awaiting_approval",
      detail: `cli edit ${r.status}`,
    };
  } catch (e) {
    return { through: false, detail: `cli refused: ${(e as Error).message.split("\n")[0]}` };
  } finally {
    w.close();
  }
}

/** The edit-launchability cases, over HTTP (with what follows) and the CLI where it has flags. */
export function editCases(): PathCase[] {
  const cases: PathCase[] = [];
  const add = (bounds: "in" | "out", list: [string, Changes][]) =>
    list.forEach(([note, changes], i) => {
      cases.push({
        id: `edits:http:${bounds}:${i}`,
        family: "edits",
        bounds,
        note: `http: ${note}`,
        run: () => overHttp(changes, bounds === "out"),
      });
      const f = flags(changes);
      if (f)
        cases.push({
          id: `edits:cli:${bounds}:${i}`,
          family: "edits",
          bounds,
          note: `cli: ${note}`,
          run: () => overCli(f),
        });
    });
  add("out", UNLAUNCHABLE);
  add("in", SOUND);
  return cases;
}
