import { foldPlain } from "../normalise.js";

/**
 * Offers written in words in the texts shoppers see: "buy one get one free", "3 for 2", "2x1",
 * "kaufe 3, zahle 1", "50 % off", "second half price", in the languages of the markets served.
 * Each offer is read as the depth it promises, so a 20 % TPR whose banner says "BOGO" is seen
 * promising 50 %. Percentages count only beside a discount word ("30 % more fibre" is no offer).
 */
export interface WrittenOffer {
  phrase: string;
  pct: number;
}

/** Number words (one to ten) in en, de, fr, es, pt, it, nl, as digits. */
const NUMBER_WORDS: Record<string, number> = Object.fromEntries(
  [
    ["one", "ein", "eins", "eine", "einen", "un", "une", "uno", "una", "um", "uma", "een"],
    ["two", "zwei", "deux", "dos", "dois", "duas", "due", "twee"],
    ["three", "drei", "trois", "tres", "tre", "drie"],
    ["four", "vier", "quatre", "cuatro", "quatro", "quattro"],
    ["five", "funf", "cinq", "cinco", "cinque", "vijf"],
    ["six", "sechs", "seis", "sei", "zes"],
  ].flatMap((words, i) => words.map((w) => [w, i + 1])),
);

const BUY =
  "(?:buy|kaufe|kauf|kaufen|achetez|achete|achetes|compra|compre|compri|comprar|leve|lleva|llevate|prendi|prendine|koop|neem)";
const PAY = "(?:pay|zahle|zahl|zahlen|payez|paye|paga|pague|paghi|pagas|betaal|betaal je)";
const GET =
  "(?:get|and get|bekomme|bekommst|erhalte|erhaltst|recevez|obtenez|llevate|lleva|ganhe|leve|ricevi|krijg|plus)";
const FREE =
  "(?:free|gratis|offert|offerts|offerte|gratuit|gratuits|gratuite|omaggio|in regalo|kostenlos|umsonst|cadeau)";
const FOR =
  "(?:for|fur|pour|por|pelo|per|voor|zum preis von|pour le prix de|por el precio de|pelo preco de|al prezzo di|voor de prijs van|for the price of)";
const OFF =
  "(?:off|rabatt|nachlass|reduction|remise|de reduction|de remise|de descuento|descuento|de desconto|desconto|di sconto|sconto|korting)";
const SAVE =
  "(?:save|saving|spare|sparen|economisez|economise|ahorra|ahorre|ahorro|poupe|poupa|economize|risparmia|risparmio|bespaar|up to|bis zu|jusqu a|hasta|hasta un|ate|fino al|fino a|tot)";
const HALF =
  "(?:half price|half off|halber preis|zum halben preis|moitie prix|a moitie prix|mitad de precio|a mitad de precio|metade do preco|a metade do preco|meta prezzo|a meta prezzo|halve prijs)";
const SECOND = "(?:second|2nd|zweite|zweiter|deuxieme|2e|segundo|segunda|seconda|secondo|tweede)";

const THE = "(?:the|le|la|el|o|a|il|de|het|der|die|das)";

const pct = (x: number) => Math.round(x * 10_000) / 100;

/** Readers of one written offer each: a pattern and the depth its numbers give (null: not an offer). */
const READERS: [RegExp, (m: RegExpExecArray) => number | null][] = [
  [/\bbogof?\b/g, () => 50],
  [
    new RegExp(`\\b${BUY} (\\d+),? ${GET} (\\d+) ${FREE}`, "g"),
    (m) => frac(Number(m[2]), Number(m[1]) + Number(m[2])),
  ],
  [
    new RegExp(`\\b(\\d+) ?\\+ ?(\\d+) ${FREE}`, "g"),
    (m) => frac(Number(m[2]), Number(m[1]) + Number(m[2])),
  ],
  [
    new RegExp(
      `\\b${BUY} (\\d+),? ${PAY} (?:only |nur |seulement |solo |so |alleen )?(\\d+)\\b`,
      "g",
    ),
    (m) => frac(Number(m[1]) - Number(m[2]), Number(m[1])),
  ],
  [
    new RegExp(
      `\\b(\\d+) ${FOR} (\\d+)\\b(?![.,]\\d)(?! ?(?:€|\\$|£|eur|euro|usd|gbp|cad|dollars?|pounds?|p\\b|cents?|ct))`,
      "g",
    ),
    (m) => frac(Number(m[1]) - Number(m[2]), Number(m[1])),
  ],
  [
    /\b(\d+) ?x ?(\d+)\b(?! ?(?:g|kg|ml|cl|l|gr|oz)\b)/g,
    (m) => frac(Number(m[1]) - Number(m[2]), Number(m[1])),
  ],
  [new RegExp(`\\b${SECOND} (?:\\S+ )?${HALF}`, "g"), () => 25],
  [new RegExp(`(?<!${SECOND} (?:\\S+ )?)\\b${HALF}`, "g"), () => 50],
  [
    new RegExp(
      `\\b${BUY} (\\d+),? (?:${GET} )?${THE} (\\d+)(?:st|nd|rd|th|e|eme|er|o|a|º|°|\\.)? (?:\\S+ )?${FREE}`,
      "g",
    ),
    (m) => (Number(m[2]) === Number(m[1]) + 1 ? frac(1, Number(m[2])) : null),
  ],
  [
    /\b(\d+) (?:halen|nehmen|prendre|prenez|llevar|levar|prendere|take),? (\d+) (?:betalen|zahlen|payer|payez|pagar|pagare|pay)\b/g,
    (m) => frac(Number(m[1]) - Number(m[2]), Number(m[1])),
  ],
  [new RegExp(`(\\d+(?:[.,]\\d+)?) ?% ?${OFF}\\b`, "g"), (m) => num(m[1]!)],
  [new RegExp(`\\b${SAVE} (?:\\S+ )?(\\d+(?:[.,]\\d+)?) ?%`, "g"), (m) => num(m[1]!)],
  [
    /(?:^|[\s(])[-−–](\d+(?:[.,]\d+)?) ?%(?=$|[\s!.,;)]*$|[\s!.,;)]+(?:on|auf|sur|en|su|op|in)\b)/g,
    (m) => num(m[1]!),
  ],
];

