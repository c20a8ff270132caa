import { describe, expect, it } from "vitest";
import { personOf } from "./voters.js";

describe("the person behind an approver label", () => {
  it.each([
    ["alice (finance)", "alice"],
    ["alice [category_manager]", "alice"],
    ["Alice <alice@corp.com>", "alice"],
    ["alice.smith+ops@corp.com", "alice smith"],
    ["ALICE_SMITH", "alice smith"],
    [" ａｌｉｃｅ ", "alice"],
    ["аlice", "alice"],
    ["ali\u200bce", "alice"],
  ])("%s is %s", (label, person) => {
    expect(personOf(label)).toBe(person);
  });

  it("keeps different people apart", () => {
    expect(new Set(["alice", "alicia", "al ice", "alice2", "bob"].map(personOf)).size).toBe(5);
  });
});
