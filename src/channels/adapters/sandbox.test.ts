import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixedClock } from "../../domain/clock.js";
import { launchMessage, retractionOf } from "../message.js";
import { makeCampaign, tempDir } from "../testing.js";
import { createAdapters, httpConfigFromEnv } from "./registry.js";
import { sandboxAdapter, sandboxReceipts } from "./sandbox.js";

const clock = fixedClock("2025-03-01T00:00:00Z");
const campaign = makeCampaign({
  channels: ["store", "ecommerce", "email", "digital_ads"],
  locations: ["S-1", "S-2"],
  audience: { segment: "loyal-cereal", consentVerified: true },
  message: { headline: "Cereal week", body: "2.99 this week only" },
  budget: { media: 500 },
});

describe("sandboxAdapter", () => {
  it("writes a POS CSV for stores and applies each idempotency key once", async () => {
    const dir = tempDir();
    const store = sandboxAdapter("store", { dir, clock });
    const m = launchMessage(campaign, "store");
    const first = await store.deliver(m, { idempotencyKey: "c-1:v1:launch:store" });
    const again = await store.deliver(m, { idempotencyKey: "c-1:v1:launch:store" });
    expect([first.duplicate, again.duplicate]).toEqual([false, true]);
    expect(readFileSync(join(dir, "store", "c-1.csv"), "utf8")).toBe(
      [
        "action,market,location,sku,price,effective_from,effective_to",
        "SET_PROMO,US-EAST,S-1,SKU-1,2.99,2025-03-01,2025-03-14",
        "SET_PROMO,US-EAST,S-2,SKU-1,2.99,2025-03-01,2025-03-14",
        "",
      ].join("\n"),
    );
    await store.retract(retractionOf(m), { idempotencyKey: "c-1:v1:stopped#3:store" });
    expect(readFileSync(join(dir, "store", "c-1.retract.csv"), "utf8")).toContain(
      "REVERT,US-EAST,S-1,SKU-1,3.99,2025-03-01,2025-03-14",
    );
    expect(sandboxReceipts(dir, "store").map((r) => [r.op, r.idempotencyKey])).toEqual([
      ["launch", "c-1:v1:launch:store"],
      ["retract", "c-1:v1:stopped#3:store"],
    ]);
  });

  it("writes JSON for the other channels with what each needs", async () => {
    const dir = tempDir();
    const adapters = createAdapters({ sandboxDir: dir, clock });
    for (const ch of ["ecommerce", "email", "digital_ads"] as const)
      await adapters[ch]!.deliver(launchMessage(campaign, ch), { idempotencyKey: `k-${ch}` });
    const read = (ch: string) =>
      JSON.parse(readFileSync(join(dir, ch, "c-1.json"), "utf8")) as {
        status: string;
        message: { body: unknown };
      };
    expect(read("ecommerce").message.body).toEqual({
      kind: "ecommerce_prices",
      promotions: [
        {
          sku: "SKU-1",
          market: "US-EAST",
          price: 2.99,
          regularPrice: 3.99,
          validFrom: "2025-03-01",
          validTo: "2025-03-14",
        },
      ],
    });
    expect(read("email")).toMatchObject({
      status: "live",
      message: {
        body: {
          kind: "direct_message",
          subject: "Cereal week",
          text: "2.99 this week only",
          audience: { segment: "loyal-cereal" },
        },
      },
    });
    expect(read("digital_ads").message.body).toMatchObject({
      kind: "ad_campaign",
      budget: 500,
      creativeBrief: "Cereal week: 2.99 this week only",
    });
  });

  it("uses HTTP only for channels configured in the environment, and needs a token", () => {
    const http = httpConfigFromEnv({
      AUTOPROMO_CHANNEL_ECOMMERCE_URL: "https://x.test",
      AUTOPROMO_CHANNEL_ECOMMERCE_TOKEN: "t",
    });
    const adapters = createAdapters({ http });
    expect([adapters.ecommerce?.mode, adapters.store?.mode]).toEqual(["http", "sandbox"]);
    expect(() => httpConfigFromEnv({ AUTOPROMO_CHANNEL_SMS_URL: "https://x.test" })).toThrow(
      /AUTOPROMO_CHANNEL_SMS_TOKEN is not$/,
    );
  });
});
