import type { Db } from "../../store/index.js";
import type { DecisionSource, DecisionView } from "./port.js";

type RecordJson = DecisionView["record"] & { explanation?: string };

/**
 * Decision records straight from the `decisions` table, for a server started without the graph:
 * the dashboard and GET /decisions still work, with the record's own explanation text.
 */
export function tableDecisions(db: Db): DecisionSource {
  const parse = (s: string) => JSON.parse(s) as RecordJson;
  return {
    list: (limit) =>
      (
        db
          .prepare("SELECT record FROM decisions ORDER BY created_at DESC, id DESC LIMIT ?")
          .all(limit) as { record: string }[]
      ).map((r) => parse(r.record)),
    get(id) {
      const row = db.prepare("SELECT record FROM decisions WHERE id = ?").get(id) as
        { record: string } | undefined;
      if (!row) return null;
      const record = parse(row.record);
      return { record, explanation: record.explanation ?? "" };
    },
    awaiting: (requestId) =>
      (
        db
          .prepare(
            "SELECT id FROM decisions WHERE approval_request_id = ? AND status = 'awaiting_approval'",
          )
          .get(requestId) as { id: string } | undefined
      )?.id ?? null,
  };
}
