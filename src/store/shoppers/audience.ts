import type { Db } from "../db.js";
import { writeTx } from "../write-tx.js";

/** One shopper in an audience segment. */
export interface AudienceMember {
  shopperId: string;
  channel: string;
  discount: boolean;
  expectedMargin: number;
}

/** Replaces a segment's members in one transaction (a re-run after a crash writes the same rows). */
export function saveAudienceMembers(
  db: Db,
  segment: string,
  members: readonly AudienceMember[],
): void {
  const ins = db.prepare(
    "INSERT INTO audience_members (segment, shopper_id, channel, discount, expected_margin) VALUES (?, ?, ?, ?, ?)",
  );
  writeTx(db, () => {
    db.prepare("DELETE FROM audience_members WHERE segment = ?").run(segment);
    for (const m of members)
      ins.run(segment, m.shopperId, m.channel, m.discount ? 1 : 0, m.expectedMargin);
  });
}

/** The shoppers a segment resolves to, for the channel that sends to them. */
export function audienceMembers(db: Db, segment: string): AudienceMember[] {
  const rows = db
    .prepare(
      "SELECT shopper_id, channel, discount, expected_margin FROM audience_members WHERE segment = ? ORDER BY shopper_id",
    )
    .all(segment) as {
    shopper_id: string;
    channel: string;
    discount: number;
    expected_margin: number;
  }[];
  return rows.map((r) => ({
    shopperId: r.shopper_id,
    channel: r.channel,
    discount: r.discount === 1,
    expectedMargin: r.expected_margin,
  }));
}
