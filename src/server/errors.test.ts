import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { onError } from "./errors.js";

describe("onError", () => {
  it("answers a write lock held past every wait with 503 STORE_BUSY and Retry-After, not 500", async () => {
    const app = new Hono().onError(onError).post("/x", () => {
      throw Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" });
    });
    const res = await app.request("http://localhost/x", { method: "POST" });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("1");
    expect(await res.json()).toMatchObject({ error: { code: "STORE_BUSY" } });
  });
});
