import { describe, expect, it } from "vitest";
import { call, liveCampaign, testApp } from "./helpers.js";

/** Reads SSE frames from a response until `until` holds (or the stream ends). */
async function readFrames(res: Response, until: (frames: string[]) => boolean): Promise<string[]> {
  const reader = res.body!.getReader();
  const dec = new TextDecoder();
  let buf = "";
  const frames: string[] = [];
  while (!until(frames)) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += dec.decode(value, { stream: true });
    let i: number;
    while ((i = buf.indexOf("\n\n")) >= 0) {
      frames.push(buf.slice(0, i));
      buf = buf.slice(i + 2);
    }
  }
  await reader.cancel();
  return frames;
}

describe("GET /events", () => {
  it("streams campaign and kill-switch changes as server-sent events, with ?access_token= for EventSource", async () => {
    const { app, db, tokens, clock } = testApp();
    await liveCampaign(db, clock);
    const res = await call(app, "GET", `/events?access_token=${encodeURIComponent(tokens.viewer)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/text\/event-stream/);
    const reading = readFrames(res, (f) => f.filter((x) => x.includes("event: ")).length >= 3);
    await new Promise((r) => setTimeout(r, 20));
    await call(app, "POST", "/campaigns/c-1/pause", tokens.marketing, { reason: "price error" });
    await call(app, "POST", "/autonomy/kill-switch", tokens.marketing, {
      on: true,
      reason: "price error",
    });
    const frames = await reading;
    expect(frames[0]).toContain("event: ready");
    const campaign = frames.find((f) => f.includes("event: campaign"))!;
    expect(campaign).toMatch(/^id: \d+/m);
    const data = JSON.parse(
      campaign
        .split("\n")
        .find((l) => l.startsWith("data: "))!
        .slice(6),
    ) as { type: string; data: Record<string, unknown> };
    expect(data).toMatchObject({
      type: "campaign",
      data: { campaignId: "c-1", action: "pause", status: "paused", reason: "price error" },
    });
    expect(frames.some((f) => f.includes("event: kill_switch"))).toBe(true);
    db.close();
  });

  it("the query token works only on /events", async () => {
    const { app, db, tokens } = testApp();
    expect(
      (await call(app, "GET", `/campaigns?access_token=${encodeURIComponent(tokens.viewer)}`))
        .status,
    ).toBe(401);
    db.close();
  });

  it("replays held events after Last-Event-ID", async () => {
    const { app, db, tokens, events } = testApp();
    events.publish("ingest", { n: 1 });
    events.publish("ingest", { n: 2 });
    const res = await call(app, "GET", "/events", tokens.viewer, undefined, {
      "Last-Event-ID": "1",
    });
    const frames = await readFrames(res, (f) => f.some((x) => x.includes('"n":2')));
    expect(frames.some((x) => x.includes('"n":1'))).toBe(false);
    db.close();
  });
});
