import { Writable } from "node:stream";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { deliverPending, enqueueLaunch, httpAdapter } from "../../src/channels/index.js";
import { channelPolicy, makeCampaign } from "../../src/channels/testing.js";
import { call, testApp } from "./helpers.js";

// Issue #9, access control: secrets never appear in logs. The request log `autopromo serve` writes
// through pino, the audit chain, error bodies, and the texts kept from outside (a channel's error
// answer echoing our headers) are searched for every secret the test holds.

const receiver = setupServer();
beforeAll(() => receiver.listen({ onUnhandledRequest: "error" }));
afterEach(() => receiver.resetHandlers());
afterAll(() => receiver.close());

/** pino writing JSON lines into an array, as `autopromo serve` logs each request. */
function capturedPino() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const logger = pino({ name: "autopromo-server" }, stream);
  return {
    lines,
    log: (l: { method: string; path: string; status: number; ms: number }) =>
      logger.info(l, "request"),
  };
}

const leaks = (text: string, secrets: string[]) => secrets.filter((s) => text.includes(s));

describe("secrets never appear in logs", () => {
  it("the request log, the audit chain and error bodies hold no token, wherever the client put it", async () => {
    const p = capturedPino();
    const { app, db, tokens } = testApp({ log: p.log });
    const wrong = "apt_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";
    const secrets = [...Object.values(tokens), wrong];
    const bodies: string[] = [];
    const send = async (...a: Parameters<typeof call>) => {
      const res = await call(...a);
      // An event stream never ends: its first frame is enough.
      if ((res.headers.get("Content-Type") ?? "").includes("event-stream"))
        await res.body?.cancel();
      else bodies.push(await res.text());
      return res.status;
    };
    expect(await send(app, "GET", "/campaigns", tokens.admin)).toBe(200);
    expect(
      await send(app, "GET", `/events?access_token=${encodeURIComponent(tokens.viewer)}`),
    ).toBe(200);
    expect(
      await send(app, "GET", `/campaigns?access_token=${encodeURIComponent(tokens.viewer)}`),
    ).toBe(401);
    expect(await send(app, "GET", `/campaigns/${tokens.marketing}`, tokens.marketing)).toBe(404); // pasted where an id belongs
    expect(await send(app, "GET", `/no/such/${tokens.finance}`, tokens.finance)).toBe(404);
    expect(await send(app, "POST", "/autonomy/kill-switch", wrong, { on: true, reason: "r" })).toBe(
      401,
    );
    expect(
      await send(
        app,
        "POST",
        "/autonomy/kill-switch",
        undefined,
        { on: true, reason: "r" },
        { Authorization: `Basic ${Buffer.from(`u:${tokens.admin}`).toString("base64")}` },
      ),
    ).toBe(401);
    expect(
      await send(app, "POST", "/autonomy/kill-switch", tokens.legal, {
        on: true,
        reason: `pasted ${tokens.legal} by mistake`,
      }),
    ).toBe(200);
    expect(
      await send(app, "POST", "/signals/sales", tokens.supply_chain, [
        { sku: tokens.supply_chain, date: "2025-01-01", units: 1, location: "S1" },
      ]),
    ).toBe(200);

    expect(p.lines.length).toBe(9);
    expect(p.lines.join("")).toContain('"path":"/campaigns/[redacted]"');
    expect(leaks(p.lines.join(""), secrets)).toEqual([]);
    expect(leaks(JSON.stringify(db.prepare("SELECT * FROM audit_log").all()), secrets)).toEqual([]);
    // Error bodies explain without quoting what was sent as a credential.
    expect(leaks(bodies.filter((b) => b.includes('"error"')).join(""), secrets)).toEqual([]);
    db.close();
  });

  it("a channel that echoes our request headers in its errors leaves no channel token in the outbox, the API, the dashboard or the metrics", async () => {
    const { app, db, tokens, clock } = testApp();
    const token = "chan-live-7Hq2Zr9WmXk4Pb";
    const url = "https://shop.example.test/v1/promotions";
    let answer = 503;
    receiver.use(
      http.post(url, ({ request }) =>
        HttpResponse.json(
          {
            error: "upstream",
            echo: { authorization: request.headers.get("authorization"), token },
          },
          { status: answer },
        ),
      ),
    );
    const adapters = { ecommerce: httpAdapter("ecommerce", { url, token, maxRetries: 0, clock }) };
    enqueueLaunch(db, makeCampaign({ id: "c-ads", channels: ["ecommerce"] }), {
      policy: channelPolicy(),
      clock,
    });
    expect(await deliverPending(db, adapters, clock)).toMatchObject({ retrying: 1 });
    clock.advance(60_000);
    answer = 400; // now refused for good: failed, rolled back
    expect(await deliverPending(db, adapters, clock)).toMatchObject({ failed: 1 });

    const lastErrors = (
      db.prepare("SELECT last_error FROM outbox WHERE campaign_id = 'c-ads'").all() as {
        last_error: string;
      }[]
    ).map((r) => r.last_error);
    expect(lastErrors.join("\n")).toContain("[redacted]"); // the receiver did echo it
    const seen = [
      lastErrors.join("\n"),
      await (await call(app, "GET", "/campaigns/c-ads", tokens.viewer)).text(),
      await (await call(app, "GET", "/dashboard/panels", tokens.viewer)).text(),
      await (await call(app, "GET", "/metrics", tokens.viewer)).text(),
    ].join("\n");
    expect(seen).toContain("c-ads");
    expect(leaks(seen, [token])).toEqual([]);
    db.close();
  });
});
