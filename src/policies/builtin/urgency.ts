import type { PromotionProposal } from "../../domain/proposal.js";
import { foldPlain } from "../normalise.js";
import type { PolicyRule } from "../types.js";
import { block, pass } from "../types.js";

/**
 * No fake urgency in words: pressure phrases ("last chance", "today only") in any text a shopper
 * may see — the title included — in the languages of the markets served (English for US-EAST,
 * UK and Canada, German, French for Canada, plus Spanish, Portuguese, Italian and Dutch), matched
 * after normalisation (full-width letters, look-alikes, invisible characters, accents, spacing).
 * A countdown to the real end date is the lawful way to say when a deal ends. Compiled in; blocks.
 */
export const URGENCY_PHRASES: Record<string, readonly string[]> = {
  en: [
    "last chance",
    "final chance",
    "today only",
    "only today",
    "one day only",
    "hurry",
    "ends soon",
    "ending soon",
    "act now",
    "act fast",
    "don t miss out",
    "dont miss out",
    "limited time only",
    "while stocks last",
    "while supplies last",
    "now or never",
    "final hours",
    "last day",
    "selling fast",
    "almost gone",
    "before it s gone",
    "before its gone",
    "going fast",
    "last few left",
    "expires today",
  ],
  de: [
    "letzte chance",
    "nur heute",
    "nur noch heute",
    "heute nur",
    "schnell zugreifen",
    "solange der vorrat reicht",
    "jetzt oder nie",
    "endet bald",
    "nicht verpassen",
    "nur fur kurze zeit",
    "beeilen sie sich",
    "beeil dich",
    "letzter tag",
  ],
  fr: [
    "derniere chance",
    "aujourd hui seulement",
    "seulement aujourd hui",
    "depechez vous",
    "dans la limite des stocks",
    "derniers jours",
    "dernier jour",
    "ne ratez pas",
    "ne manquez pas",
    "faites vite",
    "plus que quelques heures",
  ],
  es: [
    "ultima oportunidad",
    "ultima ocasion",
    "solo hoy",
    "date prisa",
    "ultimas unidades",
    "no te lo pierdas",
    "hasta agotar existencias",
    "por tiempo limitado",
  ],
  pt: [
    "ultima chance",
    "ultima oportunidade",
    "so hoje",
    "apenas hoje",
    "somente hoje",
    "corra",
    "ultimas unidades",
    "nao perca",
    "enquanto durarem os estoques",
    "por tempo limitado",
  ],
  it: [
    "ultima occasione",
    "ultima possibilita",
    "solo oggi",
    "affrettati",
    "fino ad esaurimento scorte",
    "non perdere",
  ],
  nl: ["laatste kans", "alleen vandaag", "op is op", "wees er snel bij", "niet missen"],
};

/**
 * Pressure that phrase lists miss because it carries a number or a time of day ("only 3 left",
 * "24h only", "ends tonight", "nur noch 2 Stunden"): patterns over the folded, single-spaced words.
 */
const N = "(?:\\d+|a few|few|wenige|quelques|pocas|poucas|pochi|enkele)";
export const URGENCY_PATTERNS: Record<string, readonly RegExp[]> = {
  en: [
    new RegExp(` (?:only|just) ${N} (?:left|remaining|to go)\\b`),
    new RegExp(` ${N} (?:left|remaining) in stock `),
    / \d+ ?(?:h|hr|hrs|hours?|minutes?|mins?) only /,
    / only \d+ ?(?:h|hr|hrs|hours?|minutes?|mins?) /,
    / (?:ends?|ending|expires?|over|gone) (?:tonight|today|at midnight|tomorrow|in \d+) /,
    / (?:hours?|minutes?|days?) left /,
    / time is running out /,
    / don t wait /,
    / dont wait /,
    / limited (?:time|stock|offer) /,
    / flash sale /,
    / last (?:few |\d+ )?(?:hours?|minutes?|days?|units?|items?) /,
    / before it ends /,
    / clock is ticking /,
    / grab it (?:now|before|while) /,
  ],
  de: [
    new RegExp(` nur noch ${N} `),
    / (?:endet|vorbei) (?:heute|morgen|bald|um mitternacht|in \d+) /,
    / nur \d+ (?:stunden|std|minuten|tage) /,
    / letzte (?:stunden|tage|gelegenheit) /,
    / jetzt zugreifen /,
    / nicht warten /,
    / solange (?:der )?vorrat /,
  ],
  fr: [
    new RegExp(` plus que ${N} `),
    / (?:se termine|finit|fini) (?:ce soir|aujourd hui|demain|bientot|a minuit) /,
    / dernieres? (?:heures?|pieces|articles|unites) /,
    / derniers? (?:heures?|articles|jours) /,
    / quantites limitees /,
    / n attendez (?:pas|plus) /,
  ],
  es: [
    new RegExp(` (?:solo )?quedan ${N} `),
    / (?:termina|acaba|finaliza) (?:hoy|esta noche|manana|pronto|a medianoche) /,
    / ultimas horas /,
    / ultimos dias /,
    / corre /,
    / no esperes /,
    / solo por hoy /,
  ],
  pt: [
    new RegExp(` (?:so |apenas )?restam ${N} `),
    / (?:termina|acaba) (?:hoje|esta noite|amanha|em breve|a meia noite) /,
    / ultimas horas /,
    / ultimos dias /,
    / corre /,
    / nao espere /,
    / so por hoje /,
  ],
  it: [
    new RegExp(` (?:ne )?restano (?:solo )?${N} `),
    / (?:finisce|termina) (?:oggi|stasera|domani|presto|a mezzanotte) /,
    / ultime ore /,
    / ultimi (?:pezzi|giorni) /,
    / corri /,
    / non aspettare /,
  ],
  nl: [
    new RegExp(` nog maar ${N} `),
    / (?:eindigt|stopt) (?:vandaag|vanavond|morgen|binnenkort|om middernacht) /,
    / laatste (?:dag|uren|stuks) /,
    / wacht niet /,
    / snel zijn /,
  ],
};

