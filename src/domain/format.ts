/**
 * A money amount or unit count as people read it in explanations: rounded, with thousands
 * separators ("12,345"). Written out by hand because the promotion agent formats numbers for
 * thousands of candidates per run, and Intl formatting showed in its profile.
 */
export function formatWhole(x: number): string {
  const n = Math.round(x);
  const digits = String(Math.abs(n));
  let out = "";
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ",";
    out += digits[i];
  }
  return n < 0 ? `-${out}` : out;
}
