import type { SerializerProtocol } from "@langchain/langgraph-checkpoint";

/** A value as stored: its serde type and its bytes or JSON text. */
export type Stored = [type: string, data: string | Uint8Array];

const MAX_DEPTH = 64;

/**
 * True when `JSON.stringify(v)` says exactly what the JSON-plus serde would: only strings,
 * numbers, booleans, null, arrays and plain objects, no `undefined`, no cycles. The graph's state
 * is such data (zod-typed records), and the serde's generic path — a cycle-detecting walk, then a
 * replacer called on every key — costs several times the native one.
 */
function isPlainJson(v: unknown, depth = 0): boolean {
  if (v === null) return true;
  switch (typeof v) {
    case "string":
    case "number":
    case "boolean":
      return true;
    case "object": {
      if (depth > MAX_DEPTH) return false;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) if (!isPlainJson(v[i], depth + 1)) return false;
        return true;
      }
      const proto = Object.getPrototypeOf(v) as unknown;
      if (proto !== Object.prototype && proto !== null) return false;
      for (const k in v)
        if (!isPlainJson((v as Record<string, unknown>)[k], depth + 1)) return false;
      return true;
    }
    default:
      return false;
  }
}

/**
 * Encodes and decodes checkpoint values: plain JSON natively, anything else (undefined, Sets,
 * Maps, LangChain objects, bytes) through the serde, whose format it shares, so either reads what
 * the other wrote.
 */
export function createCodec(serde: SerializerProtocol) {
  const decoder = new TextDecoder();
  // A node's output is encoded twice, as its task's write and then as the channel's value in the
  // next checkpoint: the same object (LangGraph keeps state values as given), so the text is kept.
  const encoded = new WeakMap<object, Stored>();
  return {
    async encode(value: unknown): Promise<Stored> {
      const keep = typeof value === "object" && value !== null;
      const known = keep ? encoded.get(value) : undefined;
      if (known) return known;
      const out: Stored = isPlainJson(value)
        ? ["json", JSON.stringify(value)]
        : await serde.dumpsTyped(value);
      if (keep) encoded.set(value, out);
      return out;
    },
    async decode(type: string, data: string | Uint8Array): Promise<unknown> {
      if (type !== "json") return serde.loadsTyped(type, data);
      const text = typeof data === "string" ? data : decoder.decode(data);
      // The serde only revives objects with an `lc` key; JSON.stringify never escapes letters,
      // so text without `"lc"` holds none and parses to the same value directly.
      return text.includes('"lc"') ? serde.loadsTyped(type, text) : JSON.parse(text);
    },
  };
}
export type Codec = ReturnType<typeof createCodec>;