function frac(part: number, whole: number): number | null {
  return whole > 0 && part > 0 && part < whole ? pct(part / whole) : null;
}

function num(s: string): number | null {
  const x = Number(s.replace(",", "."));
  return Number.isFinite(x) && x > 0 && x <= 100 ? x : null;
}

/** The text folded, single-spaced, with number words as digits. */
function prepared(text: string): string {
  return foldPlain(text)
    .replace(/\s+/gu, " ")
    .replace(/\p{L}+/gu, (w) => (NUMBER_WORDS[w] !== undefined ? String(NUMBER_WORDS[w]) : w));
}

const MONEY = "(?:€|\\$|£|eur|euro|euros|usd|gbp|cad|dollars?|pounds?)";
const AMOUNT = "(\\d+(?:[.,]\\d{1,2})?)";
const NOW =
  "(?:now|only|just|nur|jetzt|nu|seulement|maintenant|solo|ahora|so|agora|apenas|ora|maar|voor maar)";

/**
 * Readers of money written in words, against the regular price: an amount off ("€2 off", "1,50 €
 * Rabatt", "save $1"), a price now ("now only 2.49 €", "nur 1,99 €") and a multi-unit price ("2 for
 * €5"). The amount is read in the shelf's own currency, as a shopper reads it.
 */
const MONEY_READERS: [RegExp, (m: RegExpExecArray, regular: number) => number | null][] = [
  [
    new RegExp(`(?:${MONEY} ?${AMOUNT}|${AMOUNT} ?${MONEY}) ${OFF}\\b`, "g"),
    (m, r) => frac(amount(m[1] ?? m[2]!), r),
  ],
  [
    new RegExp(`\\b${SAVE} (?:${MONEY} ?${AMOUNT}|${AMOUNT} ?${MONEY})`, "g"),
    (m, r) => frac(amount(m[1] ?? m[2]!), r),
  ],
  [
    new RegExp(`\\b${NOW} (?:${MONEY} ?${AMOUNT}|${AMOUNT} ?${MONEY})`, "g"),
    (m, r) => frac(r - amount(m[1] ?? m[2]!), r),
  ],
  [
    new RegExp(`\\b(\\d+) ${FOR} (?:${MONEY} ?${AMOUNT}|${AMOUNT} ?${MONEY})`, "g"),
    (m, r) => frac(Number(m[1]) * r - amount(m[2] ?? m[3]!), Number(m[1]) * r),
  ],
];

const amount = (s: string) => Number(s.replace(",", "."));

/** The offers written in `text`, each with the depth it promises (money read against `regularPrice`). */
export function writtenOffers(text: string, regularPrice?: number): WrittenOffer[] {
  const t = prepared(text);
  const out: WrittenOffer[] = [];
  const read = <A extends unknown[]>(
    readers: [RegExp, (m: RegExpExecArray, ...a: A) => number | null][],
    ...a: A
  ) => {
    for (const [re, depth] of readers) {
      for (const m of t.matchAll(new RegExp(re.source, re.flags))) {
        const d = depth(m as RegExpExecArray, ...a);
        if (d !== null) out.push({ phrase: m[0].trim(), pct: d });
      }
    }
  };
  read(READERS);
  if (regularPrice !== undefined && regularPrice > 0) read(MONEY_READERS, regularPrice);
  return out;
}

const WAS =
  "(?:was|were|instead of|rather than|regular(?:ly)?|normally|statt|anstatt|vorher|bisher|sonst|uvp|au lieu de|avant|prix normal|antes|en lugar de|en vez de|em vez de|invece di|prima|era|voorheen|normaal)";
/** "de 5,49 € por 3,20 €", "van €4 voor €3": the first price of a from-to pair. */
const FROM_TO = "(?:de|van|von|da)";
const TO = "(?:por|a|para|pour|voor|fur|auf|per)";

/**
 * "Was" prices written in a text ("instead of €4.00", "statt 5,49 €", "au lieu de 4,99 €", "van €4
 * voor €3"): a prior price announced in words is a reference price like the structured one. Only
 * amounts with a currency or cents count, so "was 2 weeks" is no price.
 */
export function writtenWasPrices(text: string): { phrase: string; price: number }[] {
  const t = prepared(text);
  const was = new RegExp(
    `\\b${WAS}:? (?:${MONEY} ?${AMOUNT}|${AMOUNT} ?${MONEY}|(\\d+[.,]\\d{2})\\b)`,
    "g",
  );
  const fromTo = new RegExp(
    `\\b${FROM_TO} (?:${MONEY} ?${AMOUNT}|${AMOUNT} ?${MONEY}) ${TO} (?:${MONEY} ?)?\\d`,
    "g",
  );
  return [...t.matchAll(was), ...t.matchAll(fromTo)]
    .map((m) => ({ phrase: m[0].trim(), price: amount(m[1] ?? m[2] ?? m[3]!) }))
    .filter((x) => Number.isFinite(x.price) && x.price > 0);
}
