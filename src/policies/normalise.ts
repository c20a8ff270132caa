/**
 * Identifier and text normalisation: every rule compares names only after this, so case,
 * full-width letters, look-alike letters from other scripts and invisible characters cannot
 * turn a known name into an unknown one (or a protected word into an unprotected one).
 */

/** Invisible characters: zero-width space/joiners, word joiner, BOM, soft hyphen, bidi marks. */
const INVISIBLE =
  /[\u00AD\u061C\u115F\u1160\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFEFF\uFFA0]|\u034F|\u17B4|\u17B5|[\u180B-\u180F]|[\uFE00-\uFE0F]/gu;

/** Letters from Cyrillic and Greek that look like Latin ones (Unicode confusables, the common set). */
const CONFUSABLES: Record<string, string> = {
  а: "a",
  в: "b",
  е: "e",
  ё: "e",
  к: "k",
  м: "m",
  н: "h",
  о: "o",
  р: "p",
  с: "c",
  т: "t",
  у: "y",
  х: "x",
  ѕ: "s",
  і: "i",
  ї: "i",
  ј: "j",
  һ: "h",
  ԁ: "d",
  ԛ: "q",
  ԝ: "w",
  ӏ: "l",
  α: "a",
  β: "b",
  ε: "e",
  ι: "i",
  κ: "k",
  ν: "v",
  ο: "o",
  ρ: "p",
  τ: "t",
  υ: "u",
  χ: "x",
  γ: "y",
  ω: "w",
  ı: "i",
  ɑ: "a",
  ɡ: "g",
  ſ: "s",
};

/** Unicode NFKC, invisible characters removed, look-alikes mapped to Latin, lower case. */
export function foldText(s: string): string {
  const nfkc = s.normalize("NFKC").replace(INVISIBLE, "").toLowerCase();
  let out = "";
  for (const ch of nfkc) out += CONFUSABLES[ch] ?? ch;
  return out;
}

/** Text with accents removed too (for phrase matching: "última" and "ultima" are one word). */
export function foldPlain(s: string): string {
  return foldText(s).normalize("NFD").replace(/\p{M}/gu, "");
}

/**
 * The comparison key of an identifier: folded, and every run of separators (space, `_`, `-`,
 * `.`, `/`) dropped, so `Rival Mart`, `rival-mart` and `RIVALMART` are one name.
 */
export function idKey(s: string): string {
  return foldPlain(s).replace(/[\s_\-./\\:]+/gu, "");
}

/**
 * Words of an attribute name: camelCase, snake_case, kebab-case and spaces split, folded and
 * stripped of accents; digits kept as their own words (`seniors65plus` → seniors, 65, plus).
 */
export function wordsOf(s: string): string[] {
  const visible = s.normalize("NFKC").replace(INVISIBLE, "");
  const split = visible
    .replace(/(\p{Ll})(\p{Lu})/gu, "$1 $2")
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, "$1 $2")
    .replace(/(\p{L})(\p{N})/gu, "$1 $2")
    .replace(/(\p{N})(\p{L})/gu, "$1 $2");
  return foldPlain(split)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Resolves a name against known ids by key; undefined when none matches. */
export function resolveId(name: string, known: Iterable<string>): string | undefined {
  const key = idKey(name);
  for (const k of known) if (idKey(k) === key) return k;
  return undefined;
}

/** True when `list` holds `value` after normalisation. */
export function keyIn(list: readonly string[], value: string): boolean {
  const k = idKey(value);
  return list.some((x) => idKey(x) === k);
}

/** The entry of `record` whose key matches `key` after normalisation (an exact key first). */
export function byKey<V>(record: Record<string, V>, key: string): V | undefined {
  if (Object.hasOwn(record, key)) return record[key];
  const k = idKey(key);
  const hit = Object.keys(record).find((x) => idKey(x) === k);
  return hit === undefined ? undefined : record[hit];
}
