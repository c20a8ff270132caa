import { idKey, wordsOf } from "../normalise.js";
import { PROTECTED_TERMS_I18N, REVIEW_TERMS_I18N } from "./protected-terms-i18n.js";
import { PROTECTED_TERMS_EN, REVIEW_TERMS_EN } from "./protected-terms-en.js";

/** Two tables of categories as one: each category's terms in every language. */
function mergeTerms(
  ...tables: Record<string, readonly string[]>[]
): Record<string, readonly string[]> {
  const out: Record<string, string[]> = {};
  for (const t of tables)
    for (const [c, terms] of Object.entries(t))
      out[c] = [...new Set([...(out[c] ?? []), ...terms])];
  return out;
}

/**
 * The maintained taxonomy of audience attributes that may never drive targeting: GDPR Art. 9
 * special categories and the vulnerabilities EU AI Act Art. 5(1)(b) forbids exploiting (age,
 * disability, social or economic situation), with synonyms and proxies. Attribute names are
 * normalised (Unicode, look-alikes, invisible characters), split into words (snake, camel,
 * kebab, digits) and singularised before matching; phrases match on consecutive words. Every
 * language of the markets served is merged in (protected-terms-en.ts, protected-terms-i18n.ts).
 */
export const PROTECTED_TERMS: Record<string, readonly string[]> = mergeTerms(
  PROTECTED_TERMS_EN,
  PROTECTED_TERMS_I18N,
);
export const REVIEW_TERMS: Record<string, readonly string[]> = mergeTerms(
  REVIEW_TERMS_EN,
  REVIEW_TERMS_I18N,
);

/** Attribute names known to be safe even though a word in them looks protected. */
export const SAFE_FIELDS: readonly string[] = [
  "coupon_age_days",
  "account_age_days",
  "membership_age_days",
  "card_age_days",
  "offer_age_days",
  "data_age_days",
  "stock_age_days",
  "preferred_language",
  "communication_language",
  "language_preference",
  "locale",
  "preferred_store",
  "store_district_manager",
];

/** Nouns that make a following "age" the age of a thing, not of a person. */
const THING_AGE = new Set([
  "coupon",
  "account",
  "card",
  "membership",
  "offer",
  "voucher",
  "listing",
  "data",
  "record",
  "stock",
  "inventory",
  "basket",
  "session",
  "cookie",
  "product",
  "item",
  "email",
  "subscription",
  "relationship",
  "tenure",
  "contract",
  "device",
  "app",
  "file",
  "cache",
  "price",
  "promo",
  "promotion",
]);
const AGE_WORDS = new Set(["age", "aged", "ages"]);

/** Singular of an English plural (good enough for attribute names). */
function singular(w: string): string {
  if (w === "children") return "child";
  if (w === "schoolchildren") return "schoolchild";
  if (w.endsWith("ies") && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith("s") && w.length > 3 && !/(ss|us|is|ics)$/.test(w)) return w.slice(0, -1);
  if (w.endsWith("ics") && w.length > 5) return w.slice(0, -1);
  return w;
}

const SAFE_KEYS = new Set(SAFE_FIELDS.map(idKey));

/** Does the term (one word or a phrase) occur in the attribute's words? */
function matches(term: string, words: string[], text: string, compact: string): boolean {
  const t = term.split(" ");
  if (t.length > 1)
    return text.includes(` ${term} `) || text.includes(` ${t.map(singular).join(" ")} `);
  if (words.includes(term) || words.includes(singular(term))) return true;
  // Names run together ("isPensioner" is split, "seniorcitizen" is not): long terms only, so "age" never hides in "average".
  return term.length >= 6 && compact.includes(term);
}

/** German written without umlauts ("minderjaehrig") folds like the umlauted word ("minderjahrig"). */
const withoutDigraphs = (s: string) => s.replace(/([b-df-hj-np-tv-z])(a|o|u)e/giu, "$1$2");

function hits(attribute: string, table: Record<string, readonly string[]>): string[] {
  if (SAFE_KEYS.has(idKey(attribute))) return [];
  const plain = withoutDigraphs(attribute);
  if (plain !== attribute)
    return [...new Set([...hitsOf(attribute, table), ...hitsOf(plain, table)])];
  return hitsOf(attribute, table);
}

function hitsOf(attribute: string, table: Record<string, readonly string[]>): string[] {
  const raw = wordsOf(attribute);
  const words = raw
    .map(singular)
    .filter((w, i) => !(AGE_WORDS.has(w) && i > 0 && THING_AGE.has(raw[i - 1]!)));
  const thingAge = words.length < raw.length;
  const all = [...new Set([...raw.filter((w) => !(thingAge && AGE_WORDS.has(w))), ...words])];
  const text = ` ${raw.map(singular).join(" ")} `;
  const compact = raw.join("");
  const found = Object.entries(table).filter(([, terms]) =>
    terms.some((t) => !(thingAge && AGE_WORDS.has(t)) && matches(t, all, text, compact)),
  );
  const cats = found.map(([c]) => c);
  // "over 65", "65 plus", "under 18": an age threshold is age (or minors) whatever the words around it.
  if (
    table === PROTECTED_TERMS &&
    / (over|under|above|below|aged) \d{1,3} | \d{1,3} (plus|and over|and older|or older) /.test(
      text,
    ) &&
    !cats.includes("age")
  )
    cats.push("age");
  return cats;
}

/** The protected categories an attribute name touches (empty when none). */
export function protectedCategoriesOf(attribute: string): string[] {
  return hits(attribute, PROTECTED_TERMS);
}

/** The proxy categories an attribute name touches, to be reviewed by a person (empty when none). */
export function reviewCategoriesOf(attribute: string): string[] {
  return hits(attribute, REVIEW_TERMS);
}
