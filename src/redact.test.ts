import { describe, expect, it } from "vitest";
import { redactSecrets } from "./redact.js";

describe("redactSecrets", () => {
  it("removes known secrets, API tokens anywhere and credentials after an auth scheme", () => {
    const token = "apt_Zx9-Qm4_abcdefghijklmnopqrstuvwx";
    expect(redactSecrets(`GET /campaigns/${token}`)).toBe("GET /campaigns/[redacted]");
    expect(redactSecrets(`{"headers":{"authorization":"Bearer chan-key-123456"}}`)).toBe(
      `{"headers":{"authorization":"Bearer [redacted]"}}`,
    );
    expect(redactSecrets("upstream: key sk-live-0123456789 rejected", ["sk-live-0123456789"])).toBe(
      "upstream: key [redacted] rejected",
    );
    expect(redactSecrets("Basic dXNlcjpwYXNzd29yZA==")).toBe("Basic [redacted]");
  });

  it("leaves ordinary text alone, and ignores secrets too short to search for", () => {
    expect(redactSecrets("HTTP 503: try later", ["abc", undefined, ""])).toBe(
      "HTTP 503: try later",
    );
    expect(redactSecrets('Bearer realm="autopromo"')).toBe('Bearer realm="autopromo"');
  });
});