/** Letters spelt out one by one ("H.U.R.R.Y", "h u r r y") joined back into their word. */
const joinSpelled = (spacedText: string) =>
  spacedText.replace(/(?<= )(?:\p{L} ){2,}\p{L}(?= )/gu, (m) => m.replace(/ /g, ""));

/** Digits and signs standing in for letters ("L4ST CH4NCE", "hurr¥", "$olo hoy"), inside words only. */
const LEET: Record<string, string> = {
  "0": "o",
  "1": "i",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  "@": "a",
  $: "s",
  "¥": "y",
  "€": "e",
  "|": "l",
  "!": "i",
};
const unLeet = (text: string) =>
  foldPlain(text).replace(/\S+/gu, (w) =>
    /\p{L}/u.test(w) && /[013457@$¥€|!]/u.test(w.replace(/[!]+$/u, ""))
      ? w.replace(/[!]+$/u, "").replace(/[013457@$¥€|!]/gu, (c) => LEET[c] ?? c)
      : w,
  );

/** Words separated by single spaces, after folding. */
const spaced = (s: string) =>
  ` ${foldPlain(s)
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()} `;
const compact = (s: string) => foldPlain(s).replace(/[^\p{L}\p{N}]+/gu, "");

const PHRASES = Object.entries(URGENCY_PHRASES).flatMap(([lang, list]) =>
  list.map((p) => ({ lang, phrase: p, words: spaced(p), compact: compact(p) })),
);

/** The urgency phrases found in `text` (with their language). */
export function urgencyPhrasesIn(text: string): string[] {
  const w = joinSpelled(spaced(text));
  const l = joinSpelled(spaced(unLeet(text)));
  const c = compact(text);
  // Letter-spaced text ("L A S T  C H A N C E") only shows up without spaces: long phrases only, so "vite" never hides in "invite".
  const phrases = PHRASES.filter(
    (x) =>
      w.includes(x.words) ||
      l.includes(x.words) ||
      (x.compact.length >= 9 && c.includes(x.compact)),
  ).map((x) => `"${x.phrase}" (${x.lang})`);
  const patterns = Object.entries(URGENCY_PATTERNS).flatMap(([lang, list]) =>
    list.flatMap((re) => {
      const m = re.exec(w);
      return m ? [`"${m[0].trim()}" (${lang})`] : [];
    }),
  );
  return [...new Set([...phrases, ...patterns])];
}

/** Every text of the proposal a shopper may see. */
export function shopperTexts(p: PromotionProposal): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = [];
  if (p.title) out.push({ where: "title", text: p.title });
  for (const [i, t] of (p.messaging?.texts ?? []).entries())
    out.push({ where: `messaging.texts[${i}]`, text: t });
  return out;
}

export const urgencyRule: PolicyRule = {
  id: "fair_messaging.urgency",
  builtin: true,
  summary:
    "no pressure phrases (last chance, today only, ...) in any shopper-visible text, in the markets' languages",
  check: (p) => {
    const texts = shopperTexts(p);
    const hits = texts
      .map((t) => ({ ...t, found: urgencyPhrasesIn(t.text) }))
      .filter((t) => t.found.length);
    if (hits.length)
      return block(
        `urgency phrase(s) in shopper-visible text: ${hits.map((h) => `${h.where}: ${h.found.join(", ")}`).join("; ")}`,
      );
    return pass(
      texts.length
        ? `no urgency phrase in ${texts.map((t) => t.where).join(", ")}`
        : "no shopper-visible text",
    );
  },
};
