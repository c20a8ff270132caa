import { assessHistory, type Assessment } from "../../assess/index.js";
import type { LoadedPolicy } from "../../policies/index.js";
import { compareShadow, shadowRecommendations } from "../../shadow/index.js";
import type { Db } from "../../store/index.js";
import type { ShadowResponse } from "../dashboard/trust-schemas.js";

/** The store's promotion history assessed, measured again only after an ingest. */
export interface AssessmentMemo {
  get(): Assessment;
}

/**
 * Assessing reads the whole sales history (a minute on a large export): one assessment per
 * state of the ingests, shared by the JSON route and the page until the next ingest.
 */
export function assessmentMemo(db: Db): AssessmentMemo {
  const state = db.prepare(
    "SELECT max(id) AS id, count(*) AS n, count(finished_at) AS done FROM ingests",
  );
  let key = "";
  let value: Assessment | null = null;
  return {
    get() {
      const row = state.get() as { id: number | null; n: number; done: number };
      const now = `${row.id}|${row.n}|${row.done}`;
      if (value === null || now !== key) {
        value = assessHistory(db);
        key = now;
      }
      return value;
    },
  };
}

/** The shadow comparison under the server's policy, with tune's proposal (never applied). */
export function shadowEvidence(db: Db, loaded: LoadedPolicy): ShadowResponse {
  const policy = loaded.policy;
  const minSettledWeeks = policy.shadow.minSettledWeeks;
  const report = compareShadow(db, { minSettledWeeks });
  // The policy text is only needed for the proposed diff, which `autopromo tune` prints.
  const tune = shadowRecommendations(report, policy, "").recommendations;
  return { report, tune, minSettledWeeks };
}
