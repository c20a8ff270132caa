import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../domain/clock.js";
import { openDb } from "../../store/db.js";
import { deliverPending } from "../delivery.js";
import { campaignState } from "../events.js";
import { enqueueLaunch } from "../launch.js";
import { campaignOutbox } from "../outbox.js";
import { DeliveryError } from "../errors.js";
import { launchMessage, retractionOf } from "../message.js";
import { channelPolicy, makeCampaign, steppingClock } from "../testing.js";
import { httpAdapter } from "./http.js";

const URL = "https://pricing.example.test/v1/promotions";
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const message = launchMessage(makeCampaign(), "ecommerce");
const sleeps: number[] = [];
const adapter = () => {
  sleeps.length = 0;
  return httpAdapter("ecommerce", {
    url: URL,
    token: "s3cret",
    maxRetries: 2,
    baseDelayMs: 100,
    sleep: async (ms) => void sleeps.push(ms),
    clock: fixedClock("2025-03-01T00:00:00Z"),
  });
};

/** A receiver that applies each Idempotency-Key once and answers 409 to a repeat, like a real API. */
function idempotentReceiver(seen: { key: string | null; auth: string | null; body: unknown }[]) {
  return http.post(URL, async ({ request }) => {
    const key = request.headers.get("idempotency-key");
    const repeat = seen.some((s) => s.key === key);
    seen.push({ key, auth: request.headers.get("authorization"), body: await request.json() });
    return repeat
      ? HttpResponse.json({ error: "duplicate" }, { status: 409 })
      : HttpResponse.json({ id: "promo-77" }, { status: 201 });
  });
}

describe("httpAdapter", () => {
  it("POSTs the message with a Bearer token and the Idempotency-Key; a repeat (409) counts as delivered", async () => {
    const seen: { key: string | null; auth: string | null; body: unknown }[] = [];
    server.use(idempotentReceiver(seen));
    const a = adapter();
    const first = await a.deliver(message, { idempotencyKey: "c-1:v1:launch:ecommerce" });
    const again = await a.deliver(message, { idempotencyKey: "c-1:v1:launch:ecommerce" });
    expect(first).toEqual({
      channel: "ecommerce",
      idempotencyKey: "c-1:v1:launch:ecommerce",
      duplicate: false,
      externalId: "promo-77",
      at: "2025-03-01T00:00:00.000Z",
    });
    expect(again.duplicate).toBe(true);
    expect(seen.map((s) => [s.key, s.auth])).toEqual([
      ["c-1:v1:launch:ecommerce", "Bearer s3cret"],
      ["c-1:v1:launch:ecommerce", "Bearer s3cret"],
    ]);
    expect(seen[0]?.body).toMatchObject({
      campaignId: "c-1",
      op: "launch",
      body: { kind: "ecommerce_prices" },
    });
  });

  it("sends retractions to <url>/retract", async () => {
    let hit = "";
    server.use(
      http.post(
        `${URL}/retract`,
        async ({ request }) => (
          (hit = ((await request.json()) as { op: string }).op),
          HttpResponse.json({})
        ),
      ),
    );
    await adapter().retract(retractionOf(message), { idempotencyKey: "k-r" });
    expect(hit).toBe("retract");
  });

  it("retries 429 and 5xx with exponential backoff (honouring Retry-After), then succeeds", async () => {
    const answers = [
      () => HttpResponse.json({}, { status: 503 }),
      () => HttpResponse.json({}, { status: 429, headers: { "retry-after": "2" } }),
      () => HttpResponse.json({ id: "ok" }),
    ];
    server.use(http.post(URL, () => answers.shift()!()));
    const receipt = await adapter().deliver(message, { idempotencyKey: "k1" });
    expect(receipt.externalId).toBe("ok");
    expect(sleeps).toEqual([100, 2000]);
  });

  it("surfaces a retryable DeliveryError when 5xx persists past its retries", async () => {
    let calls = 0;
    server.use(http.post(URL, () => (calls++, new HttpResponse("upstream down", { status: 502 }))));
    const err = await adapter()
      .deliver(message, { idempotencyKey: "k2" })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err).toMatchObject({
      code: "DELIVERY_RETRYABLE",
      retryable: true,
      status: 502,
      message: "ecommerce: HTTP 502: upstream down",
    });
    expect(calls).toBe(3);
    expect(sleeps).toEqual([100, 200]);
  });

  it("fails other 4xx at once, without retrying", async () => {
    let calls = 0;
    server.use(
      http.post(
        URL,
        () => (calls++, HttpResponse.json({ error: "price below floor" }, { status: 422 })),
      ),
    );
    const err = await adapter()
      .deliver(message, { idempotencyKey: "k3" })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "DELIVERY_REJECTED", retryable: false, status: 422 });
    expect(calls).toBe(1);
  });

  it("treats a network error as retryable", async () => {
    server.use(http.post(URL, () => HttpResponse.error()));
    const err = await adapter()
      .deliver(message, { idempotencyKey: "k4" })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ retryable: true });
    expect(sleeps).toHaveLength(2);
  });

  it("through the outbox: an answer lost after the receiver applied it is resent with the same key and applied once", async () => {
    const applied: string[] = [];
    let loseAnswer = true;
    server.use(
      http.post(URL, ({ request }) => {
        const key = request.headers.get("idempotency-key") ?? "";
        if (applied.includes(key))
          return HttpResponse.json({ error: "duplicate" }, { status: 409 });
        applied.push(key);
        if (loseAnswer)
          return ((loseAnswer = false), new HttpResponse("gateway timeout", { status: 504 }));
        return HttpResponse.json({ id: "x" });
      }),
    );
    const db = openDb(":memory:");
    const clock = steppingClock();
    const ecommerce = httpAdapter("ecommerce", { url: URL, token: "t", maxRetries: 0 });
    enqueueLaunch(db, makeCampaign({ channels: ["ecommerce"] }), {
      policy: channelPolicy(),
      clock,
    });
    expect((await deliverPending(db, { ecommerce }, clock)).retrying).toBe(1);
    clock.advance(30_000);
    expect(await deliverPending(db, { ecommerce }, clock)).toMatchObject({
      delivered: 1,
      duplicates: 1,
      wentLive: ["c-1"],
    });
    expect(applied).toEqual(["c-1:v1:launch:ecommerce"]);
    expect(campaignOutbox(db, "c-1")[0]).toMatchObject({ status: "delivered", attempts: 2 });
    expect(campaignState(db, "c-1")?.status).toBe("live");
    db.close();
  });
});
