import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, extname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { PolicyError } from "./errors.js";
import { findBuiltinTampering } from "./guard.js";
import { policySchema } from "./schema.js";
import type { Policy } from "./schema.js";

/** A validated policy with its content-hash version and where it came from. */
export interface LoadedPolicy {
  policy: Policy;
  /** sha256 (hex) of the canonical JSON of the parsed, defaulted policy. */
  version: string;
  source: string;
}

/** The shipped default policy file (policies/default.yaml at the package root, from src/ or dist/). */
export function defaultPolicyPath(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), "../../policies/default.yaml");
}

/** JSON with object keys sorted at every depth, so equal policies hash equally however written. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The policy's version: sha256 of its canonical JSON. */
export function policyVersion(policy: Policy): string {
  return createHash("sha256").update(canonicalJson(policy)).digest("hex");
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => `  - ${i.path.length ? i.path.join(".") : "(root)"}: ${i.message}`)
    .join("\n");
}

/** Validates an already-parsed policy document; refuses any attempt to touch a built-in rule. */
export function validatePolicy(doc: unknown, source = "(inline)"): LoadedPolicy {
  const tampering = findBuiltinTampering(doc ?? {});
  if (tampering.length > 0) {
    const ids = [...new Set(tampering.flatMap((t) => t.ruleIds))];
    const where = tampering.map((t) => t.path).join(", ");
    throw new PolicyError(
      "CONFIG_ERROR",
      `${source}: built-in rule ${ids.join(", ")} cannot be disabled or configured by a policy file (found at ${where}); built-in rules are compiled in`,
      { file: source, ruleId: ids[0] },
    );
  }
  const parsed = policySchema.safeParse(doc ?? {});
  if (!parsed.success) {
    throw new PolicyError(
      "CONFIG_ERROR",
      `${source}: invalid policy\n${describeIssues(parsed.error)}`,
      { file: source, cause: parsed.error },
    );
  }
  return { policy: parsed.data, version: policyVersion(parsed.data), source };
}

/** Parses policy text (YAML, or JSON when `format` is json) and validates it. */
export function parsePolicy(
  text: string,
  source = "(inline)",
  format: "yaml" | "json" = "yaml",
): LoadedPolicy {
  let doc: unknown;
  try {
    doc = format === "json" ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new PolicyError(
      "CONFIG_ERROR",
      `${source}: cannot parse ${format}: ${(e as Error).message}`,
      { file: source, cause: e },
    );
  }
  return validatePolicy(doc, source);
}

/** Loads a policy file (YAML or .json); with no path, the shipped default policy. */
export function loadPolicy(path?: string): LoadedPolicy {
  const file = path ?? defaultPolicyPath();
  if (!existsSync(file))
    throw new PolicyError("FILE_NOT_FOUND", `policy file not found: ${file}`, { file });
  const format = extname(file).toLowerCase() === ".json" ? "json" : "yaml";
  return parsePolicy(readFileSync(file, "utf8"), file, format);
}
