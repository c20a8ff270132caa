import fc from "fast-check";
import { HOSTILE } from "./feeds.js";

/**
 * Random and malformed HTTP request bodies, path parameters and content types for the API fuzz:
 * near-valid bodies with one field made hostile, prototype-pollution keys, random JSON, broken
 * JSON, wrong encodings (invalid UTF-8, UTF-16 with a BOM, Latin-1), deep nesting, huge fields.
 */

export interface FuzzBody {
  label: string;
  bytes: Buffer;
  contentType: string | undefined;
  /** The bytes are well-formed UTF-8 JSON or empty (so a JSON route may legitimately accept them). */
  wellFormedJson: boolean;
}

const HUGE = "x".repeat(300_000);
export const deepArray = (n: number) => "[".repeat(n) + "]".repeat(n);
const deepObject = (n: number) => '{"a":'.repeat(n) + "1" + "}".repeat(n);

/** Values that replace one field of a valid body. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.constantFrom(
    null,
    true,
    0,
    -1,
    1e308,
    -0,
    [],
    {},
    [1, 2],
    { nested: { deeper: [null] } },
    HUGE,
    "\u0000",
    "\uD800",
    "<script>alert(1)</script>",
  ),
  fc.string({ maxLength: 40, unit: "grapheme" }),
  fc.double(),
);

const pollutionKeys = fc.constantFrom(
  '"__proto__":{"polluted":"yes","isAdmin":true}',
  '"constructor":{"prototype":{"polluted":"yes"}}',
  '"prototype":{"polluted":"yes"}',
  '"__proto__":null',
);

const JSON_TYPES = ["application/json", "application/json; charset=utf-8", "APPLICATION/JSON"];
const OTHER_TYPES = [
  "text/plain",
  "text/csv",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/json; charset=utf-16",
  "application/xml",
];
const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...JSON_TYPES) },
  { weight: 3, arbitrary: fc.constantFrom(...OTHER_TYPES) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

const utf8 = (s: string) => Buffer.from(s, "utf8");
const isJson = (s: string) => {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
};

/** A body for a route whose valid body is `template`. */
export function fuzzBody(template: Record<string, unknown>): fc.Arbitrary<FuzzBody> {
  const keys = Object.keys(template);
  const text: fc.Arbitrary<{ label: string; text: string }> = fc.oneof(
    { weight: 2, arbitrary: fc.constant({ label: "valid", text: JSON.stringify(template) }) },
    {
      weight: 6,
      arbitrary: fc
        .tuple(fc.constantFrom(...(keys.length ? keys : ["x"])), hostileValue)
        .map(([k, v]) => ({
          label: `field ${k} hostile`,
          text: JSON.stringify({ ...template, [k]: v }),
        })),
    },
    {
      weight: 3,
      arbitrary: pollutionKeys.map((p) => ({
        label: "pollution keys",
        text: `{${p}${keys.length ? "," : ""}${JSON.stringify(template).slice(1, -1)}}`,
      })),
    },
    {
      weight: 2,
      arbitrary: fc
        .jsonValue({ maxDepth: 4 })
        .map((v) => ({ label: "random JSON", text: JSON.stringify(v) ?? "null" })),
    },
    {
      weight: 3,
      arbitrary: fc
        .oneof(
          fc.constantFrom(
            "",
            "{",
            "}",
            "[",
            "null",
            "[]",
            '""',
            "{nope",
            '{"a":1,}',
            "\u0000",
            "NaN",
            "1e999",
            '{"a":"\\uD800"}',
          ),
          fc
            .nat()
            .map((n) =>
              JSON.stringify(template).slice(0, n % (JSON.stringify(template).length + 1)),
            ),
          fc.string({ maxLength: 60 }),
        )
        .map((t) => ({ label: "malformed JSON", text: t })),
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom(20_000, 100_000).chain((n) =>
        fc.constantFrom(
          { label: `deep array ${n}`, text: deepArray(n) },
          { label: `deep object ${n}`, text: deepObject(n) },
          {
            label: `deep field ${n}`,
            text: JSON.stringify({ ...template, [keys[0] ?? "x"]: "__DEEP__" }).replace(
              '"__DEEP__"',
              deepArray(n),
            ),
          },
        ),
      ),
    },
  );
  const encoded: fc.Arbitrary<{ label: string; bytes: Buffer; wellFormed: boolean }> = fc
    .tuple(
      text,
      fc.constantFrom("utf8", "utf8", "utf8", "utf8", "utf16bom", "latin1", "invalidUtf8"),
    )
    .map(([t, enc]) => {
      if (enc === "utf16bom")
        return {
          label: `${t.label}, UTF-16 BOM`,
          bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t.text, "utf16le")]),
          wellFormed: false,
        };
      if (enc === "latin1")
        return {
          label: `${t.label}, Latin-1`,
          bytes: Buffer.from(`${t.text.slice(0, -1)}é${t.text.slice(-1)}`, "latin1"),
          wellFormed: false,
        };
      if (enc === "invalidUtf8")
        return {
          label: `${t.label}, invalid UTF-8`,
          bytes: Buffer.concat([
            utf8(t.text.slice(0, 1)),
            Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]),
            utf8(t.text.slice(1)),
          ]),
          wellFormed: false,
        };
      // An empty body is no body: a route whose body is optional may accept it.
      return { label: t.label, bytes: utf8(t.text), wellFormed: t.text === "" || isJson(t.text) };
    });
  return fc.tuple(encoded, contentType).map(([e, ct]) => ({
    label: `${e.label} as ${ct ?? "no content type"}`,
    bytes: e.bytes,
    contentType: ct,
    wellFormedJson: e.wellFormed,
  }));
}

/** A path parameter: sometimes a real id, usually hostile (traversal, encodings, injection, huge). */
export function fuzzParam(real: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...real) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(...HOSTILE).map((s) => encodeURIComponent(s) || "%20"),
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        "..%2F..%2Fetc%2Fpasswd",
        "%00",
        "%E0%A4%A",
        "%FF%FE",
        "__proto__",
        "constructor",
        "prototype",
        "x".repeat(5000),
        "%25",
        "a%2Fb",
      ),
    },
    {
      weight: 2,
      arbitrary: fc.string({ minLength: 1, maxLength: 30 }).map((s) => encodeURIComponent(s)),
    },
  );
}

/** A query value (limit, source …). */
export const fuzzQuery: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "1",
    "20",
    "0",
    "-1",
    "1e400",
    "NaN",
    "1001",
    "2.5",
    "",
    "abc",
    "__proto__",
    "%00",
    "x".repeat(3000),
    "pos",
    "a/b",
  ),
  fc.string({ maxLength: 20 }).map((s) => encodeURIComponent(s)),
);
