import { describe, expect, it } from "vitest";
import { closestFirst } from "./scope-check.js";

describe("closestFirst", () => {
  it("puts the name a typo or a wrong case meant first", () => {
    const categories = ["beverages", "cereal", "frozen", "personal_care", "snacks"];
    expect(closestFirst("Snacks", categories)[0]).toBe("snacks");
    expect(closestFirst("snaks", categories)[0]).toBe("snacks");
    expect(closestFirst("frozn", categories)[0]).toBe("frozen");
    expect(closestFirst("personal", categories)[0]).toBe("personal_care");
    expect(closestFirst("US-WEST", ["CA", "DE", "UK", "US-EAST"])[0]).toBe("US-EAST");
    expect(closestFirst("uk", ["CA", "DE", "UK", "US-EAST"])[0]).toBe("UK");
  });

  it("keeps every option, in alphabetical order among equals", () => {
    expect(closestFirst("zzzzzzzz", ["b", "a", "c"])).toEqual(["a", "b", "c"]);
  });
});
