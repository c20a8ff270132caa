/**
 * Audience attributes that may never drive targeting: GDPR Art. 9 special categories and the
 * vulnerabilities EU AI Act Art. 5(1)(b) forbids exploiting (age, disability, social or economic
 * situation). Matched on whole words of the attribute name, so `age_band` matches and
 * `average_basket` does not.
 */
export const PROTECTED_TERMS: Record<string, readonly string[]> = {
  "age or minors": ["age", "ages", "minor", "minors", "child", "children", "kid", "kids", "teen", "teens", "teenager", "juvenile", "youth", "underage", "dob", "birthdate", "date of birth", "year of birth", "elderly", "pensioner"],
  health: ["health", "medical", "illness", "disease", "diagnosis", "pregnancy", "pregnant", "mental", "depression", "medication", "prescription", "diabetes", "diabetic", "obesity", "addiction", "alcoholism"],
  disability: ["disability", "disabled", "impairment", "handicap"],
  "financial distress": ["debt", "indebted", "arrears", "overdraft", "payday", "bankruptcy", "insolvency", "distress", "low income", "unemployed", "unemployment", "welfare", "financial hardship", "hardship"],
  "ethnicity or race": ["ethnicity", "ethnic", "race", "racial", "nationality", "immigrant", "migrant"],
  religion: ["religion", "religious", "faith", "caste"],
  "sexual orientation or sex life": ["sexual", "sexuality", "sexual orientation", "sex life", "lgbt", "lgbtq", "gay", "lesbian", "transgender", "gender identity"],
  "political opinion or union membership": ["political", "politics", "trade union"],
  "genetic or biometric data": ["genetic", "biometric"],
  "other vulnerability": ["vulnerable", "vulnerability", "gambling", "gambler", "bereavement", "bereaved", "grief", "lonely", "loneliness"],
};

function words(attribute: string): string[] {
  return attribute
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** The protected categories an attribute name touches (empty when none). */
export function protectedCategoriesOf(attribute: string): string[] {
  const w = words(attribute);
  const text = ` ${w.join(" ")} `;
  return Object.entries(PROTECTED_TERMS)
    .filter(([, terms]) => terms.some((t) => (t.includes(" ") ? text.includes(` ${t} `) : w.includes(t))))
    .map(([category]) => category);
}
