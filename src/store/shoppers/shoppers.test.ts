import { describe, expect, it } from "vitest";
import { openDb } from "../index.js";
import { audienceMembers, saveAudienceMembers, saveShopperBatch, shoppersAsOf } from "./index.js";

const batch = {
  origin: "test",
  shoppers: [
    { id: "s1", market: "UK", features: { visits_per_month: 3 }, attributes: { age_band: "65+" } },
    { id: "s2", market: "UK", features: { visits_per_month: 1 } },
  ],
  consents: [
    {
      shopperId: "s1",
      channel: "email" as const,
      granted: true,
      asOf: "2026-01-01T00:00:00Z",
      source: "crm",
    },
    {
      shopperId: "s1",
      channel: "email" as const,
      granted: false,
      asOf: "2026-06-01T00:00:00Z",
      source: "crm",
    },
    {
      shopperId: "s1",
      channel: "sms" as const,
      granted: true,
      asOf: "2026-01-01T00:00:00Z",
      source: "crm",
    },
    {
      shopperId: "s2",
      channel: "email" as const,
      granted: true,
      asOf: "2026-12-01T00:00:00Z",
      source: "crm",
    },
  ],
  contacts: [
    { shopperId: "s1", channel: "sms" as const, at: "2026-11-20T09:00:00Z" },
    { shopperId: "s1", channel: "sms" as const, at: "2026-11-10T09:00:00Z" },
  ],
};

describe("shopper store", () => {
  it("reads the consent in force and last week's contacts as of a moment", () => {
    const db = openDb(":memory:");
    expect(saveShopperBatch(db, batch)).toMatchObject({ shoppers: 2, consents: 4, contacts: 2 });
    const [s1, s2] = shoppersAsOf(db, "UK", new Date("2026-11-23T12:00:00Z"));
    expect(s1).toMatchObject({
      consent: { email: false, sms: true },
      contactsThisWeek: 1,
      attributes: { age_band: "65+" },
    });
    // An opt-in dated after the moment does not count yet.
    expect(s2).toMatchObject({ consent: {}, contactsThisWeek: 0 });
    expect(shoppersAsOf(db, "UK", new Date("2026-03-01T00:00:00Z"))[0]!.consent).toEqual({
      email: true,
      sms: true,
    });
  });

  it("stores a batch once, and refuses a bad one naming the field", () => {
    const db = openDb(":memory:");
    saveShopperBatch(db, batch);
    expect(saveShopperBatch(db, batch)).toEqual({
      shoppers: 0,
      consents: 0,
      contacts: 0,
      experiments: 0,
    });
    expect(() =>
      saveShopperBatch(db, {
        ...batch,
        shoppers: [{ id: "s3", market: "UK", features: { visits: "many" } }],
      } as never),
    ).toThrow(/shoppers\.0\.features\.visits/);
  });

  it("replaces an audience segment's members on a re-run", () => {
    const db = openDb(":memory:");
    saveShopperBatch(db, batch);
    saveAudienceMembers(db, "seg", [
      { shopperId: "s1", channel: "sms", discount: true, expectedMargin: 1.2 },
      { shopperId: "s2", channel: "email", discount: false, expectedMargin: 0.4 },
    ]);
    saveAudienceMembers(db, "seg", [
      { shopperId: "s1", channel: "sms", discount: true, expectedMargin: 1.2 },
    ]);
    expect(audienceMembers(db, "seg")).toEqual([
      { shopperId: "s1", channel: "sms", discount: true, expectedMargin: 1.2 },
    ]);
  });
});
